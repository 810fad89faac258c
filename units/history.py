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


def _generations(ids, forward: bool):
    """The lineage edges reachable from ``ids``, one generation (one query) at a time, each far unit once.

    ``forward`` follows predecessor → successor. Edges come with both units loaded.
    """
    seen = set(ids)
    frontier = set(ids)
    for _ in range(MAX_GENERATIONS):
        if not frontier:
            return
        near = "predecessor_id__in" if forward else "successor_id__in"
        fresh = []
        for e in Lineage.objects.filter(**{near: frontier}).select_related("predecessor", "successor"):
            far = e.successor_id if forward else e.predecessor_id
            if far not in seen:
                seen.add(far)
                fresh.append(e)
        frontier = {e.successor_id if forward else e.predecessor_id for e in fresh}
        yield fresh


def successor_ids(ids) -> set[int]:
    """Every unit the units ``ids`` became, transitively."""
    return {e.successor_id for edges in _generations(ids, forward=True) for e in edges}


def predecessors_by_unit(ids) -> dict[int, set[int]]:
    """For each unit of ``ids``: every unit it was formed from, transitively. One query per generation for all.

    Unlike a plain walk, a predecessor shared by two of ``ids`` is credited to both.
    """
    out: dict[int, set[int]] = {i: set() for i in ids}
    origins: dict[int, set[int]] = {i: {i} for i in ids}
    frontier = set(ids)
    for _ in range(MAX_GENERATIONS):
        if not frontier:
            break
        gained: dict[int, set[int]] = {}
        for succ, pred in Lineage.objects.filter(successor_id__in=frontier).values_list("successor_id", "predecessor_id"):
            for origin in origins[succ]:
                if pred != origin and pred not in out[origin]:
                    out[origin].add(pred)
                    gained.setdefault(pred, set()).add(origin)
        for pred, new in gained.items():
            origins.setdefault(pred, set()).update(new)
        frontier = set(gained)
    return out


def wards_on(province: Unit, day: dt.date):
    return Unit.objects.within(province).wards().valid_on(day)


def territory_ids(province: Unit) -> set[int]:
    """The province's land over time: its wards and communes, and every unit they became."""
    own = set(Unit.objects.within(province).filter(level=Level.COMMUNE).values_list("id", flat=True))
    return own | successor_ids(own)


def territory_wards(province: Unit, day: dt.date, territory: set[int] | None = None) -> list[Unit]:
    """Wards valid on ``day`` on the territory ``province`` had: its own, or, after it ended, its wards' successors.

    ``territory``: ``territory_ids(province)``, when the caller already has it.
    """
    if province.valid_until is None or day < province.valid_until:
        return list(wards_on(province, day))
    territory = territory_ids(province) if territory is None else territory
    return list(Unit.objects.filter(pk__in=territory).wards().valid_on(day))


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
    out = []
    for edges in _generations([unit.pk], forward=True):
        for e in edges:
            s = e.successor
            if (s.valid_from is None or s.valid_from <= today) and (s.valid_until is None or s.valid_until > today):
                out.append(Step(s, e.kind, e.get_kind_display(), e.effective_date, e.is_default_successor))
    return sorted(out, key=lambda s: (not s.is_default, s.unit.name))


def predecessors_with_dates(unit: Unit) -> list[Step]:
    """Every unit that went into ``unit``, oldest reorganization last, with the edge that brought it."""
    return [Step(e.predecessor, e.kind, e.get_kind_display(), e.effective_date, e.is_default_successor, e.successor)
            for edges in _generations([unit.pk], forward=False) for e in edges]
