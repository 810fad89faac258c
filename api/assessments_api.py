"""Assessments: read them with their figures and stored results; change a draft's figures exactly as the entry form
does — through ``assessments.services.save_figures``, the one path that validates and locks figures, so the same
input gets the same verdict (the same fields, the same Vietnamese messages) here and on the form."""

from __future__ import annotations

from typing import Literal

from django.utils.translation import gettext as _
from ninja import Query, Router

from accounts.scope import scope_for
from assessments import derived, eligibility, services, workflow
from assessments.models import Assessment, CriterionResult
from frameworks import registry
from units import territory
from units.models import Unit

from . import access
from .errors import ApiError, ErrorOut, forbidden, not_found
from .schemas import UNIT_CODE, AssessmentOut, AssessmentPage, Day, FiguresIn

router = Router(tags=["assessments"])
ERRORS = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}
StatusName = Literal[tuple(workflow.STATUS_LABELS)]


def _summary(a: Assessment) -> dict:
    return {"id": a.pk, "unit": access.unit_ref(a.unit), "year": a.year,
            "framework": {"code": a.framework.code, "version": a.framework.version}, "status": a.status,
            "status_label": str(workflow.STATUS_LABELS.get(a.status, a.status)), "revision": a.revision,
            "meets_standard": a.meets_standard, "evaluated_at": a.evaluated_at, "updated_at": a.updated_at}


def _land(province: Unit, year: int | None):
    """The communes on the province's land: those existing on 31/12 of ``year`` (the wards assessed for it), or,
    without a year, every commune ever on it (through reorganizations)."""
    if year is not None:
        end = territory.year_end(year)
        return territory.communes(province, end, end).values("pk")
    return territory.history_ids(province)


@router.get("/assessments", response={200: AssessmentPage, **ERRORS}, summary="Assessments, filtered")
def assessments(request, province: str | None = Query(None, pattern=UNIT_CODE), at: Day | None = None,
                year: int | None = Query(None, ge=1900, le=2999), status: StatusName | None = None,
                limit: int = Query(access.DEFAULT_LIMIT, ge=1, le=access.MAX_LIMIT),
                offset: int = Query(0, ge=0, le=1_000_000)):
    """The assessments you may see, newest year first. ``province`` (a code) is the province bearing it on ``at``, or
    else on 31/12 of ``year``, or else today; with a year, the wards on its land at that year's end, otherwise every
    ward ever on its land."""
    qs = Assessment.objects.with_framework("unit")
    if province:
        day = at or (territory.year_end(year) if year else access.day_or_today(None))
        qs = qs.filter(unit_id__in=_land(access.province_on(request.auth, province, day), year))
    if year is not None:
        qs = qs.filter(year=year)
    if status:
        qs = qs.filter(status=status)
    seen = access.seen_filter(request.auth, "unit__path")
    if seen is not None:
        qs = qs.filter(seen)
    rows, paging = access.page(request, qs.order_by("-year", "unit__code", "pk"), limit, offset)
    return {**paging, "items": [_summary(a) for a in rows]}


def _get(user, pk: int) -> Assessment:
    a = Assessment.objects.with_framework("unit").filter(pk=pk).first()
    if a is None or not scope_for(user).sees(a.unit):
        raise not_found()
    return a


def _editable_prev(a: Assessment, fw) -> list[str]:
    """Codes whose last-year figure is typed by hand: those last year's record (or carried figures) lack (the form's)."""
    last, _carried = services.last_year_record(a.unit_id, a.year, {c: i.type for c, i in fw.indicators.items()})
    return [c for c in fw.prev_codes if c not in last]


def _detail(user, a: Assessment) -> dict:
    fw = registry.compiled(a.framework)
    results = CriterionResult.objects.filter(assessment=a).select_related("criterion").order_by("criterion__position")
    may_write = scope_for(user).can_enter_data(a.unit) and a.status in workflow.EDITABLE
    return {**_summary(a), "values": a.values, "previous_values": a.previous_values,
            "previous_codes": _editable_prev(a, fw), "computed_codes": sorted(a.derived), "overrides": a.overrides,
            "results": [{"criterion": r.criterion.code, "title": r.criterion.title, "status": r.status,
                         "conditions": r.conditions} for r in results],
            "editable": may_write and not eligibility.why_not_writable(a.unit, a.year)}


@router.get("/assessments/{assessment_id}", response={200: AssessmentOut, **ERRORS}, summary="One assessment")
def assessment(request, assessment_id: int):
    """The assessment with its figures and the stored result of each criterion."""
    return _detail(request.auth, _get(request.auth, assessment_id))


@router.patch("/assessments/{assessment_id}/values", response={200: AssessmentOut, 400: ErrorOut, 403: ErrorOut, 409: ErrorOut, **ERRORS},
              summary="Change a draft's figures")
def change_values(request, assessment_id: int, payload: FiguresIn):
    """Change the figures of a draft (or returned) assessment, as the entry form does: only the codes sent change (null
    or "" clears one); ``revision`` must be the assessment's current one. Errors name the field as the form does (the
    indicator code; ``prev_<code>`` for a last-year figure) with the form's message: 422 for figures, 409 when the
    assessment is locked, the ward has ended or someone saved since ``revision``; 403 for a role that only reads."""
    user = request.auth
    a = _get(user, assessment_id)
    if not scope_for(user).can_enter_data(a.unit):
        raise forbidden()
    fw = registry.compiled(a.framework)
    provided = derived.provided_for(a.unit, a.year, fw)
    items = _refused_codes(a, fw, payload, provided)
    if items:
        raise ApiError.many(422, items)
    outcome = services.save_figures(a.unit, a.year, payload.values, payload.previous, user, revision=payload.revision,
                                    overrides=payload.overrides if provided else None)
    if not outcome.ok:
        whole = outcome.errors.get("__all__")
        if whole:
            raise ApiError(409, "refused", whole)
        raise ApiError.many(422, [{"field": field, "location": "body", "code": "invalid", "message": message}
                                  for field, message in outcome.errors.items()])
    return _detail(user, _get(user, assessment_id))


def _refused_codes(a: Assessment, fw, payload: FiguresIn, provided: dict) -> list[dict]:
    """What the form cannot even send: a computed figure without an override, a last-year figure that last year's
    record already holds. (Everything else is judged by save_figures.)"""
    items = []
    overridden = set(payload.overrides if payload.overrides is not None else a.overrides)
    for code in payload.values:
        if code in provided and code not in overridden:
            items.append({"field": code, "location": "body", "code": "computed", "message": _(
                "This figure is computed from a register; to type over it, give the reason in “overrides”.")})
    editable = set(_editable_prev(a, fw)) if payload.previous else set()
    for code in payload.previous:
        if code in fw.prev_codes and code not in editable:
            items.append({"field": f"prev_{code}", "location": "body", "code": "recorded", "message": _(
                "Last year's figure comes from last year's assessment; it cannot be entered here.")})
    return items
