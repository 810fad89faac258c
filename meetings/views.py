"""Meeting pages: a province's meetings and gaps, a ward's, one meeting with its minutes and action items."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.db.models import Count, Q
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.scope import get_province_for_user, get_unit_for_user
from agencies.models import Program
from audit.labels import action_label
from audit.models import AuditEvent
from kieumau import clock, posted
from reporting.board import current_province, programs_of_ward, programs_shown
from units.models import Level
from units.territory import display_name

from . import access, services
from . import expected as E
from .models import Meeting

FLASH = "at-hop"


def _schedulable(request, program, ward=None) -> list[E.Expected]:
    exp = E.schedulable(program, clock.today(), ward=ward)
    taken = set(Meeting.objects.filter(program=program, slot__in={e.slot.code for e in exp}).values_list("level", "unit_id", "slot"))
    return [e for e in exp if e.key not in taken and access.writes(request.user, program, e.level, e.unit)]


def _key(e: E.Expected) -> str:
    return f"{e.level}|{e.unit.pk}|{e.slot.code}"


def _year(request, program) -> int:
    today = clock.today()
    last = min(today.year, program.end_year)
    value = request.GET.get("nam", "")
    if not value:
        return last
    if not (value.isascii() and value.isdigit() and program.start_year <= int(value) <= last):
        raise Http404
    return int(value)


@require_GET
@login_required
def province_meetings(request, pk: int):
    province = get_province_for_user(request.user, pk)
    programs = programs_shown(province)
    if not programs:
        raise Http404
    program = next((p for p in programs if p.code == request.GET.get("ct")), programs[-1])
    year = _year(request, program)
    today = clock.today()
    cov = E.coverage(program, dt.date(year, 1, 1), dt.date(year, 12, 31), today)
    in_year = Q(slot__startswith=str(year)) | Q(level=Meeting.Level.CONFERENCE, scheduled_on__year=year)
    rows = list(Meeting.objects.filter(in_year, program=program).select_related("unit").annotate(n_actions=Count("actions"))
                .order_by("-scheduled_on")[:300])
    return render(request, "meetings/province.html", {
        "province": province, "dated": display_name(province), "program": program, "programs": programs, "year": year,
        "years": range(program.start_year, min(today.year, program.end_year) + 1), "coverage": cov, "rows": rows,
        "schedulable": [(_key(e), e) for e in _schedulable(request, program)], "today": today, "flash": FLASH,
    })


@require_GET
@login_required
def ward_meetings(request, pk: int):
    unit, _write = get_unit_for_user(request.user, pk)
    if unit.level != Level.COMMUNE:
        raise Http404
    today = clock.today()
    day = min(today, unit.valid_until - dt.timedelta(days=1)) if unit.valid_until else today
    programs = programs_of_ward(unit, day)
    if not programs:
        raise Http404
    program = programs[-1]
    start, _end = E.program_span(program)
    exp = E.expected(program, start, today, today, ward=unit)
    rows = list(Meeting.objects.filter(program=program, unit=unit).order_by("-scheduled_on"))
    held = {(m.level, m.unit_id, m.slot) for m in rows if m.state == Meeting.State.HELD}
    return render(request, "meetings/ward.html", {
        "unit": unit, "dated": display_name(unit), "program": program, "rows": rows,
        "missing": [e for e in exp if e.key not in held], "expected": len(exp),
        "schedulable": [(_key(e), e) for e in _schedulable(request, program, unit)], "today": today, "flash": FLASH,
    })


@require_POST
@login_required
def schedule(request):
    program = get_object_or_404(Program, code=request.POST.get("program", ""))
    key = request.POST.get("slot", "")
    chosen = next((e for e in E.schedulable(program, clock.today()) if _key(e) == key), None)
    if chosen is None or not access.reads(request.user, program, chosen.unit):
        raise Http404
    if not access.writes(request.user, program, chosen.level, chosen.unit):
        raise PermissionDenied
    try:
        m = services.schedule(program, chosen, posted.date(request.POST.get("day")), request.user, request.POST.get("title", ""))
    except services.Refused as e:
        messages.error(request, f"Chưa lên lịch: {e}", extra_tags=FLASH)
        return redirect(_back(request, program, chosen))
    messages.success(request, "Đã lên lịch họp.", extra_tags=FLASH)
    return redirect("meeting", m.pk)


def _back(request, program, chosen) -> str:
    if chosen.level == Meeting.Level.WARD and not access.sees_program(request.user, program):
        return reverse("ward_meetings", args=[chosen.unit.pk])
    return reverse("province_meetings", args=[_province_pk(program)]) + f"?ct={program.code}"


def _province_pk(program) -> int:
    return current_province(program, clock.today()).pk


@require_http_methods(["GET", "POST"])
@login_required
def meeting(request, pk: int):
    m = Meeting.objects.select_related("program__province", "unit", "created_by").filter(pk=pk).first()
    if m is None or not access.reads(request.user, m.program, m.unit):
        raise Http404
    can_write = access.writes(request.user, m.program, m.level, m.unit)
    error, status = None, 200
    if request.method == "POST":
        if not can_write:
            raise PermissionDenied
        action = request.POST.get("action", "")
        try:
            if action == "record":
                services.record_held(m, request.user, held_on=posted.date(request.POST.get("held_on")), chair=request.POST.get("chair", ""),
                                     attendees=request.POST.get("attendees", ""), minutes=request.POST.get("minutes", ""),
                                     conclusions=request.POST.get("conclusions", ""))
                messages.success(request, "Đã lưu biên bản cuộc họp.", extra_tags=FLASH)
            elif action == "add_action":
                services.add_action(m, request.user, text=request.POST.get("text", ""), owner=request.POST.get("owner", ""),
                                    due=posted.date(request.POST.get("due")))
                messages.success(request, "Đã giao việc.", extra_tags=FLASH)
            elif action == "done":
                item = m.actions.filter(pk=posted.integer(request.POST.get("item"))).first()
                if item is None:
                    raise services.Refused("Không tìm thấy việc cần ghi kết quả; hãy tải lại trang.")
                services.close_action(item, request.user, request.POST.get("note", ""))
                messages.success(request, "Đã ghi kết quả thực hiện.", extra_tags=FLASH)
            else:
                raise services.Refused("Thao tác không hợp lệ.")
            return redirect("meeting", m.pk)
        except services.Refused as e:
            error, status = str(e), 400
            m.refresh_from_db()
    events = AuditEvent.objects.filter(object_type="meetings.meeting", object_id=str(m.pk)).select_related("actor")
    today = clock.today()
    actions = list(m.actions.select_related("done_by"))
    return render(request, "meetings/detail.html", {
        "m": m, "can_write": can_write, "actions": actions, "overdue": [a.pk for a in actions if a.overdue(today)],
        "error": error, "posted": request.POST, "history": [(e, action_label(e.action)) for e in events],
        "province_link": access.sees_program(request.user, m.program), "province_pk": _province_pk(m.program),
        "today": today, "flash": FLASH,
    }, status=status)
