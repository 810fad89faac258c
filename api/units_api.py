"""Units at a date: codes are reused across maps (56 is Khánh Hòa before and after 1/7/2025), so a code names a unit
only together with a day (``at``, default today)."""

from __future__ import annotations

from django.db.models import Case, IntegerField, Value, When
from ninja import Path, Query, Router

from accounts.scope import scope_for
from kieumau import fragments
from units.models import Level, Unit

from . import access
from .errors import ErrorOut, not_found
from .schemas import UNIT_CODE, Day, Level as LevelName, UnitOut, UnitPage

router = Router(tags=["units"])
ERRORS = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}
_LEVEL_ORDER = Case(When(level=Level.PROVINCE, then=Value(0)), When(level=Level.DISTRICT, then=Value(1)),
                    default=Value(2), output_field=IntegerField())


def _out(units: list[Unit]) -> list[dict]:
    preds, succs = access.lineage([u.pk for u in units])
    return [{**access.unit_ref(u), "kind": u.kind, "parent": u.parent.code if u.parent_id else None,
             "predecessors": access.codes(preds[u.pk]), "successors": access.codes(succs[u.pk]),
             "predecessor_units": preds[u.pk], "successor_units": succs[u.pk]} for u in units]


@router.get("/units/{code}", response={200: UnitOut, **ERRORS}, summary="A unit by its code on a day")
def unit(request, code: str = Path(..., pattern=UNIT_CODE), at: Day | None = None, level: LevelName | None = None):
    """The unit bearing ``code`` on ``at`` (default today), with its parent's code and its direct predecessors and
    successors. 404 when no unit bears the code that day, or it is outside your scope."""
    qs = Unit.objects.filter(code=code).valid_on(access.day_or_today(at)).select_related("parent")
    if level:
        qs = qs.filter(level=level)
    found = qs.order_by(_LEVEL_ORDER).first()
    if found is None or not scope_for(request.auth).sees(found):
        raise not_found()
    return _out([found])[0]


@router.get("/units", response={200: UnitPage, **ERRORS}, summary="Units of a province on a day")
def units(request, province: str = Query(..., pattern=UNIT_CODE), at: Day | None = None, level: LevelName | None = None,
          limit: int = Query(access.DEFAULT_LIMIT, ge=1, le=access.MAX_LIMIT),
          offset: int = Query(0, ge=0, le=1_000_000)):
    """The units valid on ``at`` (default today) within the province bearing the code ``province`` that day (the
    province itself excluded), those you may see, provinces' districts first then communes, by code."""
    day = access.day_or_today(at)
    region = access.province_on(request.auth, province, day)

    def gather() -> tuple[int, list]:
        qs = Unit.objects.within(region).exclude(pk=region.pk).valid_on(day).select_related("parent")
        if level:
            qs = qs.filter(level=level)
        seen = access.seen_filter(request.auth)
        if seen is not None:
            qs = qs.filter(seen)
        rows, paging = access.page(request, qs.order_by(_LEVEL_ORDER, "code", "pk"), limit, offset)
        return paging["count"], _out(rows)

    # Units and their lineage change only with the map (fragments.until_the_map_changes): the page is kept per
    # province, day, filter and what the token's owner may see; the link to the next page is the caller's own.
    count, items = fragments.until_the_map_changes(
        f"api-units:{region.pk}:{day.isoformat()}:{level or '-'}:{limit}:{offset}:{fragments.scope_key(scope_for(request.auth))}", gather)
    return {**access.paging(request, count, limit, offset), "items": items}
