"""Last year's figures of wards formed by a reorganization, from the wards they were formed from (rules: engine.carry)."""

from __future__ import annotations

from engine.carry import Carried, Source, carry
from frameworks import registry
from units.models import Lineage

from .models import Assessment


def carried_previous(unit_ids, year: int, types: dict | None = None) -> dict[int, Carried]:
    """For each unit in ``unit_ids`` (ids or a subquery) that was formed from others: last year's figures carried.

    Units with no predecessor are absent from the result; callers use a unit's own record first.
    """
    edges = list(Lineage.objects.filter(successor_id__in=unit_ids).values_list(
        "successor_id", "predecessor_id", "predecessor__name", "kind"))
    if not edges:
        return {}
    records = dict(Assessment.objects.filter(year=year - 1, unit_id__in={e[1] for e in edges}).values_list("unit_id", "values"))
    if types is None:
        framework = registry.for_year(year)
        types = {code: ind.type for code, ind in registry.compiled(framework).indicators.items()} if framework else {}
    grouped: dict[int, list] = {}
    for succ, pred, name, kind in edges:
        grouped.setdefault(succ, []).append(Source(name, records.get(pred), kind != Lineage.Kind.SPLIT))
    return {succ: carry(types, sorted(sources, key=lambda s: s.name)) for succ, sources in grouped.items()}
