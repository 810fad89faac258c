"""Which unit × year pairs can be assessed, and which records can still be written. Plain rules, one place.

The rules (shown to users where an action is refused, and in docs/decisions.md):

1. Years: the program's yearly assessments run from its first year (2023, the Khánh Hòa pilot) to the current
   year. A later year has not begun to be assessed; an earlier one had no program.
2. A ward is assessed for a year if it exists on 31 December of that year: the yearly assessment describes the
   ward as it stands at the year's end and is made by the ward police that exists then. A ward that ended during
   the year (merged on 1/7/2025) is not assessed for it; its successor is, with last year's figures carried from
   the wards it was formed from. A ward formed during the year is assessed for it.
3. A ward that has ended is history: its records are kept as they were and nobody writes to them any more —
   neither its former police (which no longer exists) nor its successor's (which has records of its own). What
   was unfinished is closed when the end takes effect, with the reason recorded (assessments.closing).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils.translation import gettext as _

from kieumau import clock
from units import history
from units.models import Level, Unit
from units.territory import display_name, year_end


def first_year() -> int:
    return getattr(settings, "PROGRAM_FIRST_YEAR", 2023)


def today() -> dt.date:
    return clock.today()


def program_years(on: dt.date | None = None) -> range:
    """The years with a yearly assessment: from the first to the current one."""
    return range(first_year(), (on or today()).year + 1)


def year_in_program(year: int, *, ahead: int = 0, on: dt.date | None = None) -> bool:
    """``ahead``: how many years past the current one a caller may look (a plan, a deadline)."""
    return first_year() <= year <= (on or today()).year + ahead


def is_assessable(unit: Unit, year: int, on: dt.date | None = None) -> bool:
    """``why_not_assessable(...) is None``, without the queries that explain a refusal (for lists)."""
    end = year_end(year)
    return (unit.level == Level.COMMUNE and year_in_program(year, on=on)
            and (unit.valid_from is None or unit.valid_from <= end) and (unit.valid_until is None or unit.valid_until > end))


def _names(units) -> str:
    return ", ".join(u.name for u in units)


def why_not_assessable(unit: Unit, year: int, on: dt.date | None = None) -> str | None:
    """Why ``unit`` has no yearly assessment for ``year`` (Vietnamese), or None when it has one."""
    on = on or today()
    if unit.level != Level.COMMUNE:
        return _("Only wards and communes are assessed.")
    if year < first_year():
        return _("The program's yearly assessments begin in %(first)s; there is none for %(year)s.") % {
            "first": first_year(), "year": year}
    if year > on.year:
        return _("%(year)s has not begun to be assessed: assessments run up to the current year, %(now)s.") % {
            "year": year, "now": on.year}
    end = year_end(year)
    if unit.valid_from and unit.valid_from > end:
        before = [s.unit for s in history.predecessors_with_dates(unit) if s.unit.level == Level.COMMUNE
                  and (s.unit.valid_from is None or s.unit.valid_from <= end)]
        return _("%(name)s was formed on %(day)s; %(year)s was assessed on the wards it was formed from: %(others)s.") % {
            "name": unit.name, "day": unit.valid_from.strftime("%d/%m/%Y"), "year": year, "others": _names(before) or "—"}
    if unit.valid_until and unit.valid_until <= end:
        after = [s.unit for s in history.successors_now(unit, end)]
        return _("%(name)s ended on %(day)s; %(year)s is assessed on the wards that exist at the end of the year: %(others)s.") % {
            "name": display_name(unit), "day": unit.valid_until.strftime("%d/%m/%Y"), "year": year, "others": _names(after) or "—"}
    return None


def last_assessed_year(unit: Unit, on: dt.date | None = None) -> int:
    """The latest year ``unit`` is assessed for: the current year, or the last one it existed at the end of."""
    year = (on or today()).year
    if unit.valid_until:
        year = min(year, unit.valid_until.year - 1)  # it exists on 31/12 of the year before it ends
    return max(year, first_year())


def why_read_only(unit: Unit, on: dt.date | None = None) -> str | None:
    """Why a unit's records can no longer be written (it has ended), or None."""
    on = on or today()
    if unit.valid_until and unit.valid_until <= on:
        return _("%(name)s ended on %(day)s: its records are kept as history and can no longer be changed or moved on.") % {
            "name": display_name(unit), "day": unit.valid_until.strftime("%d/%m/%Y")}
    return None


def why_not_writable(unit: Unit, year: int, on: dt.date | None = None) -> str | None:
    """Why nobody may enter figures, upload evidence or move the assessment of ``unit`` for ``year``, or None."""
    return why_read_only(unit, on) or why_not_assessable(unit, year, on)
