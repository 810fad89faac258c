"""The province's summary of a reporting period: every body's report, the meetings held and missing, difficulties,
supervision findings and the roadmap, read from the apps that own them (one page; the documents issue makes a DOCX)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from difficulties.models import Difficulty
from meetings.expected import coverage
from reporting import board as boards
from reporting import status
from roadmaps import services as roadmap
from supervision.models import Finding, Visit

from . import charts


@dataclass
class Summary:
    program: object
    period: object
    board: object
    status_bar: list
    meetings: list
    difficulties_open: list
    difficulties_raised: int
    difficulties_answered: int
    visits: list
    findings_open: list
    findings_closed: int
    roadmap: object | None
    roadmap_columns: list

    @property
    def chart_width(self) -> int:
        return max(100 * len(self.roadmap_columns), 100)


def build(program, p, today: dt.date, province) -> Summary:
    b = boards.board(program, p, today)
    counts = b.rates.counts
    bar = charts.stacked([(s, status.LABELS[s], counts[s]) for s in status.ALL])
    start, end = p.window_from, p.window_to
    in_window = Q(raised_at__date__gte=start, raised_at__date__lte=end)
    diffs = Difficulty.objects.filter(program=program)
    visits = list(Visit.objects.filter(program=program, visited_on__gte=start, visited_on__lte=end).select_related("unit", "body"))
    findings = Finding.objects.filter(visit__program=program)
    plan = roadmap.plan_in_force(province)
    rm, cols = None, []
    if plan is not None:
        rm = roadmap.build(plan, today_year=min(today.year, max(p.year, plan.start_year)))
        cols = charts.columns([(str(line.year), line.target_cumulative_rebased if line.target_cumulative_rebased is not None
                                else line.target_cumulative, line.actual_cumulative) for line in rm.lines if line.year <= p.year])
    return Summary(
        program, p, b, bar, coverage(program, start, end, today),
        list(diffs.filter(state__in=Difficulty.OPEN_STATES).select_related("body", "unit").order_by("raised_at")),
        diffs.filter(in_window).count(),
        diffs.filter(answered_at__date__gte=start, answered_at__date__lte=end).count(),
        visits,
        list(findings.exclude(state=Finding.State.CLOSED).select_related("visit", "visit__unit", "visit__body").order_by("due", "pk")),
        findings.filter(state=Finding.State.CLOSED, visit__visited_on__lte=end).count(),
        rm, cols,
    )
