"""The national page's read model: every province of a year's map, its wards, results and roadmap, in a fixed number of
queries whatever the number of provinces and wards.

Each figure is read once for the whole country and grouped by province in Python; nothing here queries per province.
The roadmap figures follow the roadmap's own rules (roadmaps.services.build) on each plan's land: the wards of the
province the plan was written for and the wards they became (or were formed from), counted at the year's end.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Min, Q, Value
from django.db.models.functions import StrIndex, Substr

from assessments import recognition
from assessments.models import Assessment, CriterionResult, Recognition
from kieumau.collation import vi_sorted
from roadmaps.models import Plan
from roadmaps.services import NEAR_LIMIT, first_recognitions
from units.models import Level, Lineage, Unit
from units.territory import display_name, year_end

from . import progress as pg

NOT_MET = ("fail", "missing")
TOP_PER_PROVINCE, TOP_NATIONAL = 3, 5


@dataclass
class ProvinceRow:
    province: Unit
    wards: int = 0  # wards (phường) of the province at the year's end: the units the program is about
    assessed: int = 0
    meeting: int = 0  # assessed wards whose stored evaluation meets all criteria
    recognized: int = 0  # wards holding a standing title at the year's end (own or carried)
    missed: list = field(default_factory=list)  # (criterion code, title, wards not meeting it), most first
    plan: Plan | None = None
    progress: pg.Progress = field(default_factory=lambda: pg.Progress(pg.NO_PLAN))

    @property
    def recognized_share(self) -> float:
        return pg.share(self.recognized, self.wards)

    @property
    def target_share(self) -> float | None:
        """Where the target falls on the province's bar: a count of wards on the same scale as the recognized ones (the
        target is set on the plan's land, which may be only part of the province; the numbers say so beside it)."""
        p = self.progress
        return pg.share(p.target, self.wards) if p.target is not None and self.wards else None

    @property
    def target_marker(self) -> float:
        """The left edge of the chart's target mark (0.8 wide, centred on the target, kept inside the bar)."""
        return min(max((self.target_share or 0) - 0.4, 0), 99.2)

    @property
    def plan_province(self) -> str:
        return display_name(self.plan.province) if self.plan else ""


@dataclass
class National:
    year: int
    rows: list
    missed: list  # the country's most-missed criteria: (code, title, wards)
    is_demo: bool

    @property
    def totals(self) -> dict:
        rows = self.rows
        targets = [r.progress.target for r in rows if r.progress.target_year == self.year]
        return {"provinces": len(rows), "wards": sum(r.wards for r in rows), "assessed": sum(r.assessed for r in rows),
                "meeting": sum(r.meeting for r in rows), "recognized": sum(r.recognized for r in rows),
                "target": sum(targets) if targets else None,
                "verdicts": pg.verdict_counts([r.progress.verdict for r in rows])}


def build(year: int, today: dt.date) -> National:
    end = year_end(year)
    provinces = vi_sorted(Unit.objects.filter(level=Level.PROVINCE).valid_on(end), key=lambda p: p.name)
    rows = {p.pk: ProvinceRow(p) for p in provinces}
    ward_root = {pk: _root(path) for pk, path in Unit.objects.wards().valid_on(end).values_list("pk", "path")}
    ward_root = {pk: root for pk, root in ward_root.items() if root in rows}
    for root in ward_root.values():
        rows[root].wards += 1
    judged, is_demo = _assessments(year, ward_root, rows, pipeline=year == today.year)
    recs = list(Recognition.objects.filter(year__lte=year).select_related("unit").prefetch_related("reviews")
                .order_by("year", "decision_date", "pk"))
    holdings = recognition.holdings(recs, year, recognition.successor_edges({r.unit_id for r in recs}))
    held = {h.holder.pk for h in holdings if h.standing}
    for pk in held & ward_root.keys():
        rows[ward_root[pk]].recognized += 1
    national_missed = _missed(year, rows)
    _roadmaps(year, today, rows, recs, holdings, judged, ward_root)
    return National(year, list(rows.values()), national_missed, is_demo)


def _root(path: str) -> int:
    return int(path.strip("/").split("/")[0])


def _assessments(year: int, ward_root: dict, rows: dict, pipeline: bool) -> tuple[dict, bool]:
    """Count assessed and meeting wards per province; return ward → criteria not met (evaluated assessments only), which
    only the current year's forecast reads (``pipeline``): a past year is judged on its outcome, without the results."""
    judged: dict[int, int] = {}
    is_demo = False
    qs = Assessment.objects.filter(year=year).filter(unit__level=Level.COMMUNE, unit__kind="Phường")
    if pipeline:
        qs = qs.annotate(not_met=Count("results", filter=Q(results__status__in=NOT_MET)), results_n=Count("results"))
    else:
        qs = qs.annotate(not_met=Value(0), results_n=Value(0))
    qs = qs.values_list("unit_id", "meets_standard", "not_met", "results_n", "is_demo")
    for unit_id, meets, not_met, results_n, demo in qs:
        root = ward_root.get(unit_id)
        if root is None:  # a ward that ended before the year's end: its record is history, not this map's
            continue
        rows[root].assessed += 1
        rows[root].meeting += bool(meets)
        is_demo = is_demo or demo
        if results_n:
            judged[unit_id] = not_met
    return judged, is_demo


def _missed(year: int, rows: dict) -> list:
    """Per province (into ``rows``) and for the country: the criteria most wards fail or lack data for, from the
    stored results, grouped in the database by the province at the head of each ward's path."""
    rest = Substr("assessment__unit__path", 2)  # "12/40/977/" from "/12/40/977/": the province id ends at the first "/"
    qs = (CriterionResult.objects.filter(assessment__year=year, status__in=NOT_MET, assessment__unit__level=Level.COMMUNE,
                                         assessment__unit__kind="Phường")
          .filter(Q(assessment__unit__valid_from__isnull=True) | Q(assessment__unit__valid_from__lte=year_end(year)))
          .filter(Q(assessment__unit__valid_until__isnull=True) | Q(assessment__unit__valid_until__gt=year_end(year)))
          .annotate(root=Substr(rest, 1, StrIndex(rest, Value("/")) - 1))
          .values("root", "criterion__code").annotate(n=Count("id"), title=Min("criterion__title"), pos=Min("criterion__position"))
          .values_list("root", "criterion__code", "n", "title", "pos"))
    per: dict[int, dict] = {}
    titles, order, country = {}, {}, {}
    for root, code, n, title, pos in qs:
        if not root or int(root) not in rows:
            continue
        per.setdefault(int(root), {})[code] = n
        titles.setdefault(code, title)
        order[code] = min(pos, order.get(code, pos))
        country[code] = country.get(code, 0) + n
    for pk, counts in per.items():
        rows[pk].missed = [(c, titles[c], n) for c, n in pg.most_missed(counts, order, TOP_PER_PROVINCE)]
    return [(c, titles[c], n) for c, n in pg.most_missed(country, order, TOP_NATIONAL)]


def _roadmaps(year: int, today: dt.date, rows: dict, recs: list, holdings: list, judged: dict, ward_root: dict) -> None:
    """Each province's plan in force and its standing (progress.progress) on the plan's land."""
    plans = list(Plan.objects.filter(replaced_by__isnull=True).select_related("province").prefetch_related("target_rows"))
    if not plans:
        return
    chosen = plans_in_force(list(rows.values()), plans)
    # The roadmap reads the land up to the end of its plan; what existed after the end of ``year`` (at most the current
    # one) holds no ward then and no recognition of ``year`` or before, so the land is read up to the year's end.
    last = year_end(year)
    known = dict(ward_root) | {r.unit_id: r.unit.root_id for r in recs}
    lands = plan_lands(set(chosen.values()), last, known)
    for pk, plan in chosen.items():
        pool, start = lands[plan.pk], dt.date(plan.start_year, 1, 1)
        at_end = pool & ward_root.keys()  # the land's wards (phường) at the year's end
        land = {r.unit_id for r in recs if r.unit_id in pool and r.unit.kind == "Phường"
                and _overlaps(r.unit.valid_from, r.unit.valid_until, start, last)}  # the recognized ones among the land's
        standing = {h.holder.pk for h in holdings if h.standing and h.recognition.unit_id in land and h.holder.pk in at_end}
        open_wards = [w for w in at_end if w not in standing and w in judged]
        facts = pg.PlanFacts(plan.targets(), plan.base_units, plan.start_year, plan.end_year, len(at_end), len(standing),
                             first_recognitions(recs, land),
                             ready=sum(1 for w in open_wards if judged[w] == 0),
                             near=sum(1 for w in open_wards if 0 < judged[w] <= NEAR_LIMIT))
        rows[pk].plan = plan
        rows[pk].progress = pg.progress(facts, year, today.year)


def plans_in_force(rows: list, plans: list) -> dict:
    """Province id → the plan it follows, by roadmaps.services.plan_in_force's rule for every province at once: its
    own plan, else the one a province it was formed from wrote (nearest reorganization first, then the order the
    history records them), the latest-starting one when a province has several. One query for the provinces' history."""
    by_province: dict[int, list] = {}
    for p in plans:
        by_province.setdefault(p.province_id, []).append(p)
    before: dict[int, list] = {}
    for succ, pred in Lineage.objects.filter(successor__level=Level.PROVINCE, predecessor__level=Level.PROVINCE).order_by("pk") \
            .values_list("successor_id", "predecessor_id"):
        before.setdefault(succ, []).append(pred)
    out = {}
    for row in rows:
        chain, frontier, seen = [row.province.pk], [row.province.pk], {row.province.pk}
        while frontier:  # one generation at a time, as units.history walks it
            step = []
            for pred in (pred for pk in frontier for pred in before.get(pk, [])):
                if pred not in seen:
                    seen.add(pred)
                    step.append(pred)
            chain += step
            frontier = step
        found = [p for pk in chain for p in by_province.get(pk, [])]
        if found:
            out[row.province.pk] = min(found, key=lambda p: (chain.index(p.province_id), -p.start_year))
    return out


def plan_lands(plans: set, last: dt.date, known: dict) -> dict:
    """Plan id → ids of the communes on the plan's land from its first year to ``last``, before the roadmap keeps the
    wards among them (units.territory.communes): the communes of the plan's province and — when that province was formed
    after the plan's start or ended by ``last`` — every commune they were formed from or became. ``known``: commune id →
    province id of the communes the caller will look up (when no land moved, those are all it needs). At most two
    queries for every plan together."""
    if not plans:
        return {}
    own: dict[int, set] = {}  # the plans' provinces are roots of the tree: a commune's province is the head of its path
    for pk, root in known.items():
        own.setdefault(root, set()).add(pk)
    forward: dict[int, list] = {}
    backward: dict[int, list] = {}
    if any(_formed_later(p.province, dt.date(p.start_year, 1, 1)) or _ended_before(p.province, last) for p in plans):
        # the land moved: walking its history needs every commune of the province, those that ended too
        for pk, path in Unit.objects.filter(level=Level.COMMUNE).values_list("pk", "path"):
            own.setdefault(_root(path), set()).add(pk)
        for pred, succ in Lineage.objects.values_list("predecessor_id", "successor_id"):  # about 11,000 for the country
            forward.setdefault(pred, []).append(succ)
            backward.setdefault(succ, []).append(pred)
    out = {}
    for plan in plans:
        mine = own.get(plan.province_id, set())
        pool = set(mine)
        if _formed_later(plan.province, dt.date(plan.start_year, 1, 1)):
            pool |= _reach(mine, backward)
        if _ended_before(plan.province, last):
            pool |= _reach(mine, forward)
        out[plan.pk] = pool
    return out


def _formed_later(province: Unit, start: dt.date) -> bool:
    return province.valid_from is not None and start < province.valid_from


def _ended_before(province: Unit, end: dt.date) -> bool:
    return province.valid_until is not None and end >= province.valid_until


def _overlaps(valid_from, valid_until, start: dt.date, end: dt.date) -> bool:
    return (valid_from is None or valid_from <= end) and (valid_until is None or valid_until > start)


def _reach(ids: set, edges: dict) -> set:
    """Every unit reached from ``ids`` along ``edges``, transitively (the history has no cycles; ``seen`` guards)."""
    seen, frontier = set(ids), set(ids)
    while frontier:
        frontier = {far for pk in frontier for far in edges.get(pk, []) if far not in seen}
        seen |= frontier
    return seen - set(ids)
