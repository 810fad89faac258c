"""Roadmap figures from the database: units valid then, recognitions, pipeline and gaps."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from assessments.models import Assessment, Recognition
from assessments.services import load_year
from engine.evaluate import columns, evaluate_many
from engine.gaps import suggest
from engine.values import MISSING
from frameworks import registry
from units import history
from units.models import Unit

from . import plan as P
from .models import Plan

NEAR_LIMIT = 2  # "near": failing or missing at most this many criteria


def units_at(province: Unit, year: int, territory: set[int] | None = None) -> int:
    """Wards on the plan's territory at the end of ``year``.

    While the province exists, its wards valid then; after a reorganization, the wards its wards became (a plan
    written for the old Khánh Hòa is re-based on the wards of that territory, not on the whole merged province).
    """
    if not history.valid_during(province, year):
        after = history.territory_wards(province, dt.date(year, 12, 31), territory)
        if after:
            return len(after)
        # No recorded successor (the new structure is not imported): the wards it had on its last day.
    return history.wards_on(province, history.reference_day(province, year)).count()


def recognized_by_year(province: Unit, territory: set[int] | None = None) -> dict[int, int]:
    """Wards recognized for the first time each year, not counting recognitions revoked since."""
    territory = history.territory_ids(province) if territory is None else territory
    first: dict[int, int] = {}
    for unit_id, year in Recognition.objects.filter(unit_id__in=territory).standing().values_list("unit_id", "year"):
        first[unit_id] = min(year, first.get(unit_id, year))
    out: dict[int, int] = {}
    for year in first.values():
        out[year] = out.get(year, 0) + 1
    return out


def recognized_wards_at(province: Unit, year: int, territory: set[int] | None = None) -> int:
    """After a reorganization: wards on the plan's territory at the end of ``year`` holding a recognition of their own."""
    wards = [w.pk for w in history.territory_wards(province, dt.date(year, 12, 31), territory)]
    return Recognition.objects.filter(unit_id__in=wards, year__lte=year).standing(until=year).values("unit_id").distinct().count()


@dataclass
class WardGap:
    unit: Unit
    year: int
    failing: list = field(default_factory=list)  # (criterion code, status, [fix texts])
    recognized: bool = False

    @property
    def count(self) -> int:
        return len(self.failing)


def gap_list(province: Unit, year: int, territory: set[int] | None = None) -> list[WardGap]:
    """Every assessed ward of the year, closest to the standard first, with the changes each criterion needs."""
    territory = history.territory_ids(province) if territory is None else territory
    recognized_units = set(Recognition.objects.filter(unit_id__in=territory).values_list("unit_id", flat=True))
    qs = Assessment.objects.filter(year=year, unit_id__in=territory)
    unit_of = {a.pk: a.unit for a in qs.select_related("unit", "unit__parent")}
    out = []
    for framework, (ids, rows) in load_year(year, qs).items():
        fw = registry.compiled(framework)
        batch = evaluate_many(fw, rows)
        cols = columns(fw, rows)
        for i, pk in enumerate(ids):
            result = batch.unit(i)
            cur = {k: c[i] for k, c in cols.current.items()}
            prev = {k: c[i] for k, c in cols.previous.items()}
            gap = WardGap(unit_of[pk], year, recognized=unit_of[pk].pk in recognized_units)
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
                    gap.failing.append((crit.code, r.status, texts))
            out.append(gap)
    out.sort(key=lambda g: (g.count, g.unit.name))
    return out


@dataclass
class Roadmap:
    plan: Plan
    lines: list
    forecasts: list
    latest_year: int | None
    gaps: list
    reorganized_from: int | None = None  # first year counted on the wards of the new structure


def build(plan_obj: Plan, today_year: int | None = None) -> Roadmap:
    today_year = today_year or timezone.localdate().year
    province = plan_obj.province
    years = range(plan_obj.start_year, plan_obj.end_year + 1)
    targets = plan_obj.targets()
    territory = history.territory_ids(province)
    per_year = {y: units_at(province, y, territory) for y in {t.year for t in targets}}
    recognized = recognized_by_year(province, territory)
    milestones = {m.year: m.label for m in plan_obj.milestones.all()}
    stock = {y: recognized_wards_at(province, y, territory) for y in years if y <= today_year and not history.valid_during(province, y)}
    lines = P.lines(targets, plan_obj.base_units, per_year, recognized, years, today_year, milestones, stock)
    latest = Assessment.objects.filter(unit_id__in=territory).order_by("-year").values_list("year", flat=True).first()
    gaps = gap_list(province, latest, territory) if latest else []
    ready = [g for g in gaps if g.count == 0 and not g.recognized]
    near = [g for g in gaps if 0 < g.count <= NEAR_LIMIT and not g.recognized]
    actual_now = stock.get(today_year, sum(recognized.values()))
    elapsed = [recognized.get(y, 0) for y in range(plan_obj.start_year, min(today_year, plan_obj.end_year + 1))]
    forecasts = []
    for line in lines:
        if not line.milestone or line.year < today_year:
            continue
        goal = line.target_cumulative_rebased if line.target_cumulative_rebased is not None else line.target_cumulative
        if goal is None:
            continue
        f = P.forecast(line.year, goal, actual_now, elapsed, today_year, len(ready), len(near))
        f.candidates = [g for g in gaps if not g.recognized][: f.needed]
        forecasts.append(f)
    return Roadmap(plan_obj, lines, forecasts, latest, gaps, min(stock) if stock else None)


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
