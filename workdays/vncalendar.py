"""Working days in Việt Nam: weekends and public holidays skipped, a year's announced changes applied.

Pure arithmetic over a ``Calendar`` (the unit tests build one by hand); ``load()`` builds today's from the
``holidays`` library and the ``DayChange`` table. A deadline of n working days from a date is the n-th working day
after it: a case received on Friday with 1 working day is due on Monday (or the next working day after a holiday).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

ONE = dt.timedelta(days=1)
MAX_DAYS = 3650  # no deadline is more than ten years of working days; guards a calendar made wholly of holidays


@dataclass(frozen=True)
class Calendar:
    holidays: frozenset = frozenset()  # dates off (statutory and announced)
    working: frozenset = frozenset()  # weekend dates worked (make-up Saturdays)
    names: dict = field(default_factory=dict, compare=False, hash=False)

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.working:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def add(self, start: dt.date, days: int) -> dt.date:
        """The ``days``-th working day after ``start`` (``start`` itself when ``days`` is 0)."""
        if days < 0:
            raise ValueError("days must be ≥ 0")
        day, left = start, days
        for _ in range(MAX_DAYS * 2):
            if left == 0:
                return day
            day += ONE
            if self.is_working_day(day):
                left -= 1
        raise ValueError("no working day found")

    def between(self, start: dt.date, end: dt.date) -> int:
        """Working days after ``start`` up to and including ``end`` (negative when ``end`` is before ``start``)."""
        if end < start:
            return -self.between(end, start)
        count, day = 0, start
        while day < end:
            day += ONE
            count += self.is_working_day(day)
        return count


def statutory(years) -> dict[dt.date, str]:
    """Việt Nam's public holidays of ``years`` with their Vietnamese names, from the ``holidays`` library."""
    import holidays

    return dict(holidays.country_holidays("VN", years=sorted(years), language="vi").items())


def _library_workdays(years) -> set[dt.date]:
    import holidays

    cal = holidays.country_holidays("VN", years=sorted(years))
    return {d for d in getattr(cal, "weekend_workdays", ()) if d.year in set(years)}


def load(years=None) -> Calendar:
    """The calendar of ``years`` (default: three years either side of today, enough for any deadline or lateness
    counted now): library holidays, then the table."""
    from kieumau import clock

    from .models import DayChange

    if years is None:
        this = clock.today().year
        years = range(this - 3, this + 4)
    years = list(years)
    names = statutory(years)
    off, working = set(names), _library_workdays(years)
    for change in DayChange.objects.filter(date__year__in=years):
        if change.kind == DayChange.Kind.OFF:
            off.add(change.date)
            working.discard(change.date)
            names[change.date] = change.name
        else:
            working.add(change.date)
            off.discard(change.date)
    return Calendar(frozenset(off), frozenset(working), names)

