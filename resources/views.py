"""The registers' pages: a ward's (headquarters and land, equipment, funding, staffing and training) and a province's
(norm tables, shortfalls by cost, funding totals, headquarters overview). Each page takes its own forms' posts: a
refused post shows the page again with HTTP 400, the message, and what was typed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from engine import fmt
from kieumau import clock, posted
from accounts.scope import scope_for
from units.models import Unit
from units.territory import display_name, is_valid_on

from . import access, registers, services
from .indicators import FROM_YEAR
from .models import BudgetLine, Category, Condition, LegalStatus, Source, Subject, Training, WardKind

HQ_KEYS = services.HQ_FIELDS
BUDGET_KEYS = ["source", "purpose", "planned", "disbursed"]
STAFF_KEYS = ["establishment", "chiefs", "chiefs_ok", "deputies", "deputies_ok", "officers", "officers_ok"]
TRAINING_KEYS = ["subject", "held_on", "title", "attendees"]
ANCHORS = {"headquarters": "tru-so", "holdings": "trang-bi", "budget": "kinh-phi", "budget_delete": "kinh-phi",
           "staffing": "bien-che", "training": "bien-che", "training_delete": "bien-che"}


def _year(request) -> int:
    raw = request.GET.get("nam")
    if raw is None or raw == "":
        return clock.today().year
    year = posted.integer(raw)
    if year is None or not 2000 <= year <= clock.today().year + 1:
        raise Http404
    return year


def _typed(value) -> str:
    """A stored figure as the form shows it: the Vietnamese way, which the form reads back exactly."""
    return "" if value is None else fmt.number(value, 3)


def _line(unit, raw) -> BudgetLine:
    line = BudgetLine.objects.filter(unit=unit, pk=posted.integer(raw)).first()
    if line is None:
        raise posted.Refused("Không tìm thấy dòng kinh phí này (có thể đã bị xóa); hãy tải lại trang.")
    return line


def _budget_act(request, unit, year: int, action: str) -> str:
    p = request.POST
    if action == "budget":
        line = _line(unit, p.get("line")) if p.get("line") else None
        saved = services.save_budget_line(unit, request.user, year, p, line)
        over = " Lưu ý: số đã cấp lớn hơn dự toán." if saved.over else ""
        return ("Đã sửa dòng kinh phí." if line else "Đã ghi dòng kinh phí.") + over
    if action == "budget_delete":
        services.delete_budget_line(unit, request.user, _line(unit, p.get("line")))
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
        training = Training.objects.filter(unit=unit, pk=posted.integer(p.get("training"))).first()
        if training is None:
            raise posted.Refused("Không tìm thấy buổi tập huấn này (có thể đã bị xóa); hãy tải lại trang.")
        services.delete_training(unit, request.user, training)
        return "Đã xóa buổi tập huấn."
    return _budget_act(request, unit, year, action)


def _budget_form(request, unit, failed: str | None) -> dict:
    if failed == "budget":
        return {k: request.POST.get(k, "")[:400] for k in [*BUDGET_KEYS, "line"]}
    editing = BudgetLine.objects.filter(unit=unit, pk=posted.integer(request.GET.get("sua"))).first() if request.GET.get("sua") else None
    if editing:
        return {"source": editing.source, "purpose": editing.purpose, "planned": _typed(editing.planned),
                "disbursed": _typed(editing.disbursed), "line": str(editing.pk)}
    return dict.fromkeys([*BUDGET_KEYS, "line"], "")


def _forms(request, state: registers.Ward, failed: str | None) -> dict:
    p = request.POST
    hq, s = state.hq, state.staffing
    if failed == "headquarters":
        hq_form = {k: p.get(k, "")[:2000] for k in HQ_KEYS}
    else:
        hq_form = {k: "" for k in HQ_KEYS}
        if hq:
            hq_form |= {"ward_kind": hq.ward_kind, "work_land_m2": _typed(hq.work_land_m2),
                        "living_land_m2": _typed(hq.living_land_m2), "legal_status": hq.legal_status,
                        "follows_design": "1" if hq.follows_design else "", "year_built": str(hq.year_built or ""),
                        "condition": hq.condition, "planned_works": hq.planned_works}
    staff_form = ({k: p.get(k, "")[:30] for k in STAFF_KEYS} if failed == "staffing"
                  else {k: str(getattr(s, k)) if s else "" for k in STAFF_KEYS})
    training_form = ({k: p.get(k, "")[:300] for k in TRAINING_KEYS} if failed == "training" else dict.fromkeys(TRAINING_KEYS, ""))
    held = {str(i.pk): ("" if i.held is None else str(i.held)) for i in state.items}
    if failed == "holdings":
        held = {str(i.pk): p.get(f"item_{i.pk}", "")[:30] for i in state.items}
    for i in state.items:
        i.typed = held[str(i.pk)]
    return {"hq_form": hq_form, "staff_form": staff_form, "training_form": training_form,
            "budget_form": _budget_form(request, state.unit, failed)}


def _crumbs(user, unit) -> dict:
    province = Unit.objects.get(pk=unit.root_id)
    return {"province": province, "province_name": display_name(province), "province_visible": scope_for(user).sees(province)}


def _choices() -> dict:
    return {"kinds": WardKind.choices, "statuses": LegalStatus.choices, "conditions": Condition.choices,
            "sources": Source.choices, "subjects": Subject.choices, "categories": dict(Category.choices)}


@require_http_methods(["GET", "POST"])
@login_required
def ward(request, pk: int):
    unit, writes = access.ward_for_user(request.user, pk)
    year = _year(request)
    error = failed = None
    if request.method == "POST":
        if not writes:
            raise PermissionDenied
        action = request.POST.get("action", "")
        try:
            messages.success(request, _ward_act(request, unit, year, action))
            return redirect(f"{reverse('resources_ward', args=[unit.pk])}?nam={year}#{ANCHORS.get(action, '')}")
        except posted.Refused as e:
            error, failed = str(e), action
    state = registers.ward(unit, year)
    return render(request, "resources/ward.html", {
        **_crumbs(request.user, unit), "unit": unit, "dated": display_name(unit), "year": year, "state": state,
        "writes": writes, "ended": not is_valid_on(unit, clock.today()), "error": error, "failed": failed or "",
        "years": registers.years_with_data(unit), "from_year": FROM_YEAR, "today": clock.today(),
        **_forms(request, state, failed), **_choices(),
    }, status=400 if error else 200)


@require_http_methods(["GET", "POST"])
@login_required
def province(request, pk: int):
    prov, writes = access.province_for_user(request.user, pk)
    year = _year(request)
    error = failed = None
    if request.method == "POST":
        if not writes:
            raise PermissionDenied
        action = request.POST.get("action", "")
        try:
            messages.success(request, _budget_act(request, prov, year, action))
            return redirect(f"{reverse('resources_province', args=[prov.pk])}?nam={year}#kinh-phi")
        except posted.Refused as e:
            error, failed = str(e), action
    overview = registers.province(prov)
    years = sorted({r["year"] for r in overview.funding} | {clock.today().year})
    return render(request, "resources/province.html", {
        "province": prov, "dated": display_name(prov), "year": year, "o": overview, "writes": writes, "error": error,
        "failed": failed or "", "years": years, "today": clock.today(),
        "own_lines": list(BudgetLine.objects.filter(unit=prov, year=year)),
        "budget_form": _budget_form(request, prov, failed), **_choices(),
    }, status=400 if error else 200)
