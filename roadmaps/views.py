from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST

from accounts import second_factor
from accounts.models import Role
from accounts.scope import get_province_for_user, scope_for
from kieumau import clock, fragments
from kieumau import posted as posted_values
from units import territory

from . import adjustments, export, services
from .models import Plan, PlanAdjustment, PlanTarget

FLASH = "at-lo-trinh"
PRIVATE_USER_FIELDS = ("password", "email", "last_login", "is_superuser", "is_staff", "is_active", "date_joined")


def _plan_for(request, pk: int) -> tuple[Plan, object]:
    """The plan the opened province follows, and that province (404 outside scope or not a province).

    A province formed by a merger follows the plan its predecessor wrote (the plan keeps its written targets and its
    own land); one that ended follows its own plan onto the wards it became.
    """
    province = get_province_for_user(request.user, pk)
    plan = services.plan_in_force(province)
    if plan is None:
        raise Http404
    return plan, province


def _may(user, province, role) -> bool:
    """Acting on a roadmap: the role held on the province, and the province still exists (an ended one's plan is
    history; its land's plan is adjusted by the province that runs it now)."""
    if user.is_superuser:
        return True
    return territory.is_valid_on(province, clock.today()) and role in scope_for(user).roles_on(province)


@require_GET
@login_required
def roadmap(request, pk: int):
    return _roadmap_page(request, pk)


def _roadmap_page(request, pk: int, posted=None, status: int = 200):
    opened = get_province_for_user(request.user, pk)
    # The plan in force, its earlier versions and the adjustments change only with an event naming the province or
    # one of its lineage (an adjustment names the province it was made on; a plan's load names the province it was
    # written for, whose plan this one follows: one it was formed from) or naming no unit (the admin's changes): kept
    # under that version (kieumau.fragments.unit_versions, without the wards' figures saved, which move the land's)
    kept = fragments.cached("roadmap-plan", (opened.pk,), lambda: _plan_versions_adjustments(opened),
                            version=fragments.unit_versions(opened)[1])
    plan = kept["plan"]
    if plan is None:
        raise Http404

    def build():  # plan vs actual over every year of the land, and the long list of gaps, rendered once
        r = services.build(plan, opened=opened)
        return r, render_to_string("roadmaps/_gaps.html", {"r": r})

    # kept until the data change (kieumau/fragments.py)
    r, gaps = fragments.cached("roadmap", (plan.pk, opened.pk), build,
                               roots=fragments.family(plan.province) | fragments.family(opened))
    chart = {
        "labels": [line.year for line in r.lines],
        "written": [line.target_cumulative for line in r.lines],
        "rebased": [line.target_cumulative_rebased for line in r.lines],
        "actual": [line.actual_cumulative for line in r.lines],
    }
    ctx = {"r": r, "gaps": mark_safe(gaps), "plan": plan, "province": opened,  # noqa: S308 (our own template's output)
           "dated": territory.display_name(opened),
           "plan_province": territory.display_name(plan.province), "chart": chart, "flash": FLASH}
    ctx.update({
        "versions": kept["versions"],
        "adjustments": kept["adjustments"],
        "can_propose": _may(request.user, opened, Role.PROGRAM_STAFF),
        "can_decide": _may(request.user, opened, Role.APPROVER),
        "years": range(plan.start_year, plan.end_year + 1), "kinds": PlanTarget.Kind.choices,
        "posted": posted or {},
    })
    return render(request, "roadmaps/roadmap.html", ctx, status=status)


def _plan_versions_adjustments(province) -> dict:
    plan = services.plan_in_force(province)
    if plan is None:
        return {"plan": None}  # kept too: a province without a plan asks no more until an event on its land
    versions = plan.history()
    # the people by their names only: no password hash, address or rights of theirs in the shared cache
    private = [f"{who}__{field}" for who in ("proposed_by", "decided_by") for field in PRIVATE_USER_FIELDS]
    adjustments = list(PlanAdjustment.objects.filter(plan__in=[plan, *versions])
                       .select_related("plan", "proposed_by", "decided_by", "result").defer(*private))
    return {"plan": plan, "versions": versions, "adjustments": adjustments}


@require_POST
@login_required
def propose_adjustment(request, pk: int):
    plan, opened = _plan_for(request, pk)
    if not _may(request.user, opened, Role.PROGRAM_STAFF):
        raise PermissionDenied
    try:
        year = posted_values.integer(request.POST.get("year"))
        if year is None:
            raise adjustments.Refused("Hãy chọn năm cần điều chỉnh.")
        adjustments.propose(plan, year, request.POST.get("kind", ""), request.POST.get("value", ""),
                            request.POST.get("reason", ""), request.user, province=opened)
    except adjustments.Refused as e:
        messages.error(request, str(e), extra_tags=FLASH)
        return _roadmap_page(request, pk, posted=request.POST, status=400)
    messages.success(request, "Đã gửi đề xuất điều chỉnh; chờ lãnh đạo quyết định.", extra_tags=FLASH)
    return redirect(reverse("roadmap", args=[pk]) + "#dieu-chinh")


@require_POST
@login_required
def decide_adjustment(request, pk: int, adj: int):
    plan, opened = _plan_for(request, pk)
    adjustment = PlanAdjustment.objects.filter(pk=adj, plan__in=[plan, *plan.history()]).first()
    if adjustment is None:
        raise Http404
    if not _may(request.user, opened, Role.APPROVER):
        raise PermissionDenied
    decision = request.POST.get("decision")
    try:
        if decision not in ("approve", "reject"):
            raise adjustments.Refused("Hãy chọn phê duyệt hoặc không chấp thuận.")
        adjustments.decide(adjustment, request.user, approve=decision == "approve", note=request.POST.get("note", ""),
                           second_factor=second_factor.session_verified(request), province=opened)
    except adjustments.Refused as e:
        messages.error(request, str(e), extra_tags=FLASH)
        return _roadmap_page(request, pk, posted=request.POST, status=400)
    messages.success(request, "Đã phê duyệt: lộ trình có phiên bản mới." if decision == "approve" else "Đã ghi quyết định không chấp thuận.",
                     extra_tags=FLASH)
    return redirect(reverse("roadmap", args=[pk]) + "#dieu-chinh")


@require_GET
@login_required
def roadmap_xlsx(request, pk: int):
    plan, opened = _plan_for(request, pk)
    r = services.build(plan, opened=opened)
    content = export.workbook(r, territory.display_name(opened), demo=r.is_demo)
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="lo-trinh-{opened.code}.xlsx"'
    return response
