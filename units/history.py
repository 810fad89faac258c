"""Units at a date and across reorganizations: which units were valid then, who came before, who came after.

Lineage is a small graph (about 11,000 edges nationally) walked a level at a
time: one query per generation, and there are at most three generations
(2024 mergers, the 2025 reform, and whatever is recorded later).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .models import Level, Lineage, Unit

MAX_GENERATIONS = 10  # guards against a cycle entered by hand


def reference_day(unit: Unit, year: int) -> dt.date:
    """The day a yearly report of ``unit`` describes: the end of the year, or the unit's last day if it ended first."""
    day = dt.date(year, 12, 31)
    if unit.valid_until and unit.valid_until <= day:
        day = unit.valid_until - dt.timedelta(days=1)
    return day


def valid_during(unit: Unit, year: int) -> bool:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return (unit.valid_from is None or unit.valid_from <= end) and (unit.valid_until is None or unit.valid_until > start)


def _walk(ids, forward: bool) -> dict[int, int]:
    """Every unit reachable from ``ids`` through lineage edges → the generation it was reached at."""
    seen: dict[int, int] = {}
    frontier = set(ids)
    for generation in range(1, MAX_GENERATIONS + 1):
        if not frontier:
            break
        if forward:
            step = set(Lineage.objects.filter(predecessor_id__in=frontier).values_list("successor_id", flat=True))
        else:
            step = set(Lineage.objects.filter(successor_id__in=frontier).values_list("predecessor_id", flat=True))
        frontier = {i for i in step if i not in seen and i not in ids}
        for i in frontier:
            seen[i] = generation
    return seen


def predecessor_ids(ids) -> set[int]:
    return set(_walk(ids, forward=False))


def successor_ids(ids) -> set[int]:
    return set(_walk(ids, forward=True))


def wards_on(province: Unit, day: dt.date):
    return Unit.objects.within(province).wards().valid_on(day)


def territory_wards(province: Unit, day: dt.date) -> list[Unit]:
    """Wards valid on ``day`` on the territory ``province`` had: its own, or, after it ended, its wards' successors."""
    if province.valid_until is None or day < province.valid_until:
        return list(wards_on(province, day))
    own = list(Unit.objects.within(province).filter(level=Level.COMMUNE).values_list("id", flat=True))
    return list(Unit.objects.filter(pk__in=successor_ids(own)).wards().valid_on(day))


def unit_for_year(unit: Unit, year: int) -> tuple[Unit, list[Unit]]:
    """The unit a report of ``year`` should show for ``unit``, and the others that share the story.

    A unit valid in ``year`` is itself. A unit formed later is shown as its default predecessor (the one with the
    same code, else the first by name), with the other predecessors listed; a unit that ended earlier is shown as its
    default successor.
    """
    if valid_during(unit, year):
        return unit, []
    forward = unit.valid_until is not None and unit.valid_until <= dt.date(year, 1, 1)
    edges = (Lineage.objects.filter(predecessor=unit).select_related("successor") if forward
             else Lineage.objects.filter(successor=unit).select_related("predecessor"))
    others = [e.successor if forward else e.predecessor for e in edges]
    others = [u for u in others if u.level == unit.level]
    if not others:
        return unit, []
    if forward:
        defaults = [e.successor for e in edges if e.is_default_successor and e.successor.level == unit.level]
        chosen = (defaults or others)[0]
    else:
        chosen = next((u for u in others if u.code == unit.code), sorted(others, key=lambda u: u.name)[0])
    rest = sorted((u for u in others if u.pk != chosen.pk), key=lambda u: u.name)
    return chosen, rest


@dataclass(frozen=True)
class Step:
    unit: Unit
    kind: str
    kind_label: str
    effective_date: dt.date
    is_default: bool
    into: Unit | None = None  # the unit this edge led to (for a predecessor's predecessor: not the page's unit)


def successors_now(unit: Unit, today: dt.date | None = None) -> list[Step]:
    """Where ``unit`` is today: its successors valid today, following later reorganizations too."""
    today = today or dt.date.today()
    out, frontier, seen = [], [unit.pk], {unit.pk}
    for _ in range(MAX_GENERATIONS):
        edges = list(Lineage.objects.filter(predecessor_id__in=frontier).select_related("successor"))
        if not edges:
            break
        frontier = []
        for e in edges:
            if e.successor_id in seen:
                continue
            seen.add(e.successor_id)
            s = e.successor
            if (s.valid_from is None or s.valid_from <= today) and (s.valid_until is None or s.valid_until > today):
                out.append(Step(s, e.kind, e.get_kind_display(), e.effective_date, e.is_default_successor))
            else:
                frontier.append(s.pk)
    return sorted(out, key=lambda s: (not s.is_default, s.unit.name))


def predecessors_with_dates(unit: Unit) -> list[Step]:
    """Every unit that went into ``unit``, oldest reorganization last, with the edge that brought it."""
    out, frontier, seen = [], [unit.pk], {unit.pk}
    for _ in range(MAX_GENERATIONS):
        edges = list(Lineage.objects.filter(successor_id__in=frontier).select_related("predecessor", "successor"))
        frontier = []
        for e in edges:
            if e.predecessor_id in seen:
                continue
            seen.add(e.predecessor_id)
            frontier.append(e.predecessor_id)
            out.append(Step(e.predecessor, e.kind, e.get_kind_display(), e.effective_date, e.is_default_successor, e.successor))
        if not frontier:
            break
    return out
