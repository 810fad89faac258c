"""The national roll-up's arithmetic: one province's standing against its roadmap, the most-missed criteria, totals.

Plain Python on plain data (no models), tested without a database. The roadmap's own rules decide
(roadmaps.plan: cumulative and re-based targets, a year's status, the forecast by pace and by pipeline); this module
only chooses which of their answers the national page shows for one year:

- a year with a target that has passed: the roadmap's status — met, or behind;
- the current year with a target not yet reached: the roadmap's forecast for that year — on track when the pace so far
  or the pipeline (wards meeting all criteria now) reaches it, at risk when neither does;
- the current year without a target of its own: the same forecast for the plan's next target year;
- otherwise: no target (a past year without one, or a plan that has ended), or no plan at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from roadmaps import plan as P

MET, BEHIND, ON_TRACK, AT_RISK, NO_TARGET, NO_PLAN = "met", "behind", "on_track", "at_risk", "no_target", "no_plan"
VERDICTS = (MET, ON_TRACK, AT_RISK, BEHIND, NO_TARGET, NO_PLAN)  # the order of the totals
LABELS = {
    MET: _("Target met"),
    ON_TRACK: _("On course"),
    AT_RISK: _("At risk"),
    BEHIND: _("Behind target"),
    NO_TARGET: _("No target this year"),
    NO_PLAN: _("No roadmap"),
}
# The badge each verdict wears (the classes the scorecard and the roadmap already style).
BADGES = {MET: "st-pass", ON_TRACK: "st-pass", AT_RISK: "st-fail", BEHIND: "st-fail", NO_TARGET: "", NO_PLAN: ""}


@dataclass(frozen=True)
class PlanFacts:
    """What the roadmap reads about its plan's land for one year (the land of the province the plan was written for,
    followed across reorganizations: roadmaps.services.build)."""

    targets: list  # roadmaps.plan.Target
    base_units: int
    start_year: int
    end_year: int
    land_wards: int  # wards on the plan's land at the end of the year
    recognized: int  # of them, those holding a standing title then (own or carried): the roadmap's "actual"
    first_by_year: dict = field(default_factory=dict)  # year → wards of the land recognized for the first time
    ready: int = 0  # wards of the land meeting every criterion this year, not yet holding a title
    near: int = 0  # wards missing at most roadmaps.services.NEAR_LIMIT criteria, not yet holding a title


@dataclass(frozen=True)
class Progress:
    verdict: str
    target: int | None = None  # the cumulative target (re-based on the land's wards) the verdict compares with
    target_year: int | None = None  # the year of that target: this year's, or the next one when this year has none
    actual: int = 0  # the roadmap's actual: recognized wards on the plan's land
    land_wards: int = 0
    forecast: P.Forecast | None = None

    @property
    def label(self) -> str:
        return str(LABELS[self.verdict])

    @property
    def badge(self) -> str:
        return BADGES[self.verdict]


def progress(facts: PlanFacts | None, year: int, today_year: int) -> Progress:
    """The province's standing in ``year`` (at most ``today_year``) against the plan it follows."""
    if facts is None:
        return Progress(NO_PLAN)
    # A re-based target uses the wards on the land at the end of its year; for this year and later ones those are the
    # wards there now (a later map is not known yet), as the roadmap page counts them.
    units_at = {t.year: facts.land_wards for t in facts.targets if t.year >= year}
    line = P.lines(facts.targets, facts.base_units, units_at, {}, [year], today_year,
                   actual_stock={year: facts.recognized})[0]
    goal = _goal(line)
    common = {"actual": facts.recognized, "land_wards": facts.land_wards}
    if line.status == "met":
        return Progress(MET, goal, year, **common)
    if line.status == "late":
        return Progress(BEHIND, goal, year, **common)
    if year != today_year:
        return Progress(NO_TARGET, **common)
    target_year = year if line.status == "upcoming" else next((t.year for t in sorted(facts.targets, key=lambda t: t.year)
                                                                if t.year > year), None)
    if target_year is None:
        return Progress(NO_TARGET, **common)
    goal = goal if target_year == year else P.rebased(facts.targets, facts.base_units, units_at)[target_year][0]
    elapsed = [facts.first_by_year.get(y, 0) for y in range(facts.start_year, min(today_year, facts.end_year + 1))]
    f = P.forecast(target_year, goal, facts.recognized, elapsed, today_year, facts.ready, facts.near)
    return Progress(ON_TRACK if f.pace_ok or f.pipeline_ok else AT_RISK, goal, target_year, forecast=f, **common)


def _goal(line: P.YearLine) -> int | None:
    return line.target_cumulative_rebased if line.target_cumulative_rebased is not None else line.target_cumulative


def most_missed(counts: dict[str, int], order: dict[str, int], limit: int) -> list[tuple[str, int]]:
    """The criteria most wards fail or lack data for, most first; ties in the framework's order. ``counts``: criterion
    code → wards not meeting it; ``order``: code → position in the framework (codes without one go last)."""
    ranked = sorted(((code, n) for code, n in counts.items() if n > 0),
                    key=lambda item: (-item[1], order.get(item[0], len(order)), item[0]))
    return ranked[:limit]


def add_counts(into: dict[str, int], counts: dict[str, int]) -> dict[str, int]:
    for code, n in counts.items():
        into[code] = into.get(code, 0) + n
    return into


def share(part: int, whole: int) -> float:
    """``part`` of ``whole`` in percent (0–100, two decimals), for the chart; 0 when there is nothing to divide."""
    if whole <= 0:
        return 0.0
    return round(100 * min(max(part, 0), whole) / whole, 2)


def verdict_counts(verdicts: list[str]) -> list[tuple[str, str, int]]:
    """(verdict, label, provinces) for each verdict that occurs, in the fixed order of VERDICTS."""
    return [(v, str(LABELS[v]), verdicts.count(v)) for v in VERDICTS if v in verdicts]
