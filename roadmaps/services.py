"""Roadmap figures from the database: units valid then, recognitions, pipeline and gaps."""

from __future__ import annotations

from dataclasses import dataclass, field


from assessments import recognition
from assessments.models import Assessment
from assessments.services import load_year
from engine.evaluate import columns, evaluate_many
from engine.gaps import suggest
from engine.values import MISSING
from frameworks import registry
from kieumau import clock, fragments
from units import territory
from kieumau.collation import vi_key
from units.models import Unit

from . import plan as P
from .models import Plan

NEAR_LIMIT = 2  # "near": failing or missing at most this many criteria


def plan_in_force(province: Unit) -> Plan | None:
    """The plan a province follows: its own, or the one a province it was formed from wrote (the plan keeps its
    written targets and its own land); one that ended follows its own plan onto the wards it became. Only the
    version in force counts (an approved adjustment replaces it)."""
    provinces = [province.pk] + fragments.provinces_formed_from(province)
    plans = (Plan.objects.filter(province__in=provinces, replaced_by__isnull=True).select_related("province")
             .prefetch_related("target_rows", "milestones"))
    return min(plans, key=lambda p: (provinces.index(p.province_id), -p.start_year), default=None)


def first_recognitions(recs: list, land_ids: set[int]) -> dict[int, int]:
    """Year → wards of the land recognized for the first time that year (titles revoked since not counted)."""
    first: dict[int, int] = {}
    for r in recs:
        if r.unit_id in land_ids and recognition.revoked_year(r) is None:
            first[r.unit_id] = min(r.year, first.get(r.unit_id, r.year))
    out: dict[int, int] = {}
    for year in first.values():
        out[year] = out.get(year, 0) + 1
    return out


@dataclass
class WardGap:
    unit: Unit
    year: int
    failing: list = field(default_factory=list)  # (criterion code, status, [fix texts])
    recognized: bool = False

    @property
    def count(self) -> int:
        return len(self.failing)


def gap_list(wards: list[Unit], year: int, holding: set[int]) -> list[WardGap]:
    """Every assessed ward of ``wards`` for ``year``, closest to the standard first, with the changes each criterion
    needs. ``holding``: wards that hold a recognition that year (own or carried)."""
    qs = Assessment.objects.filter(year=year, unit_id__in=[w.pk for w in wards])
    unit_of = {a.pk: a.unit for a in qs.select_related("unit", "unit__parent")}
    out = []
    for framework, (ids, rows) in load_year(year, qs).items():
        fw = registry.compiled(framework)
        # kept per ward's figures: a save changes one ward's gaps, and the roadmap was evaluating the whole province
        failing = fragments.kept_each(f"gaps:{framework.pk}:{framework.digest}", rows, lambda todo: _failing(fw, todo))
        for pk, each in zip(ids, failing):
            out.append(WardGap(unit_of[pk], year, list(each), recognized=unit_of[pk].pk in holding))
    out.sort(key=lambda g: (g.count, vi_key(g.unit.name)))
    return out


def _failing(fw, rows: list) -> list[list]:
    """For each (figures, last year's) row: the criteria failing or missing, each with the changes that would pass it."""
    batch = evaluate_many(fw, rows)
    cols = columns(fw, rows)
    out = []
    for i in range(len(rows)):
        result = batch.unit(i)
        cur = {k: c[i] for k, c in cols.current.items()}
        prev = {k: c[i] for k, c in cols.previous.items()}
        failing = []
        for crit in fw.criteria:
            r = result.criteria[crit.code]
            if r.status in ("fail", "missing"):
                texts = []
                for cond, status in zip(crit.conditions, r.conditions):
                    if status == "missing":
                        absent = [f"«{fw.indicators[c].label}»" for c in sorted(cond.reads) if cur.get(c, MISSING) is MISSING]
                        texts.append("cần nhập " + ", ".join(absent or [cond.text]))
                    elif status == "fail":
                        texts += [f.text for f in suggest(fw, cond, cur, prev)] or [f"chưa đạt: {cond.text}"]
                failing.append((crit.code, r.status, texts))
        out.append(failing)
    return out


@dataclass
class Roadmap:
    plan: Plan
    lines: list
    forecasts: list
    latest_year: int | None
    gaps: list
    reorganized_from: int | None = None  # first year counted on the wards of the new structure
    unplanned: list = field(default_factory=list)  # wards of the opened province this plan does not cover
    is_demo: bool = False  # figures on the land are the demo's synthetic ones (pages and exports say so)


def build(plan_obj: Plan, today_year: int | None = None, opened: Unit | None = None) -> Roadmap:
    """The plan against what happened on its own land (the wards of the province it was written for, and the wards
    they became), counted across reorganizations: a title carried by a successor keeps counting (once per ward).

    ``opened``: the province the user opened, when it is not the plan's (its other wards are listed as unplanned).
    """
    today_year = today_year or clock.today().year
    province = plan_obj.province
    years = range(plan_obj.start_year, plan_obj.end_year + 1)
    first, last = plan_obj.start_year, max(plan_obj.end_year, today_year)
    land = fragments.until_the_map_changes(f"land:{province.pk}:{first}:{last}", lambda: territory.Land(province, first, last))
    wards_at = {y: land.wards_at(y) for y in years}
    targets = plan_obj.targets()
    per_year = {y: len(wards_at[y]) if y in wards_at else territory.ward_count(province, y) for y in {t.year for t in targets}}
    recs = recognition.for_land(land.ids)
    edges = recognition.successor_edges({r.unit_id for r in recs})
    stock = {y: len(recognition.held_wards(recs, y, {w.pk for w in wards_at[y]}, edges)) for y in years if y <= today_year}
    milestones = {m.year: m.label for m in plan_obj.milestones.all()}
    lines = P.lines(targets, plan_obj.base_units, per_year, first_recognitions(recs, land.ids), years, today_year, milestones, stock)
    latest = Assessment.objects.filter(unit_id__in=land.ids, year__lte=today_year).order_by("-year").values_list("year", flat=True).first()
    gaps = []
    if latest:
        latest_wards = land.wards_at(latest)
        gaps = gap_list(latest_wards, latest, recognition.held_wards(recs, latest, {w.pk for w in latest_wards}, edges))
    forecasts = _forecasts(lines, gaps, stock, first_recognitions(recs, land.ids), plan_obj, today_year)
    reorganized = [y for y in years if not territory.is_valid_on(province, territory.year_end(y))]
    unplanned = []
    if opened is not None and opened.pk != province.pk:
        planned = {w.pk for w in land.wards_at(today_year)}
        unplanned = [w for w in fragments.year_land(opened, today_year).wards if w.pk not in planned]
    is_demo = Assessment.objects.filter(unit_id__in=land.ids, is_demo=True).exists()
    return Roadmap(plan_obj, lines, forecasts, latest, gaps, min(reorganized) if reorganized else None, unplanned, is_demo)


def _forecasts(lines, gaps, stock, first, plan_obj, today_year) -> list:
    ready = [g for g in gaps if g.count == 0 and not g.recognized]
    near = [g for g in gaps if 0 < g.count <= NEAR_LIMIT and not g.recognized]
    actual_now = stock.get(today_year, stock[max(stock)] if stock else 0)
    elapsed = [first.get(y, 0) for y in range(plan_obj.start_year, min(today_year, plan_obj.end_year + 1))]
    out = []
    for line in lines:
        if not line.milestone or line.year < today_year:
            continue
        goal = line.target_cumulative_rebased if line.target_cumulative_rebased is not None else line.target_cumulative
        if goal is None:
            continue
        f = P.forecast(line.year, goal, actual_now, elapsed, today_year, len(ready), len(near))
        f.candidates = [g for g in gaps if not g.recognized][: f.needed]
        out.append(f)
    return out


def as_json(plan_obj: Plan, today_year: int | None = None) -> dict:
    r = build(plan_obj, today_year)
    return {
        "province": plan_obj.province.code,
        "plan": plan_obj.title,
        "base_units": plan_obj.base_units,
        "years": [
            {
                "year": line.year,
                "target_new": line.target_new,
                "target_cumulative": line.target_cumulative,
                "target_cumulative_rebased": line.target_cumulative_rebased,
                "actual_cumulative": line.actual_cumulative,
                "status": line.status,
            }
            for line in r.lines
        ],
    }
