"""The program's other records: criteria frameworks, roadmaps, recognitions and the coordinating bodies' reporting."""

from __future__ import annotations

from django.db.models import Prefetch
from ninja import Path, Query, Router

from accounts.scope import scope_for
from agencies.models import Program
from assessments.models import Recognition, RecognitionReview
from frameworks import registry
from frameworks.models import Framework
from kieumau import clock
from reporting import board as boards
from reporting import periods
from reporting.views_support import board_json
from roadmaps import services as roadmaps
from units import territory
from units.history import predecessor_ids, successor_ids
from units.models import Level, Unit

from . import access
from .errors import ErrorOut, not_found
from .schemas import FRAMEWORK_CODE, UNIT_CODE, Day, FrameworkOut, FrameworkSummary, RecognitionPage, ReportingOut, RoadmapOut

router = Router()
ERRORS = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}
PERIOD = r"^[0-9]{4}(-H1)?$|^[A-Z]{2,4}[0-9]{4}$"  # 2025-H1 (six-monthly), 2025 (yearly), SK2025 (a milestone)


def _framework_summary(f: Framework) -> dict:
    return {"code": f.code, "version": f.version, "title": f.title, "source": f.source, "effective_from": f.effective_from}


@router.get("/frameworks", response={200: list[FrameworkSummary], 401: ErrorOut}, tags=["frameworks"],
            summary="Criteria frameworks")
def frameworks(request):
    """Every stored version of every criteria framework."""
    return [_framework_summary(f) for f in Framework.objects.order_by("code", "version")]


@router.get("/frameworks/{code}/{version}", response={200: FrameworkOut, **ERRORS}, tags=["frameworks"],
            summary="One framework version with its criteria and indicators")
def framework(request, code: str = Path(..., pattern=FRAMEWORK_CODE), version: int = Path(..., ge=1, le=2**31 - 1)):
    row = Framework.objects.filter(code=code, version=version).first()
    if row is None:
        raise not_found()
    fw = registry.compiled(row)
    groups = {g.code: g.title for g in fw.groups}
    return {**_framework_summary(row), "evidence_required": fw.evidence_required,
            "criteria": [{"code": c.code, "ref": c.ref, "title": c.title, "group": c.group, "group_title": groups.get(c.group, ""),
                          "indicators": list(c.indicators), "conditions": [k.text for k in c.conditions],
                          "evidence": list(c.evidence)} for c in fw.criteria],
            "indicators": [{"code": i.code, "type": i.type, "label": i.label, "unit": i.unit, "help": i.help,
                            "criterion": i.criterion, "max": i.max} for i in fw.indicators.values()]}


@router.get("/roadmaps/{province}", response={200: RoadmapOut, **ERRORS}, tags=["roadmaps"],
            summary="A province's roadmap: targets and actual")
def roadmap(request, province: str = Path(..., pattern=UNIT_CODE), at: Day | None = None):
    """The roadmap the province bearing the code ``province`` on ``at`` (default today) follows — its own, or the
    one a province it was formed from wrote — with each year's targets (as written and re-based on the wards of that
    year) and the wards actually recognized."""
    region = access.province_on(request.auth, province, access.day_or_today(at))
    if not scope_for(request.auth).sees(region):
        raise not_found()
    plan = roadmaps.plan_in_force(region)
    if plan is None:
        raise not_found()
    data = roadmaps.as_json(plan)
    return {**data, "province": region.code, "plan_province": access.unit_ref(plan.province)}


@router.get("/recognitions", response={200: RecognitionPage, **ERRORS}, tags=["recognitions"],
            summary="Recognition decisions")
def recognitions(request, province: str | None = Query(None, pattern=UNIT_CODE), at: Day | None = None,
                 year: int | None = Query(None, ge=1900, le=2999),
                 limit: int = Query(access.DEFAULT_LIMIT, ge=1, le=access.MAX_LIMIT),
                 offset: int = Query(0, ge=0, le=1_000_000)):
    """Recognition decisions you may see, with each later year's check; ``revoked`` once a check revoked the title.
    ``province``: the wards ever on the land of the province bearing that code on ``at`` (default today)."""
    qs = Recognition.objects.select_related("unit").prefetch_related(
        Prefetch("reviews", queryset=RecognitionReview.objects.order_by("year")))
    if province:
        region = access.province_on(request.auth, province, access.day_or_today(at))
        qs = qs.filter(unit_id__in=territory.history_ids(region))
    if year is not None:
        qs = qs.filter(year=year)
    seen = access.seen_filter(request.auth, "unit__path")
    if seen is not None:
        qs = qs.filter(seen)
    rows, paging = access.page(request, qs.order_by("-year", "-decision_date", "pk"), limit, offset)
    items = []
    for r in rows:
        reviews = [{"year": c.year, "outcome": c.outcome, "decision_number": c.decision_number,
                    "decision_date": c.decision_date} for c in r.reviews.all()]
        items.append({"id": r.pk, "unit": access.unit_ref(r.unit), "year": r.year, "assessment_id": r.assessment_id,
                      "decision_number": r.decision_number, "decision_date": r.decision_date, "signer": r.signer,
                      "revoked": any(c["outcome"] == RecognitionReview.Outcome.REVOKED for c in reviews), "reviews": reviews})
    return {**paging, "items": items}


@router.get("/reporting/{province}", response={200: ReportingOut, **ERRORS}, tags=["reporting"],
            summary="Coordinating bodies' periodic reports for a period")
def reporting(request, province: str = Path(..., pattern=UNIT_CODE), period: str = Query(..., pattern=PERIOD, max_length=10)):
    """Where each coordinating body's report stands for ``period`` (2025-H1, 2025, or a milestone code such as
    SK2025) — as ``manage.py reporting_status``: the province is the one bearing the code on the period's deadline."""
    ids = set(Unit.objects.filter(level=Level.PROVINCE, code=province).values_list("pk", flat=True))
    reach = ids | predecessor_ids(ids) | successor_ids(ids) if ids else set()
    scope = scope_for(request.auth)
    for program in Program.objects.filter(province_id__in=reach).select_related("province").order_by("start_year", "code"):
        try:
            p = boards.period(program, period)
        except periods.PeriodError:
            continue
        region = boards.province_on(province, p.deadline)
        if region is None or program not in boards.programs_for(region):
            continue
        if not scope.sees(region):
            raise not_found()
        return board_json(region, boards.board(program, p, clock.today()))
    raise not_found()
