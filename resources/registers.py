"""Reading the registers: a ward's state (headquarters against the land norm, equipment against the norm, funding,
staffing) and the province's overview — in a bounded number of queries whatever the number of wards."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from kieumau import clock
from units.models import Unit

from . import figures
from .models import BudgetLine, EquipmentItem, EquipmentNorm, Headquarters, Holding, LandNorm, Source, Staffing, Training


def items_for(unit):
    """The norm items of the ward's province (the province on today's map that holds it), in the table's order."""
    return EquipmentItem.objects.filter(province_id=unit.root_id).order_by("position", "pk")


def holdings(unit) -> dict[int, int]:
    """Item id → pieces, for the items the ward has recorded."""
    return dict(Holding.objects.filter(unit=unit).values_list("item_id", "quantity"))


def equipment_lines(unit, kind: str, held: dict[int, int]) -> list[figures.Line]:
    """The province's norm items above 0 for ``kind`` against what the ward holds (one query)."""
    norms = (EquipmentNorm.objects.filter(item__province_id=unit.root_id, ward_kind=kind, quantity__gt=0)
             .select_related("item").order_by("item__position", "item_id"))
    return figures.lines([figures.NormRow(n.item_id, n.item.name, n.item.category, n.quantity, n.item.unit_price)
                          for n in norms], held)


def below_norm(hq: Headquarters | None, norm: LandNorm | None) -> bool:
    """Whether the ward's land for work is below its kind's norm (False without either record)."""
    return bool(hq and norm and hq.work_land_m2 < norm.work_land_m2)


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
        return below_norm(self.hq, self.land_norm)


def ward(unit, year: int) -> Ward:
    hq = Headquarters.objects.filter(unit=unit).select_related("updated_by").first()
    kind = hq.ward_kind if hq else None
    land = LandNorm.objects.filter(province_id=unit.root_id, ward_kind=kind).first() if kind else None
    items = list(items_for(unit))
    norms = dict(EquipmentNorm.objects.filter(item__province_id=unit.root_id, ward_kind=kind)
                 .values_list("item_id", "quantity")) if kind and items else {}
    held = holdings(unit)
    for i in items:
        i.held, i.norm = held.get(i.pk), norms.get(i.pk, 0) if kind else None
        i.missing = max(i.norm - (i.held or 0), 0) if kind else None
    lines = figures.lines([figures.NormRow(i.pk, i.name, i.category, i.norm, i.unit_price) for i in items], held) if kind else []
    budget = list(BudgetLine.objects.filter(unit=unit, year=year))
    return Ward(unit, year, hq, land, items, lines, figures.gap(lines), bool(held), budget,
                figures.totals([(b.planned, b.disbursed) for b in budget]),
                Staffing.objects.filter(unit=unit, year=year).first(),
                list(Training.objects.filter(unit=unit, year=year)))


def years_with_data(unit) -> list[int]:
    years = BudgetLine.objects.filter(unit=unit).order_by().values_list("year", flat=True).union(
        Staffing.objects.filter(unit=unit).order_by().values_list("year", flat=True))
    return sorted(set(years) | {clock.today().year})


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
        return below_norm(self.hq, self.land_norm)

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
    """Seven queries whatever the number of wards."""
    wards = list(wards_of(prov))
    ids = [w.pk for w in wards]
    hqs = {h.unit_id: h for h in Headquarters.objects.filter(unit_id__in=ids)}
    land = {n.ward_kind: n for n in LandNorm.objects.filter(province=prov)}
    items = list(EquipmentItem.objects.filter(province=prov).prefetch_related("norms").order_by("position", "pk"))
    norms: dict[str, list] = defaultdict(list)  # kind of ward → the norm rows, in the table's order
    for i in items:
        i.per_kind = {n.ward_kind: n.quantity for n in i.norms.all()}
        for kind, quantity in i.per_kind.items():
            norms[kind].append(figures.NormRow(i.pk, i.name, i.category, quantity, i.unit_price))
    held: dict[int, dict] = {}
    for unit_id, item_id, qty in Holding.objects.filter(unit_id__in=ids).values_list("unit_id", "item_id", "quantity"):
        held.setdefault(unit_id, {})[item_id] = qty
    rows = []
    for w in wards:
        hq = hqs.get(w.pk)
        counted = hq is not None and w.pk in held
        lines = figures.lines(norms.get(hq.ward_kind, []), held[w.pk]) if counted else []
        rows.append(WardGap(w, hq, land.get(hq.ward_kind) if hq else None, figures.gap(lines) if counted else None, lines))
    rows.sort(key=lambda r: (r.gap is None, -(r.gap.cost if r.gap else 0), -(r.gap.items if r.gap else 0), r.unit.name))
    all_lines = figures.by_cost(figures.province_lines({r.unit.pk: r.lines for r in rows}))
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
