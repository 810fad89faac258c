"""The registers' pages: a ward's (headquarters and land, equipment, funding, staffing and training) and a province's
(norm tables, shortfalls by cost, funding totals, headquarters overview). Each page takes its own forms' posts: a
refused post shows the page again with HTTP 400, the message, and what was typed."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from assessments.views import _province_crumb
from engine import fmt
from kieumau import clock, posted
from units.territory import display_name, is_valid_on

from . import access, registers, services
from .indicators import FROM_YEAR
from .models import BudgetLine, Category, Condition, LegalStatus, Source, Subject, Training, WardKind

BUDGET_FIELDS = ["source", "purpose", "planned", "disbursed"]
BUDGET_KEYS = [*BUDGET_FIELDS, "line"]  # the form's: "line" is the line being changed
TRAINING_KEYS = ["subject", "held_on", "title", "attendees"]
ANCHORS = {"headquarters": "tru-so", "holdings": "trang-bi", "budget": "kinh-phi", "budget_delete": "kinh-phi",
           "staffing": "bien-che", "training": "bien-che", "training_delete": "bien-che"}


def _year(request) -> int:
    raw = request.GET.get("nam")
    if raw is None or raw == "":
        return clock.today().year
    try:
        return services.check_year(posted.integer(raw) or 0)
    except posted.Refused:
        raise Http404 from None


def _shown(value) -> str:
    """A stored value as the form shows it: a figure the Vietnamese way (which the form reads back exactly), a ticked
    box as "1"."""
    if isinstance(value, bool):
        return "1" if value else ""
    if isinstance(value, Decimal):
        return fmt.number(value, 3)
    return "" if value is None else str(value)


def _row(model, unit, raw, missing: str):
    """One of the unit's rows by the posted id; refused when it is not the unit's (or no longer exists)."""
    row = model.objects.filter(unit=unit, pk=posted.integer(raw)).first()
    if row is None:
        raise posted.Refused(f"Không tìm thấy {missing} này (có thể đã bị xóa); hãy tải lại trang.")
    return row


def _budget_act(request, unit, year: int, action: str) -> str:
    p = request.POST
    if action == "budget":
        line = _row(BudgetLine, unit, p.get("line"), "dòng kinh phí") if p.get("line") else None
        saved = services.save_budget_line(unit, request.user, year, p, line)
        over = " Lưu ý: số đã cấp lớn hơn dự toán." if saved.over else ""
        return ("Đã sửa dòng kinh phí." if line else "Đã ghi dòng kinh phí.") + over
    if action == "budget_delete":
        services.delete_budget_line(unit, request.user, _row(BudgetLine, unit, p.get("line"), "dòng kinh phí"))
        return "Đã xóa dòng kinh phí."
    raise posted.Refused("Thao tác không hợp lệ.")


def _ward_act(request, unit, year: int, action: str) -> str:
    p = request.POST
    if action == "headquarters":
        services.save_headquarters(unit, request.user, p)
        return "Đã lưu sổ trụ sở, đất đai."
    if action == "holdings":
        n = services.save_holdings(unit, request.user, p)
        return f"Đã lưu số lượng trang bị ({n} hạng mục thay đổi)." if n else "Số lượng trang bị không thay đổi."
    if action == "staffing":
        services.save_staffing(unit, request.user, year, p)
        return f"Đã lưu biên chế năm {year}."
    if action == "training":
        services.add_training(unit, request.user, year, p)
        return "Đã ghi buổi tập huấn."
    if action == "training_delete":
        services.delete_training(unit, request.user, _row(Training, unit, p.get("training"), "buổi tập huấn"))
        return "Đã xóa buổi tập huấn."
    return _budget_act(request, unit, year, action)


def _typed(request, keys, limit: int) -> dict:
    """What was posted under ``keys``, shown again in a refused form."""
    return {k: request.POST.get(k, "")[:limit] for k in keys}


def _budget_form(request, unit, failed: str) -> dict:
    if failed == "budget":
        return _typed(request, BUDGET_KEYS, 400)
    pk = posted.integer(request.GET.get("sua"))
    editing = BudgetLine.objects.filter(unit=unit, pk=pk).first() if pk else None
    if editing:
        return {k: _shown(getattr(editing, k)) for k in BUDGET_FIELDS} | {"line": str(editing.pk)}
    return dict.fromkeys(BUDGET_KEYS, "")


def _ward_forms(request, state: registers.Ward, failed: str) -> dict:
    hq, s = state.hq, state.staffing
    for i in state.items:
        i.typed = request.POST.get(f"item_{i.pk}", "")[:30] if failed == "holdings" else _shown(i.held)
    return {
        "hq_form": (_typed(request, services.HQ_FIELDS, 2000) if failed == "headquarters"
                    else {k: _shown(getattr(hq, k)) if hq else "" for k in services.HQ_FIELDS}),
        "staff_form": (_typed(request, services.STAFF_FIELDS, 30) if failed == "staffing"
                       else {k: _shown(getattr(s, k)) if s else "" for k in services.STAFF_FIELDS}),
        "training_form": _typed(request, TRAINING_KEYS, 300) if failed == "training" else dict.fromkeys(TRAINING_KEYS, ""),
        "budget_form": _budget_form(request, state.unit, failed)}


def _ward_page(request, unit, year: int, failed: str) -> dict:
    state = registers.ward(unit, year)
    return {**_province_crumb(request.user, unit), "unit": unit, "dated": display_name(unit), "state": state,
            "ended": not is_valid_on(unit, clock.today()), "years": registers.years_with_data(unit), "from_year": FROM_YEAR,
            "statuses": LegalStatus.choices, "conditions": Condition.choices, "subjects": Subject.choices,
            **_ward_forms(request, state, failed)}


def _province_page(request, prov, year: int, failed: str) -> dict:
    overview = registers.province(prov)
    return {"province": prov, "dated": display_name(prov), "o": overview,
            "years": sorted({r["year"] for r in overview.funding} | {clock.today().year}),
            "own_lines": list(BudgetLine.objects.filter(unit=prov, year=year)),
            "budget_form": _budget_form(request, prov, failed), "categories": dict(Category.choices)}


def _register_page(request, unit, writes: bool, act, page, url_name: str, template: str):
    """A registers' page and its forms' posts: a write redirects to the form's section; a refused one shows the page
    again with HTTP 400, the message, and what was typed."""
    year = _year(request)
    error = failed = ""
    if request.method == "POST":
        if not writes:
            raise PermissionDenied
        action = request.POST.get("action", "")
        try:
            messages.success(request, act(request, unit, year, action))
            return redirect(f"{reverse(url_name, args=[unit.pk])}?nam={year}#{ANCHORS[action]}")
        except posted.Refused as e:
            error, failed = str(e), action
    return render(request, template, {
        "year": year, "writes": writes, "error": error, "failed": failed,
        "kinds": WardKind.choices, "sources": Source.choices,
        **page(request, unit, year, failed),
    }, status=400 if error else 200)


@require_http_methods(["GET", "POST"])
@login_required
def ward(request, pk: int):
    unit, writes = access.ward_for_user(request.user, pk)
    return _register_page(request, unit, writes, _ward_act, _ward_page, "resources_ward", "resources/ward.html")


@require_http_methods(["GET", "POST"])
@login_required
def province(request, pk: int):
    prov, writes = access.province_for_user(request.user, pk)
    return _register_page(request, prov, writes, _budget_act, _province_page, "resources_province", "resources/province.html")
