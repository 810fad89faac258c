"""The land of a unit in a year, through lineage: the one way every page, command and export that takes a
province (or any unit) and a year finds the wards of that year.

A province's records cannot be selected by its tree path alone: the path is the tree of one map. The new Khánh
Hòa (from 1/7/2025) has no ward of 2023 under it, yet its land had 35 wards of the old Khánh Hòa and those of Ninh
Thuận then; the old Bình Dương has no ward of 2026, yet its land now holds wards of Thành phố Hồ Chí Minh.

So the territory of a unit over a period is: the communes of its own tree; if the period starts before the unit
was formed, every commune they were formed from (transitively); if it reaches past the unit's end, every commune
they became. Each of those that existed in the period is on the land. A year is described by its last day
(31/12): the yearly assessment is made on the wards that exist then (see assessments.eligibility).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Q
from django.utils.translation import gettext as _

from kieumau.collation import vi_key
from .history import predecessor_ids, successor_ids
from .models import Level, Unit

def year_end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def is_valid_on(unit, day: dt.date) -> bool:
    """Whether a dated record (a unit, a body: ``valid_from`` inclusive, ``valid_until`` exclusive) exists on ``day``."""
    return (unit.valid_from is None or unit.valid_from <= day) and (unit.valid_until is None or unit.valid_until > day)


def own_commune_ids(unit: Unit) -> set[int]:
    if unit.level == Level.COMMUNE:
        return {unit.pk}
    return set(Unit.objects.within(unit).filter(level=Level.COMMUNE).values_list("pk", flat=True))


def _overlapping(qs, start: dt.date, end: dt.date):
    return qs.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=end)).filter(Q(valid_until__isnull=True) | Q(valid_until__gt=start))


def communes(unit: Unit, start: dt.date, end: dt.date):
    """Commune-level units on ``unit``'s land that existed at some point of [start, end] (a queryset)."""
    formed_later = unit.valid_from is not None and start < unit.valid_from
    ended_before = unit.valid_until is not None and end >= unit.valid_until
    if unit.level != Level.COMMUNE and not (formed_later or ended_before):
        return _overlapping(Unit.objects.within(unit).filter(level=Level.COMMUNE), start, end)  # one map: the tree
    own = own_commune_ids(unit)
    pool = set(own)
    if formed_later:
        pool |= predecessor_ids(own)
    if ended_before:
        pool |= successor_ids(own)
    return _overlapping(Unit.objects.filter(pk__in=pool, level=Level.COMMUNE), start, end)


def history_ids(unit: Unit) -> set[int]:
    """Every commune ever on the land: its own, what they were formed from and what they became."""
    own = own_commune_ids(unit)
    return own | predecessor_ids(own) | successor_ids(own)


@dataclass
class YearLand:
    """The wards of ``unit``'s land in ``year`` (those existing on 31/12), and the other units that existed during
    the year but ended before its end (their records are shown apart, never hidden)."""

    unit: Unit
    year: int
    wards: list = field(default_factory=list)  # Unit, with parent loaded, in Vietnamese order within each group
    ended: list = field(default_factory=list)  # wards that existed in the year but not on 31/12
    roots: dict = field(default_factory=dict)  # province id → province, for the groups

    @property
    def ids(self) -> set[int]:
        return {w.pk for w in self.wards}

    def group_of(self, ward: Unit) -> Unit | None:
        return self.roots.get(ward.root_id)

    @cached_property  # asked once per row by the matrix: computed once, not once per ward (O(n²) before)
    def spans_provinces(self) -> bool:
        """At the year's end the land lay in several provinces, or in another province than ``unit``."""
        roots = {w.root_id for w in self.wards}
        return len(roots) > 1 or (bool(roots) and self.unit.level == Level.PROVINCE and self.unit.pk not in roots)


def year_land(unit: Unit, year: int) -> YearLand:
    start, end = dt.date(year, 1, 1), year_end(year)
    during = list(communes(unit, start, end).wards().select_related("parent"))
    wards = [w for w in during if is_valid_on(w, end)]
    ended = [w for w in during if not is_valid_on(w, end)]
    roots = Unit.objects.in_bulk({w.root_id for w in during})
    order = lambda w: (vi_key(roots[w.root_id].name) if w.root_id in roots else (), vi_key(w.parent.name if w.parent_id and w.parent.level != Level.PROVINCE else ""), vi_key(w.name))  # noqa: E731
    return YearLand(unit, year, sorted(wards, key=order), sorted(ended, key=order), roots)


def ward_count(unit: Unit, year: int) -> int:
    """The number of wards on ``unit``'s land on 31/12 of ``year`` (plan re-basing)."""
    end = year_end(year)
    return communes(unit, end, end).wards().count()


def display_name(unit) -> str:
    """A unit's (or a body's) name with its last day when it has ended, so the old and the new Khánh Hòa are told
    apart, and Sở Kế hoạch và Đầu tư reads "(đến 28/02/2025)"."""
    if unit.valid_until:
        last = unit.valid_until - dt.timedelta(days=1)
        return _("%(name)s (until %(day)s)") % {"name": unit.name, "day": last.strftime("%d/%m/%Y")}
    return unit.name


class Land:
    """The wards on ``unit``'s land over the years ``first`` … ``last``, read once (the roadmap reads every year)."""

    def __init__(self, unit: Unit, first: int, last: int):
        self.unit = unit
        self.wards = list(communes(unit, dt.date(first, 1, 1), year_end(last)).wards().select_related("parent"))
        self._order = {w.pk: vi_key(w.name) for w in self.wards}  # once, not once a year (ten years asked)

    @property
    def ids(self) -> set[int]:
        return {w.pk for w in self.wards}

    def wards_at(self, year: int) -> list[Unit]:
        """The wards existing on 31/12 of ``year``, in Vietnamese order."""
        end = year_end(year)
        return sorted((w for w in self.wards if is_valid_on(w, end)), key=lambda w: self._order[w.pk])
