"""The bodies' periodic reports a propaganda activity may point to: those of its body whose period holds its date."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from reporting import board, periods
from reporting.models import CalendarEntry, Report


def _rules_by_program(program_ids) -> dict[int, list]:
    out: dict[int, list] = {}
    for e in CalendarEntry.objects.filter(program_id__in=program_ids):
        out.setdefault(e.program_id, []).append(e.rule())
    return out


def _span(report: Report, rules: list) -> tuple[dt.date, dt.date] | None:
    try:
        p = periods.resolve(rules, report.period, report.program.start_year, report.program.end_year)
    except periods.PeriodError:
        return None
    return p.window_from, p.window_to


def window(report: Report) -> tuple[dt.date, dt.date] | None:
    """The days whose figures the report covers (None when its period no longer resolves)."""
    return _span(report, board.rules(report.program))


def offered(body_ids) -> list[tuple[Report, dt.date, dt.date]]:
    """The reports of these bodies with their windows (three queries), newest first."""
    reports = list(Report.objects.filter(Q(holder_id__in=body_ids) | Q(written_by_body_id__in=body_ids))
                   .select_related("program", "holder", "written_by_body"))
    rules = _rules_by_program({r.program_id for r in reports})
    out = []
    for r in reports:
        span = _span(r, rules.get(r.program_id, []))
        if span:
            out.append((r, *span))
    return sorted(out, key=lambda x: (x[2], x[0].holder.name), reverse=True)
