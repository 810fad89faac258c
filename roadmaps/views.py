from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.scope import get_province_for_user
from units import history, territory
from units.models import Level

from . import export, services
from .models import Plan


def _plan_for(request, pk: int) -> tuple[Plan, object]:
    """The plan the opened province follows, and that province (404 outside scope or not a province).

    A province formed by a merger follows the plan its predecessor wrote (the plan keeps its written targets and its
    own land); one that ended follows its own plan onto the wards it became.
    """
    province = get_province_for_user(request.user, pk)
    provinces = [province.pk] + [s.unit.pk for s in history.predecessors_with_dates(province) if s.unit.level == Level.PROVINCE]
    plans = Plan.objects.filter(province__in=provinces).select_related("province").prefetch_related("target_rows", "milestones")
    plan = min(plans, key=lambda p: (provinces.index(p.province_id), -p.start_year), default=None)
    if plan is None:
        raise Http404
    return plan, province


@require_GET
@login_required
def roadmap(request, pk: int):
    plan, opened = _plan_for(request, pk)
    r = services.build(plan, opened=opened)
    chart = {
        "labels": [line.year for line in r.lines],
        "written": [line.target_cumulative for line in r.lines],
        "rebased": [line.target_cumulative_rebased for line in r.lines],
        "actual": [line.actual_cumulative for line in r.lines],
    }
    ctx = {"r": r, "plan": plan, "province": opened, "dated": territory.display_name(opened),
           "plan_province": territory.display_name(plan.province), "chart": chart}
    return render(request, "roadmaps/roadmap.html", ctx)


@require_GET
@login_required
def roadmap_xlsx(request, pk: int):
    plan, opened = _plan_for(request, pk)
    r = services.build(plan, opened=opened)
    content = export.workbook(r, territory.display_name(opened), demo=r.is_demo)
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="lo-trinh-{opened.code}.xlsx"'
    return response
