"""Pages of difficulties: raise and follow one's own, a province's list, one difficulty with its handling."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from accounts.scope import get_province_for_user, scope_for, ward_roles
from agencies.models import Body, Program
from agencies.roles import body_ids
from agencies.succession import Graph
from audit.labels import action_label
from audit.models import AuditEvent
from kieumau import clock, posted
from reporting.board import current_province, programs_of_ward, programs_shown
from roadmaps.models import PlanTarget
from roadmaps.services import plan_in_force
from units.territory import display_name, is_valid_on

from . import access, queries, services
from .forms import RaiseForm
from .models import Difficulty

FLASH = "at-kho-khan"


def _sources(user) -> list[dict]:
    """What the user may raise a difficulty for: each body they report for and each ward they serve, with its program."""
    today = clock.today()
    out = []
    graph = Graph.load()
    for body in Body.objects.filter(pk__in=body_ids(user)).order_by("name"):
        if not is_valid_on(body, today):
            continue
        for program in Program.objects.filter(tasks__holder__in=graph.carried_by(body.pk)).distinct():
            out.append({"key": f"b-{body.pk}-{program.pk}", "label": f"{body.name} — {program.code}", "body": body, "unit": None,
                        "program": program})
    wards = ward_roles(user)
    for ra in wards:
        if is_valid_on(ra.unit, today):
            for program in programs_of_ward(ra.unit, today):
                out.append({"key": f"u-{ra.unit.pk}-{program.pk}", "label": f"{ra.unit.name} — {program.code}", "body": None,
                            "unit": ra.unit, "program": program})
    return out


@require_http_methods(["GET", "POST"])
@login_required
def mine(request):
    """"Phản ánh khó khăn": raise one for one's body or ward, and follow what one has raised."""
    sources = _sources(request.user)
    rows = list(queries.followed(request.user).order_by("-raised_at")[:200])
    if not sources and not rows:
        raise Http404
    form = RaiseForm(request.POST or None)
    source_error = None
    if request.method == "POST":
        if not sources:
            raise PermissionDenied
        chosen = next((s for s in sources if s["key"] == request.POST.get("source")), None)
        if form.is_valid() and chosen is not None:
            try:
                d = services.raise_difficulty(chosen["program"], request.user, body=chosen["body"], unit=chosen["unit"],
                                              title=form.cleaned_data["title"], text=form.cleaned_data["text"],
                                              proposal=form.cleaned_data["proposal"])
                messages.success(request, "Đã gửi phản ánh đến Công an tỉnh.", extra_tags=FLASH)
                return redirect("difficulty", d.pk)
            except services.Refused as e:
                form.add_error(None, str(e))
        if chosen is None:
            source_error = "Hãy chọn cơ quan hoặc phường phản ánh."
    return render(request, "difficulties/mine.html", {"sources": sources, "rows": rows, "form": form, "source_error": source_error,
                                                      "flash": FLASH}, status=400 if form.is_bound else 200)


@require_GET
@login_required
def province_list(request, pk: int):
    province = get_province_for_user(request.user, pk)
    programs = programs_shown(province)
    if not programs:
        raise Http404
    show_all = request.GET.get("tat-ca") == "1"
    qs = Difficulty.objects.filter(program__in=programs).select_related("program", "body", "unit", "forwarded_to")
    if not show_all:
        qs = qs.filter(state__in=Difficulty.OPEN_STATES)
    return render(request, "difficulties/province.html", {"province": province, "dated": display_name(province),
                                                          "rows": list(qs.order_by("raised_at")[:500]), "show_all": show_all})


def _get(request, pk: int) -> Difficulty:
    d = Difficulty.objects.select_related("program__province", "body", "unit", "forwarded_to", "raised_by", "answered_by",
                                          "adjustment").filter(pk=pk).first()
    if d is None or not access.reads(request.user, d):
        raise Http404
    return d


def _plan_of(program):
    """The province running the program today and the plan it follows (the one its roadmap page shows and where the
    approver decides a proposal made here)."""
    province = current_province(program, clock.today())
    return plan_in_force(province), province


@require_http_methods(["GET", "POST"])
@login_required
def detail(request, pk: int):
    d = _get(request, pk)
    handles, answers = access.handles(request.user, d), access.answers(request.user, d)
    error, status = None, 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        if (action == "answer" and not answers) or (action in ("forward", "propose") and not handles):
            raise PermissionDenied
        try:
            if action == "answer":
                services.answer(d, request.user, request.POST.get("answer", ""))
                messages.success(request, "Đã trả lời phản ánh.", extra_tags=FLASH)
            elif action == "forward":
                to = _forward_choices(d).filter(pk=posted.integer(request.POST.get("to"))).first()
                services.forward(d, request.user, to, request.POST.get("note", ""))
                messages.success(request, "Đã chuyển phản ánh.", extra_tags=FLASH)
            elif action == "propose":
                plan, province = _plan_of(d.program)
                if plan is None:
                    raise services.Refused("Tỉnh chưa có lộ trình để điều chỉnh.")
                year = posted.integer(request.POST.get("year"))
                if year is None:
                    raise services.Refused("Hãy chọn năm cần điều chỉnh.")
                services.propose_adjustment(d, request.user, plan, province, year=year, kind=request.POST.get("kind", ""),
                                            value=request.POST.get("value", ""), reason=request.POST.get("reason", ""))
                messages.success(request, "Đã lập đề xuất điều chỉnh lộ trình; chờ lãnh đạo quyết định.", extra_tags=FLASH)
            else:
                raise services.Refused("Thao tác không hợp lệ.")
            return redirect("difficulty", d.pk)
        except services.Refused as e:
            error, status = str(e), 400
            d = _get(request, pk)
    plan, province = _plan_of(d.program)
    sees = scope_for(request.user)
    crumb = province if sees.everything or sees.sees(province) else None
    events = AuditEvent.objects.filter(object_type="difficulties.difficulty", object_id=str(d.pk)).select_related("actor")
    return render(request, "difficulties/detail.html", {
        "d": d, "handles": handles and d.is_open, "answers": answers and d.is_open, "error": error, "posted": request.POST,
        "forward_to": _forward_choices(d) if handles else [], "plan": plan if handles else None, "plan_province": province,
        "crumb": crumb,
        "years": range(plan.start_year, plan.end_year + 1) if plan else [], "kinds": PlanTarget.Kind.choices,
        "history": [(e, action_label(e.action)) for e in events], "flash": FLASH,
    }, status=status)


def _forward_choices(d: Difficulty):
    """Bodies that exist today and hold a task of the program (the competent bodies it names)."""
    graph = Graph.load()
    today = clock.today()
    holders = {graph.holder_on(h, today) for h in d.program.tasks.values_list("holder_id", flat=True)}
    return Body.objects.filter(pk__in={b.pk for b in holders if b is not None}).exclude(pk=d.body_id).order_by("name")
