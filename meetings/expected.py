"""The meetings a program expects on its land between two dates, and which of them were held (the gaps)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

from kieumau.collation import vi_key
from reporting import board as boards
from reporting import periods
from units import territory
from units.models import Level, Unit

from . import calendar as C
from .models import Meeting

@dataclass(frozen=True)
class Expected:
    level: str
    unit: Unit
    slot: C.Slot

    @property
    def key(self) -> tuple:
        return (self.level, self.unit.pk, self.slot.code)


def program_span(program) -> tuple[dt.date, dt.date]:
    return dt.date(program.start_year, 1, 1), dt.date(program.end_year, 12, 31)


SCHEDULING_BACK, SCHEDULING_AHEAD = dt.timedelta(days=366), dt.timedelta(days=100)


def schedulable(program, today: dt.date, *, ward: Unit | None = None) -> list[Expected]:
    """Meetings that can be put in the calendar today: those of the past year (a meeting held but not yet recorded)
    and of the current and next periods."""
    return expected(program, today - SCHEDULING_BACK, today + SCHEDULING_AHEAD, today, upcoming=True, ward=ward)


def expected(program, first: dt.date, last: dt.date, today: dt.date, *, upcoming: bool = False,
             ward: Unit | None = None) -> list[Expected]:
    """Meetings due in [first, last]: those whose period has ended before ``today`` (with ``upcoming``, also the
    current and the next period's, to be scheduled). With ``ward`` (one on the program's land), only its own."""
    start, end = program_span(program)
    first, last = max(first, start), min(last, end)
    if first > last:
        return []
    horizon = last if not upcoming else min(end, max(last, today + SCHEDULING_AHEAD))
    due = (lambda s: s.end < today) if not upcoming else (lambda s: s.start <= horizon)
    wards = [ward] if ward is not None else sorted(territory.Land(program.province, first.year, horizon.year).wards,
                                                   key=lambda w: vi_key(w.name))
    out: list[Expected] = []
    for q in C.quarters(first, horizon):
        if due(q):
            out += [Expected(C.WARD, w, q) for w in wards if territory.is_valid_on(w, q.end)]
    if ward is not None:
        return out
    province_on = lru_cache(maxsize=None)(lambda day: boards.current_province(program, day))
    for h in C.halves(first, horizon):
        if not due(h):
            continue
        if C.six_monthly_level(h) == C.CITY:
            cities = {w.parent for w in wards if territory.is_valid_on(w, h.end) and w.parent_id
                      and w.parent.level == Level.DISTRICT and w.parent.kind in C.CITY_KINDS}
            out += [Expected(C.CITY, c, h) for c in sorted(cities, key=lambda c: vi_key(c.name))]
        else:
            out.append(Expected(C.PROVINCE, province_on(h.end), h))
    for p in periods.all_periods(boards.rules(program), program.start_year, program.end_year):
        if p.kind == periods.MILESTONE and first <= p.due_before <= horizon and (upcoming or p.due_before <= today):
            out.append(Expected(C.CONFERENCE, province_on(p.due_before), C.Slot(p.code, p.window_from, p.due_before, p.title)))
    return out


@dataclass
class Coverage:
    level: str
    label: str
    expected: int = 0
    held: int = 0
    missing: list = field(default_factory=list)


def coverage(program, first: dt.date, last: dt.date, today: dt.date) -> list[Coverage]:
    """Per level: meetings due in [first, last] (period ended before today), how many were held, which are missing."""
    exp = expected(program, first, last, today)
    held = set(Meeting.objects.filter(program=program, state=Meeting.State.HELD, slot__in={e.slot.code for e in exp})
               .values_list("level", "unit_id", "slot"))
    out = {level: Coverage(level, label) for level, label in Meeting.Level.choices}
    for e in exp:
        c = out[e.level]
        c.expected += 1
        if e.key in held:
            c.held += 1
        else:
            c.missing.append(e)
    return [c for c in out.values() if c.expected]
