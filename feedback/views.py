"""Officers' pages: the feedback in one's scope (the inbox of new and overdue cases) and one case with its handling."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from accounts.scope import get_unit_for_user
from agencies.models import Body
from audit.labels import action_label
from audit.models import AuditEvent
from kieumau import clock, posted
from units.history import predecessor_ids
from units.models import Level, Unit
from units.territory import is_valid_on

from . import access, services, stats
from .models import Case

FLASH = "at-phan-anh"
PAGE = 200


@require_GET
@login_required
def case_list(request):
    if not access.has_any(request.user):
        raise Http404
    today = clock.today()
    qs = access.visible(request.user).select_related("unit", "category", "body")
    unit = None
    unit_id = posted.integer(request.GET.get("don-vi"))
    if unit_id is not None:
        unit, _w = get_unit_for_user(request.user, unit_id)  # 404 outside scope
        qs = qs.filter(unit=unit) if unit.level == Level.COMMUNE else qs.filter(unit__path__startswith=unit.path)
    year = posted.integer(request.GET.get("nam"))
    if year is not None:
        start, end = stats.year_bounds(year)
        qs = qs.filter(received_at__gte=start, received_at__lt=end)
    if request.GET.get("tc16") == "1":
        qs = qs.filter(category__counts_for_tc16=True)
    state = request.GET.get("loc", "mo" if year is None else "tat-ca")
    if state == "mo":
        qs = qs.filter(status__in=Case.OPEN)
    elif state == "qua-han":
        qs = qs.filter(Q(status__in=Case.OPEN, deadline__lt=today) | Q(late=True))
    elif state == "spam":
        qs = qs.filter(status=Case.Status.SPAM)
    total = qs.count()
    rows = list(qs.order_by("deadline", "received_at")[:PAGE])
    counts = stats.counts(unit, year) if unit is not None and year is not None else None
    return render(request, "feedback/list.html", {"rows": rows, "total": total, "page": PAGE, "today": today, "unit": unit,
                                                  "year": year, "state": state, "tc16": request.GET.get("tc16") == "1",
                                                  "counts": counts})


def _get(request, pk: int) -> Case:
    case = Case.objects.select_related("unit", "category", "body", "assigned_to", "answered_by").filter(pk=pk).first()
    if case is None or not access.reads(request.user, case):
        raise Http404
    return case


def _forward_wards(case: Case):
    today = clock.today()
    root = Unit.objects.get(pk=case.unit.root_id)
    return Unit.objects.within(root).valid_on(today).wards().exclude(pk=case.unit_id).order_by("name")


def _forward_bodies(case: Case):
    today = clock.today()
    provinces = {case.unit.root_id} | predecessor_ids({case.unit.root_id})
    bodies = Body.objects.filter(province_id__in=provinces).exclude(pk=case.body_id or 0).order_by("name")
    return [b for b in bodies if is_valid_on(b, today)]


@require_http_methods(["GET", "POST"])
@login_required
def case_detail(request, pk: int):
    case = _get(request, pk)
    handles = access.handles(request.user, case)
    error, status = None, 200
    if request.method == "POST":
        if not handles:
            raise PermissionDenied
        action = request.POST.get("action", "")
        try:
            done = _act(request, case, action)
            messages.success(request, done, extra_tags=FLASH)
            return redirect("feedback_case", case.pk)
        except posted.Refused as e:
            error, status = str(e), 400
            case = _get(request, pk)
    personal = access.sees_personal(request.user, case)
    contact = getattr(case, "contact", None) if personal else None
    events = AuditEvent.objects.filter(object_type="feedback.case", object_id=str(case.pk)).select_related("actor").order_by("at", "id")
    today = clock.today()
    return render(request, "feedback/case.html", {
        "case": case, "handles": handles, "personal": personal, "contact": contact, "error": error,
        "answer_draft": request.POST.get("answer", "") if request.POST.get("action") == "answer" else "",
        "today": today, "overdue": case.overdue(today), "hops": list(case.hops.select_related("from_unit", "to_unit", "to_body", "by")),
        "wards": _forward_wards(case) if handles and case.is_open else [],
        "bodies": _forward_bodies(case) if handles and case.is_open else [],
        "history": [(e, action_label(e.action)) for e in events], "flash": FLASH,
    }, status=status)


def _act(request, case: Case, action: str) -> str:
    p = request.POST
    if action == "acknowledge":
        services.acknowledge(case, request.user)
        return "Đã tiếp nhận xử lý phản ánh."
    if action == "answer":
        services.answer(case, request.user, p.get("answer", ""))
        return "Đã trả lời; câu trả lời hiện trên trang tra cứu của người dân."
    if action == "forward":
        to_unit = _forward_wards(case).filter(pk=posted.integer(p.get("to_unit"))).first() if p.get("to_unit") else None
        to_body = next((b for b in _forward_bodies(case) if b.pk == posted.integer(p.get("to_body"))), None) if p.get("to_body") else None
        services.forward(case, request.user, to_unit=to_unit, to_body=to_body, note=p.get("note", ""))
        return "Đã chuyển phản ánh; hạn trả lời giữ nguyên."
    if action == "propose":
        services.propose(case, request.user, p.get("proposal_to", ""), p.get("proposal", ""))
        return "Đã ghi đề xuất giải quyết gửi cơ quan có thẩm quyền."
    if action == "close":
        services.close(case, request.user)
        return "Đã kết thúc phản ánh."
    if action == "spam":
        services.mark_spam(case, request.user, p.get("reason", ""))
        return "Đã đánh dấu không hợp lệ; phản ánh được giữ lại nhưng không tính vào thống kê."
    raise posted.Refused("Thao tác không hợp lệ.")


@require_GET
@login_required
def photo(request, pk: int):
    case = _get(request, pk)
    if not case.photo:
        raise Http404
    # an attachment, as every stored file is served: the browser saves it and never renders it on our origin
    return FileResponse(case.photo.open("rb"), content_type="image/jpeg", as_attachment=True,
                        filename=f"phan-anh-{case.code}.jpg")
