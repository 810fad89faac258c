"""A unit's yearly counts from the register: the cases received in the year at the wards of the unit (the ward
itself, or every ward under a province), each where it was held last; spam left out (feedback.rules.count)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from kieumau import clock
from units.models import Level

from . import rules
from .models import Case


def year_bounds(year: int):
    tz = timezone.get_current_timezone()
    return (dt.datetime(year, 1, 1, tzinfo=tz), dt.datetime(year + 1, 1, 1, tzinfo=tz))


def cases_of(unit, year: int, *, tc16_only: bool = False):
    start, end = year_bounds(year)
    qs = Case.objects.filter(received_at__gte=start, received_at__lt=end)
    qs = qs.filter(unit=unit) if unit.level == Level.COMMUNE else qs.filter(unit__path__startswith=unit.path)
    if tc16_only:
        qs = qs.filter(category__counts_for_tc16=True)
    return qs


def rows(qs) -> list[rules.Row]:
    out = []
    for status, late, deadline, received, answered, proposed in qs.values_list(
            "status", "late", "deadline", "received_at", "answered_at", "proposed_at"):
        out.append(rules.Row(status, late, deadline, timezone.localtime(received).date(),
                             timezone.localtime(answered).date() if answered else None,
                             timezone.localtime(proposed).date() if proposed else None))
    return out


def counts(unit, year: int, *, tc16_only: bool = False, today: dt.date | None = None) -> rules.Counts:
    return rules.count(rows(cases_of(unit, year, tc16_only=tc16_only)), today or clock.today())
