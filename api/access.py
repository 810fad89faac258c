"""What the API's endpoints share: the token owner's scope as a query filter, dates and codes, paging."""

from __future__ import annotations

import datetime as dt
import operator
from functools import reduce
from urllib.parse import urlencode

from django.db.models import Q

from accounts.scope import scope_for
from kieumau import clock
from units.models import Level, Lineage, Unit

from .errors import not_found

MAX_LIMIT = 200
DEFAULT_LIMIT = 50


def seen_filter(user, field: str = "path") -> Q | None:
    """A filter keeping the units (through ``field``, a unit's path) the user may see; None when they see all."""
    scope = scope_for(user)
    if scope.national:
        return None
    if not scope.paths:
        return Q(pk__in=[])
    return reduce(operator.or_, (Q(**{f"{field}__startswith": p}) for p in sorted(scope.paths)))


_REF = ("code", "name", "level", "valid_from", "valid_until")  # what a unit's reference is made of


def _ref(values) -> dict:
    """A unit's reference from its ``_REF`` fields, a model's or a query's values. Our ``valid_until`` is the first day
    a unit no longer exists; the API gives the last day it does (``valid_to``)."""
    code, name, level, valid_from, valid_until = values
    return {"code": code, "name": name, "level": level, "valid_from": valid_from,
            "valid_to": valid_until - dt.timedelta(days=1) if valid_until else None}


def unit_ref(unit) -> dict:
    return _ref([getattr(unit, name) for name in _REF])


def province_on(user, code: str, day: dt.date) -> Unit:
    """The province bearing ``code`` on ``day``, if the user sees it or anything in it; else 404."""
    province = Unit.objects.filter(level=Level.PROVINCE, code=code).valid_on(day).first()
    if province is None:
        raise not_found()
    scope = scope_for(user)
    if not (scope.national or scope.sees(province) or any(p.startswith(province.path) for p in scope.paths)):
        raise not_found()
    return province


def day_or_today(day: dt.date | None) -> dt.date:
    return day or clock.today()


def lineage(ids) -> tuple[dict, dict]:
    """For each unit of ``ids``: its direct predecessors and successors (LineageOut dicts), in one query (values, not
    model instances: a province's page of 50 wards meets some 400 edges, each naming two units)."""
    preds: dict[int, list] = {i: [] for i in ids}
    succs: dict[int, list] = {i: [] for i in ids}
    sides = [f"{side}__{name}" for side in ("predecessor", "successor") for name in _REF]
    edges = (Lineage.objects.filter(Q(predecessor_id__in=ids) | Q(successor_id__in=ids)).order_by("effective_date", "id")
             .values_list("predecessor_id", "successor_id", "kind", "effective_date", *sides))
    for before, after, kind, day, *units in edges:
        if after in preds:
            preds[after].append({**_ref(units[: len(_REF)]), "kind": kind, "effective_date": day})
        if before in succs:
            succs[before].append({**_ref(units[len(_REF) :]), "kind": kind, "effective_date": day})
    return preds, succs


def codes(items: list[dict]) -> list[str]:
    return list(dict.fromkeys(i["code"] for i in items))


def page(request, qs, limit: int, offset: int) -> tuple[list, dict]:
    """One page of ``qs`` and the paging fields (count, limit, offset, next) of the answer."""
    count = qs.count()
    rows = list(qs[offset : offset + limit]) if offset < count else []
    return rows, paging(request, count, limit, offset)


def paging(request, count: int, limit: int, offset: int) -> dict:
    """The paging fields of an answer: the link to the next page is the caller's own address, offset moved."""
    following = None
    if offset + limit < count:
        params = request.GET.copy()
        params["offset"], params["limit"] = str(offset + limit), str(limit)
        following = request.build_absolute_uri(request.path + "?" + urlencode(sorted(params.items())))
    return {"count": count, "limit": limit, "offset": offset, "next": following}
