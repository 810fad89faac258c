"""The registers' summary on a ward's scorecard and in a province's period summary (kieumau.panels)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.urls import reverse

from kieumau.panels import Panel
from units.models import Level, Unit

from . import figures, registers
from .models import BudgetLine, Headquarters, Holding, LandNorm

TITLE = "Nguồn lực: trụ sở, trang bị, kinh phí"


def ward_panel(unit, year: int, user):
    """One query when the ward has nothing in the registers (then no panel)."""
    if unit.level != Level.COMMUNE:
        return None
    anything = Unit.objects.filter(pk=unit.pk).filter(
        Exists(Headquarters.objects.filter(unit=OuterRef("pk"))) | Exists(BudgetLine.objects.filter(unit=OuterRef("pk"), year=year)))
    if not anything.exists():
        return None
    hq = Headquarters.objects.filter(unit=unit).first()
    funding = figures.totals(list(BudgetLine.objects.filter(unit=unit, year=year).values_list("planned", "disbursed")))
    if hq is None and not funding.lines:
        return None
    norm = LandNorm.objects.filter(province_id=unit.root_id, ward_kind=hq.ward_kind).first() if hq else None
    gap = None
    if hq and Holding.objects.filter(unit=unit).exists():
        gap = figures.gap(registers.equipment_lines(unit, hq.ward_kind))
    return Panel(TITLE, "resources/_panel.html", {
        "hq": hq, "norm": norm, "below": bool(hq and norm and hq.work_land_m2 < norm.work_land_m2), "gap": gap,
        "funding": funding, "year": year, "url": f"{reverse('resources_ward', args=[unit.pk])}?nam={year}"})


def province_panel(province, start, end, user):
    """The equipment shortfall of the province's wards and the funding of the period's years."""
    overview = registers.province(province)
    years = [y for y in overview.funding_years if start.year <= y["year"] <= end.year]
    if not overview.items and not years and not any(r.hq for r in overview.wards):
        return None
    return Panel(TITLE, "resources/_province_panel.html", {
        "overview": overview, "years": years, "url": reverse("resources_province", args=[province.pk]),
        "short_wards": sum(1 for r in overview.wards if r.gap and r.gap.items)})
