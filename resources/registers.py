"""Reading the registers: a ward's state (headquarters against the land norm, equipment against the norm, funding,
staffing) and the province's overview — in a bounded number of queries whatever the number of wards."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from kieumau import clock
from units.models import Unit

from . import figures
from .models import BudgetLine, EquipmentItem, EquipmentNorm, Headquarters, Holding, LandNorm, Source, Staffing, Training


def norm_rows(province_id: int) -> dict[str, list[figures.NormRow]]:
    """The province's equipment norm per kind of ward (two queries)."""
    items = {i.pk: i for i in EquipmentItem.objects.filter(province_id=province_id)}
    out: dict[str, list] = defaultdict(list)
    for n in EquipmentNorm.objects.filter(item__province_id=province_id).order_by("item__position", "item_id"):
        i = items[n.item_id]
        out[n.ward_kind].append(figures.NormRow(i.pk, i.name, i.category, n.quantity, i.unit_price))
    return out


def equipment_lines(unit, kind: str | None) -> list[figures.Line]:
    if not kind:
        return []
    held = dict(Holding.objects.filter(unit=unit).values_list("item_id", "quantity"))
    return figures.lines(norm_rows(unit.root_id).get(kind, []), held)


@dataclass
class Ward:
    unit: Unit
    year: int
    hq: Headquarters | None
    land_norm: LandNorm | None
    items: list  # EquipmentItem of the province, each with .held (None: not recorded) and .norm (for the ward's kind)
    lines: list  # figures.Line, the norm items with quantity > 0
    gap: figures.Gap
    has_holdings: bool
    budget: list
    budget_totals: figures.Totals
    staffing: Staffing | None
    trainings: list = field(default_factory=list)

    @property
    def below_land_norm(self) -> bool:
        return bool(self.hq and self.land_norm and self.hq.work_land_m2 < self.land_norm.work_land_m2)


def ward(unit, year: int) -> Ward:
    hq = Headquarters.objects.filter(unit=unit).select_related("updated_by").first()
    kind = hq.ward_kind if hq else None
    land = LandNorm.objects.filter(province_id=unit.root_id, ward_kind=kind).first() if kind else None
    items = list(EquipmentItem.objects.filter(province_id=unit.root_id).order_by("position", "pk"))
    norms = {(n.item_id, n.ward_kind): n.quantity for n in EquipmentNorm.objects.filter(item__province_id=unit.root_id)}
    held = dict(Holding.objects.filter(unit=unit).values_list("item_id", "quantity"))
    for i in items:
        i.held, i.norm = held.get(i.pk), norms.get((i.pk, kind), 0) if kind else None
        i.missing = max((i.norm or 0) - (i.held or 0), 0) if kind else None
    rows = [figures.NormRow(i.pk, i.name, i.category, i.norm, i.unit_price) for i in items if kind]
    lines = figures.lines(rows, held)
    budget = list(BudgetLine.objects.filter(unit=unit, year=year))
    return Ward(unit, year, hq, land, items, lines, figures.gap(lines), bool(held), budget,
                figures.totals([(b.planned, b.disbursed) for b in budget]),
                Staffing.objects.filter(unit=unit, year=year).first(),
                list(Training.objects.filter(unit=unit, year=year)))


def years_with_data(unit) -> list[int]:
    years = set(BudgetLine.objects.filter(unit=unit).values_list("year", flat=True))
    years |= set(Staffing.objects.filter(unit=unit).values_list("year", flat=True))
    return sorted(years | {clock.today().year})


# --- the province ----------------------------------------------------------------------------------------------------

@dataclass
class WardGap:
    unit: Unit
    hq: Headquarters | None
    land_norm: LandNorm | None
    gap: figures.Gap | None  # None: no kind recorded, or no holdings recorded
    lines: list

    @property
    def below(self) -> bool:
        return bool(self.hq and self.land_norm and self.hq.work_land_m2 < self.land_norm.work_land_m2)

    @property
    def not_design(self) -> bool:
        return bool(self.hq and not self.hq.follows_design)


@dataclass
class Province:
    province: Unit
    wards: list  # WardGap, by cost to close
    lines: list  # figures.Line for the province, by cost
    gap: figures.Gap
    land_norms: list
    items: list  # EquipmentItem with .per_kind {kind: quantity}
    funding: list  # dicts: year, source, planned, disbursed, lines
    funding_years: list  # dicts: year, planned, disbursed
    below_norm: list  # WardGap whose land for work is below the norm
    not_design: list  # WardGap whose headquarters does not follow the design
    without_hq: list  # wards without a headquarters record


def wards_of(province):
    return Unit.objects.within(province).valid_on(clock.today()).wards().order_by("name")


def province(prov) -> Province:
    """Eight queries whatever the number of wards."""
    wards = list(wards_of(prov))
    ids = [w.pk for w in wards]
    hqs = {h.unit_id: h for h in Headquarters.objects.filter(unit_id__in=ids)}
    land = {n.ward_kind: n for n in LandNorm.objects.filter(province=prov)}
    norms = norm_rows(prov.pk)
    held: dict[int, dict] = defaultdict(dict)
    for unit_id, item_id, qty in Holding.objects.filter(unit_id__in=ids).values_list("unit_id", "item_id", "quantity"):
        held[unit_id][item_id] = qty
    rows = []
    for w in wards:
        hq = hqs.get(w.pk)
        lines = figures.lines(norms.get(hq.ward_kind, []), held[w.pk]) if hq and w.pk in held else []
        gap = figures.gap(lines) if hq and w.pk in held else None
        rows.append(WardGap(w, hq, land.get(hq.ward_kind) if hq else None, gap, lines))
    rows.sort(key=lambda r: (r.gap is None, -(r.gap.cost if r.gap else 0), -(r.gap.items if r.gap else 0), r.unit.name))
    all_lines = figures.by_cost(figures.province_lines({r.unit.pk: r.lines for r in rows}))
    items = list(EquipmentItem.objects.filter(province=prov).prefetch_related("norms").order_by("position", "pk"))
    for i in items:
        i.per_kind = {n.ward_kind: n.quantity for n in i.norms.all()}
    return Province(prov, rows, all_lines, figures.gap(all_lines), sorted(land.values(), key=lambda n: n.ward_kind), items,
                    *_funding(prov),
                    [r for r in rows if r.below], [r for r in rows if r.not_design], [r.unit for r in rows if r.hq is None])


def _funding(prov) -> tuple[list, list]:
    """Totals per year and source of the lines of the province and every unit under it (one query). Added up here, in
    Decimal: a database's SUM over decimals may pass through binary floating point (SQLite)."""
    per: dict[tuple, dict] = {}
    years: dict[int, dict] = {}
    for year, source, planned, disbursed in BudgetLine.objects.filter(unit__path__startswith=prov.path).values_list(
            "year", "source", "planned", "disbursed"):
        for row in (per.setdefault((year, source), {"year": year, "source": source, "label": Source(source).label,
                                                    "planned": figures.ZERO, "disbursed": figures.ZERO, "lines": 0}),
                    years.setdefault(year, {"year": year, "planned": figures.ZERO, "disbursed": figures.ZERO, "lines": 0})):
            row["planned"] += planned
            row["disbursed"] += disbursed
            row["lines"] += 1
    order = {s: i for i, s in enumerate(Source.values)}
    return (sorted(per.values(), key=lambda r: (-r["year"], order[r["source"]])),
            sorted(years.values(), key=lambda y: -y["year"]))
