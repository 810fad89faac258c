"""The registers' summary on a ward's scorecard and in a province's period summary (kieumau.panels)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.urls import reverse

from kieumau.panels import Panel
from units.models import Level, Unit

from . import figures, registers
from .indicators import ward_url
from .models import BudgetLine, Headquarters, LandNorm

TITLE = "Nguồn lực: trụ sở, trang bị, kinh phí"


def ward_panel(unit, year: int, user):
    """One query when the ward has nothing in the registers (then no panel)."""
    if unit.level != Level.COMMUNE:
        return None
    has_hq, has_lines = Unit.objects.filter(pk=unit.pk).annotate(
        has_hq=Exists(Headquarters.objects.filter(unit=OuterRef("pk"))),
        has_lines=Exists(BudgetLine.objects.filter(unit=OuterRef("pk"), year=year))).values_list("has_hq", "has_lines").get()
    if not (has_hq or has_lines):
        return None
    hq = Headquarters.objects.filter(unit=unit).first() if has_hq else None
    funding = figures.totals(list(BudgetLine.objects.filter(unit=unit, year=year).values_list("planned", "disbursed"))
                             if has_lines else [])
    norm = LandNorm.objects.filter(province_id=unit.root_id, ward_kind=hq.ward_kind).first() if hq else None
    held = registers.holdings(unit) if hq else {}
    gap = figures.gap(registers.equipment_lines(unit, hq.ward_kind, held)) if held else None
    return Panel(TITLE, "resources/_panel.html", {
        "hq": hq, "norm": norm, "below": registers.below_norm(hq, norm), "gap": gap,
        "funding": funding, "year": year, "url": ward_url(unit, year)})


def province_panel(province, start, end, user):
    """The equipment shortfall of the province's wards and the funding of the period's years."""
    overview = registers.province(province)
    years = [y for y in overview.funding_years if start.year <= y["year"] <= end.year]
    if not overview.items and not years and not any(r.hq for r in overview.wards):
        return None
    return Panel(TITLE, "resources/_province_panel.html", {
        "overview": overview, "years": years, "url": reverse("resources_province", args=[province.pk]),
        "short_wards": sum(1 for r in overview.wards if r.gap and r.gap.items)})
