"""Units at a date and across reorganizations: which units were valid then, who came before, who came after.

Lineage is a small graph (about 11,000 edges nationally) walked a level at a
time: one query per generation, and there are at most three generations
(2024 mergers, the 2025 reform, and whatever is recorded later).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kieumau import clock

from .models import Lineage, Unit

MAX_GENERATIONS = 10  # guards against a cycle entered by hand


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


def _reached_ids(ids, *, forward: bool) -> set[int]:
    """The units reachable from ``ids`` (not themselves), one generation (one query of ids only) at a time: the
    roadmap and the matrix ask this of a whole province's wards, hundreds of edges whose units they do not need."""
    near, far = ("predecessor_id", "successor_id") if forward else ("successor_id", "predecessor_id")
    start = set(ids)
    seen, frontier = set(start), set(start)
    for _ in range(MAX_GENERATIONS):
        if not frontier:
            break
        frontier = set(Lineage.objects.filter(**{f"{near}__in": frontier}).values_list(far, flat=True)) - seen
        seen |= frontier
    return seen - start


def successor_ids(ids) -> set[int]:
    """Every unit the units ``ids`` became, transitively."""
    return _reached_ids(ids, forward=True)


def covering_ids(unit: Unit) -> set[int]:
    """The unit, its ancestors, and what they became since: roles held on any of them act on the unit."""
    ancestors = set(unit.ancestor_ids)
    return ancestors | successor_ids(ancestors)


def predecessor_ids(ids) -> set[int]:
    """Every unit the units ``ids`` were formed from, transitively."""
    return _reached_ids(ids, forward=False)


def predecessors_by_unit(ids) -> dict[int, set[int]]:
    """For each unit of ``ids``: every unit it was formed from, transitively. One query per generation for all.

    Unlike a plain walk, a predecessor shared by two of ``ids`` is credited to both.
    """
    return _reached_by_unit(ids, forward=False)


def successors_by_unit(ids) -> dict[int, set[int]]:
    """For each unit of ``ids``: every unit it became, transitively. One query per generation for all."""
    return _reached_by_unit(ids, forward=True)


def _reached_by_unit(ids, *, forward: bool) -> dict[int, set[int]]:
    near, far = ("predecessor_id", "successor_id") if forward else ("successor_id", "predecessor_id")
    out: dict[int, set[int]] = {i: set() for i in ids}
    origins: dict[int, set[int]] = {i: {i} for i in ids}
    frontier = set(ids)
    for _ in range(MAX_GENERATIONS):
        if not frontier:
            break
        gained: dict[int, set[int]] = {}
        for here, there in Lineage.objects.filter(**{f"{near}__in": frontier}).values_list(near, far):
            for origin in origins[here]:
                if there != origin and there not in out[origin]:
                    out[origin].add(there)
                    gained.setdefault(there, set()).add(origin)
        for there, new in gained.items():
            origins.setdefault(there, set()).update(new)
        frontier = set(gained)
    return out


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
    today = today or clock.today()
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
