from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.scope import get_province_for_user
from units import history
from units.models import Level

from . import export, services
from .models import Plan


def _plan_for(request, pk: int) -> Plan:
    province = get_province_for_user(request.user, pk)  # 404 outside scope or not a province
    # A province formed by a merger follows the plan its predecessor wrote (the plan keeps its written targets).
    provinces = [province.pk] + [s.unit.pk for s in history.predecessors_with_dates(province) if s.unit.level == Level.PROVINCE]
    plans = Plan.objects.filter(province__in=provinces).prefetch_related("target_rows", "milestones", "candidates__unit")
    plan = min(plans, key=lambda p: (provinces.index(p.province_id), -p.start_year), default=None)
    if plan is None:
        raise Http404
    return plan


@require_GET
@login_required
def roadmap(request, pk: int):
    plan = _plan_for(request, pk)
    r = services.build(plan)
    chart = {
        "labels": [line.year for line in r.lines],
        "written": [line.target_cumulative for line in r.lines],
        "rebased": [line.target_cumulative_rebased for line in r.lines],
        "actual": [line.actual_cumulative for line in r.lines],
    }
    return render(request, "roadmaps/roadmap.html", {"r": r, "plan": plan, "province": plan.province, "chart": chart})


@require_GET
@login_required
def roadmap_xlsx(request, pk: int):
    plan = _plan_for(request, pk)
    content = export.workbook(services.build(plan))
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="lo-trinh-{plan.province.code}.xlsx"'
    return response
