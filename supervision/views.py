"""Supervision pages: a province's visits and open findings (supervisors record theirs), one visit with its findings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from accounts.scope import get_province_for_user
from agencies.models import Body
from agencies.succession import Graph
from audit.labels import action_label
from audit.models import AuditEvent
from kieumau import clock, posted
from reporting.board import current_province, programs_shown
from units import territory

from . import access, services
from .models import Finding, Visit

FLASH = "at-giam-sat"


def _targets(program) -> list[tuple[str, str, object]]:
    """What a visit can be to: the wards on the program's land today and the bodies holding its tasks today."""
    today = clock.today()
    wards = territory.Land(program.province, today.year, today.year).wards_at(today.year)
    graph = Graph.load()
    bodies = {graph.holder_on(h, today) for h in program.tasks.values_list("holder_id", flat=True)}
    out = [(f"b-{b.pk}", b.name, b) for b in sorted((b for b in bodies if b), key=lambda b: b.name)]
    return out + [(f"u-{w.pk}", w.name, w) for w in wards if territory.is_valid_on(w, today)]


@require_http_methods(["GET", "POST"])
@login_required
def province_visits(request, pk: int):
    province = get_province_for_user(request.user, pk)
    programs = programs_shown(province)
    if not programs:
        raise Http404
    program = next((p for p in programs if p.code == request.GET.get("ct", request.POST.get("ct"))), programs[-1])
    can_record = access.records_visits(request.user, program)
    error, status = None, 200
    targets = _targets(program) if can_record else []
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied
        target = next((t for key, _n, t in targets if key == request.POST.get("target")), None)
        try:
            if target is None:
                raise services.Refused("Hãy chọn phường hoặc cơ quan được giám sát, kiểm tra.")
            visit = services.record_visit(program, request.user, kind=request.POST.get("kind", ""),
                                          organisation=request.POST.get("organisation", ""),
                                          unit=target if not isinstance(target, Body) else None,
                                          body=target if isinstance(target, Body) else None,
                                          visited_on=posted.date(request.POST.get("visited_on")), summary=request.POST.get("summary", ""))
            messages.success(request, "Đã ghi cuộc giám sát; thêm các phát hiện, kiến nghị bên dưới.", extra_tags=FLASH)
            return redirect("visit", visit.pk)
        except services.Refused as e:
            error, status = str(e), 400
    visits = list(Visit.objects.filter(program__in=programs).select_related("program", "unit", "body", "created_by")[:300])
    open_counts = {}
    for vid, state in Finding.objects.filter(visit__in=visits).values_list("visit_id", "state"):
        open_counts.setdefault(vid, [0, 0])
        open_counts[vid][0] += 1
        open_counts[vid][1] += state != Finding.State.CLOSED
    for v in visits:
        v.n_findings, v.n_open = open_counts.get(v.pk, (0, 0))
    return render(request, "supervision/province.html", {
        "province": province, "dated": territory.display_name(province), "program": program, "programs": programs,
        "visits": visits, "can_record": can_record, "targets": targets, "kinds": Visit.Kind.choices,
        "error": error, "posted": request.POST, "flash": FLASH, "today": clock.today(),
        "default_org": request.user.get_full_name(),
    }, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def visit(request, pk: int):
    v = get_object_or_404(Visit.objects.select_related("program__province", "unit", "body", "created_by"), pk=pk)
    if not access.reads(request.user, v):
        raise Http404
    owns, answers = access.owns(request.user, v), access.answers(request.user, v)
    error, status = None, 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        if (action in ("add", "follow_up", "close") and not owns) or (action == "respond" and not answers):
            raise PermissionDenied
        try:
            if action == "add":
                services.add_finding(v, request.user, text=request.POST.get("text", ""),
                                     recommendation=request.POST.get("recommendation", ""), due=posted.date(request.POST.get("due")))
                messages.success(request, "Đã ghi phát hiện, kiến nghị.", extra_tags=FLASH)
            elif action in ("respond", "follow_up", "close"):
                f = v.findings.filter(pk=posted.integer(request.POST.get("finding"))).first()
                if f is None:
                    raise services.Refused("Không tìm thấy kiến nghị; hãy tải lại trang.")
                if action == "respond":
                    services.respond(f, request.user, request.POST.get("text", ""))
                else:
                    services.follow_up(f, request.user, request.POST.get("text", ""), close=action == "close")
                messages.success(request, "Đã ghi.", extra_tags=FLASH)
            else:
                raise services.Refused("Thao tác không hợp lệ.")
            return redirect("visit", v.pk)
        except services.Refused as e:
            error, status = str(e), 400
    findings = list(v.findings.prefetch_related("steps__by"))
    events = AuditEvent.objects.filter(object_type="supervision.visit", object_id=str(v.pk)).select_related("actor")
    return render(request, "supervision/visit.html", {
        "v": v, "findings": findings, "owns": owns, "answers": answers, "error": error, "posted": request.POST,
        "history": [(e, action_label(e.action)) for e in events], "today": clock.today(), "flash": FLASH,
        "province_link": access.sees_program(request.user, v.program),
        "province_pk": current_province(v.program, clock.today()).pk,
    }, status=status)
