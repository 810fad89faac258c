"""Pages of the periodic reports: a reporter's own reports, one report, the province's bodies and dashboard."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from accounts.scope import get_province_for_user
from agencies.models import Body, Program, Succession
from agencies.succession import Graph
from audit.labels import action_label
from audit.models import AuditEvent
from kieumau import clock

from . import access, periods, services, status
from . import board as boards
from .forms import AttachmentForm, ReturnForm, read_content
from .models import Report, ReportAttachment, WorkPlan

FLASH = "at-bao-cao"


def _row(program, code: str, holder_pk: int, graph):
    try:
        p = boards.period(program, code)
    except periods.PeriodError:
        raise Http404 from None
    b = boards.board(program, p, clock.today(), graph)
    row = next((r for r in b.rows if r.holder.pk == holder_pk), None)
    if row is None:
        raise Http404
    return p, row


@require_http_methods(["GET", "POST"])
@login_required
def report(request, program: str, period: str, holder: int):
    program = get_object_or_404(Program.objects.select_related("province"), code=program)
    graph = Graph.load()
    p, row = _row(program, period, holder, graph)
    acc = access.for_report(request.user, program, row, graph, p.deadline)
    if not acc.read:
        raise Http404
    errors, posted = {}, None
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action in ("save", "submit", "attach") and not acc.write:
            raise PermissionDenied
        if action == "return" and not acc.review:
            raise PermissionDenied
        try:
            if action in ("save", "submit"):
                lines, difficulties, proposals, errors = read_content(request.POST, row.tasks)
                if errors:
                    raise services.Refused("Chưa lưu: có số liệu viết sai, xem các ô tô đỏ.")
                services.save(program, p, row, request.user, lines, difficulties, proposals,
                              submit=action == "submit", revision=request.POST.get("revision", ""))
                messages.success(request, "Đã nộp báo cáo." if action == "submit" else "Đã lưu bản nháp.", extra_tags=FLASH)
            elif action == "attach":
                form = AttachmentForm(request.POST, request.FILES)
                if not form.is_valid():
                    raise services.Refused("Chưa thêm tệp: " + " ".join(e for errs in form.errors.values() for e in errs))
                services.attach(program, p, row, request.user, form.cleaned_data["file"])
                messages.success(request, "Đã đính kèm tệp.", extra_tags=FLASH)
            elif action == "return":
                form = ReturnForm(request.POST)
                if not form.is_valid():
                    raise services.Refused("Chưa trả lại: " + " ".join(e for errs in form.errors.values() for e in errs))
                services.return_report(program, p, row, request.user, form.cleaned_data["comment"], form.cleaned_data["due"])
                messages.success(request, "Đã trả lại báo cáo cho cơ quan.", extra_tags=FLASH)
            else:
                raise services.Refused("Thao tác không hợp lệ.")
            return redirect(request.path + "#ket-qua")
        except services.Refused as e:
            messages.error(request, str(e), extra_tags=FLASH)
            posted = request.POST
            p, row = _row(program, period, holder, graph)
    return render(request, "reporting/report.html", _report_context(request, program, p, row, acc, errors, posted),
                  status=400 if posted is not None else 200)


def _report_context(request, program, p, row, acc, errors, posted):
    report = row.report
    lines = {line.task_id: line for line in report.lines.all()} if report else {}
    blocks = []
    for t in row.tasks:
        line = lines.get(t.pk)
        done = posted.get(f"done_{t.pk}", "") if posted is not None else (line.done if line else "")
        figs = []
        for f in t.figures:
            key = f"fig_{t.pk}_{f['code']}"
            value = posted.get(key, "") if posted is not None else ((line.figures or {}).get(f["code"], "") if line else "")
            figs.append({"key": key, "label": f["label"], "unit": f.get("unit", ""), "value": value, "error": errors.get(key)})
        blocks.append({"task": t, "done": done, "figures": figs})
    today = clock.today()
    editable = acc.write and p.is_open(today) and not (report and report.locked)
    events = AuditEvent.objects.filter(object_type="reporting.report", object_id=str(report.pk)).select_related("actor") if report else []
    history = [(e, action_label(e.action)) for e in events]
    return {
        "program": program, "p": p, "row": row, "acc": acc, "report": report, "blocks": blocks, "editable": editable,
        "is_open": p.is_open(today), "difficulties": posted.get("difficulties", "") if posted is not None else (report.difficulties if report else ""),
        "proposals": posted.get("proposals", "") if posted is not None else (report.proposals if report else ""),
        "attachments": report.attachments.all() if report else [], "history": history, "flash": FLASH,
        "return_form": ReturnForm(), "can_return": acc.review and report is not None and report.state == Report.State.SUBMITTED,
        "status_label": status.LABELS[row.status], "status": row.status,
    }


@require_GET
@login_required
def attachment(request, pk: int):
    att = get_object_or_404(ReportAttachment.objects.select_related("report__program__province"), pk=pk)
    r = att.report
    graph = Graph.load()
    _p, row = _row(r.program, r.period, r.holder_id, graph)
    if not access.for_report(request.user, r.program, row, graph, _p.deadline).read:
        raise Http404
    return FileResponse(att.file.open("rb"), as_attachment=True, filename=att.original_name)


@require_GET
@login_required
def my_reports(request):
    """A reporter's start page: the tasks their body holds and every period's report."""
    bodies = access.reporter_bodies(request.user)
    if not bodies:
        raise Http404
    graph = Graph.load()
    today = clock.today()
    sections = []
    for body in Body.objects.filter(pk__in=bodies).order_by("name"):
        carried = graph.carried_by(body.pk)
        for program in Program.objects.filter(tasks__holder__in=carried).distinct().select_related("province"):
            shown = list(reversed(boards.periods_until(program, today, upcoming=2)))
            rows = [(b.period, r, r.writer.pk == body.pk) for b in boards.boards(program, shown, today, graph)
                    for r in b.rows if r.holder.pk in carried and (r.writer.pk == body.pk or r.report)
                    and (body.valid_until is None or b.period.deadline < body.valid_until)]
            tasks = [t for t in program.tasks.select_related("holder").order_by("pk") if t.holder_id in carried]
            plans = {w.year: w for w in WorkPlan.objects.filter(program=program, holder=body)}
            year = min(max(today.year, program.start_year), program.end_year)
            sections.append({"body": body, "program": program, "rows": rows, "tasks": tasks, "plan_year": year,
                             "ended": bool(body.valid_until and body.valid_until <= today),
                             "plan": plans.get(year), "past_plans": [plans[y] for y in sorted(plans, reverse=True) if y != year]})
    return render(request, "reporting/my_reports.html", {"sections": sections, "today": today, "flash": FLASH})


def _province_programs(request, pk: int):
    province = get_province_for_user(request.user, pk)
    return province, boards.programs_shown(province)


@require_GET
@login_required
def bodies(request, pk: int):
    """"Cơ quan phối hợp": the bodies the program names, their tasks as worded, and what became of each."""
    province, programs = _province_programs(request, pk)
    graph = Graph.load()
    today = clock.today()
    sections = []
    for program in programs:
        tasks = list(program.tasks.select_related("holder", "holder__district").order_by("pk"))
        edges: dict[int, list] = {}
        for edge in Succession.objects.filter(predecessor__in={t.holder_id for t in tasks}).select_related("successor").order_by("pk"):
            edges.setdefault(edge.predecessor_id, []).append(edge)
        holders: dict[int, list] = {}
        for t in tasks:
            holders.setdefault(t.holder_id, []).append(t)
        entries = []
        for holder_id, ts in holders.items():
            body = ts[0].holder  # read with its city (select_related above), not from the graph
            now = graph.holder_on(holder_id, today)
            entries.append({"body": body, "tasks": ts, "now": now if now and now.pk != holder_id else None,
                            "ended": now is None, "edges": edges.get(holder_id, [])})
        entries.sort(key=lambda e: (boards._item_key(e["tasks"][0].item), e["body"].name))
        sections.append({"program": program, "entries": entries, "staff": access.staff_can_act(request.user, program)})
    return render(request, "reporting/bodies.html", {"province": province, "sections": sections})


@require_GET
@login_required
def dashboard(request, pk: int):
    """PV01's view of a period: each body on time / late / missing / returned, rates, overdue ages, and the trend."""
    province, programs = _province_programs(request, pk)
    if not programs:
        raise Http404
    code = request.GET.get("ky", "")
    program = next((pr for pr in programs if pr.code == request.GET.get("ct")), programs[-1])
    today = clock.today()
    graph = Graph.load()
    choices = boards.periods_until(program, today, upcoming=1)
    if not choices:
        raise Http404
    p = next((c for c in choices if c.code == code), None)
    if code and p is None:
        raise Http404
    if p is None:  # the period due next, or the last one
        p = next((c for c in choices if c.deadline >= today), choices[-1])
    past = [c for c in choices if c.deadline < today][-8:]
    b, *trend_boards = boards.boards(program, [p, *past], today, graph)
    trend = [(t.period, t.rates) for t in trend_boards]
    overdue = sorted((r for r in b.rows if r.overdue_days), key=lambda r: -r.overdue_days)
    from meetings.expected import coverage  # the page shows the meetings' gaps of the period (view layer only)

    return render(request, "reporting/dashboard.html", {
        "meetings": coverage(program, p.window_from, p.window_to, today),
        "province": province, "program": program, "programs": programs, "p": p, "b": b, "choices": choices,
        "trend": trend, "overdue": overdue, "today": today, "labels": status.LABELS,
        "counts": [(s, status.LABELS[s], b.rates.counts[s]) for s in status.ALL],
    })


@require_http_methods(["POST"])
@login_required
def work_plan(request, program: str, holder: int, year: int):
    """A body's yearly work plan for the tasks it holds (written by its reporter; read on the reporter's page)."""
    program = get_object_or_404(Program, code=program)
    body = get_object_or_404(Body, pk=holder)
    if body.pk not in access.reporter_bodies(request.user) or not program.tasks.filter(holder__in=Graph.load().carried_by(body.pk)).exists():
        raise Http404
    if body.valid_until and body.valid_until <= clock.today():
        raise PermissionDenied  # an ended body's plans are history; its successor plans now
    try:
        services.save_work_plan(program, body, year, request.user, request.POST.get("text", "")[:20_000])
        messages.success(request, f"Đã lưu kế hoạch thực hiện năm {year}.", extra_tags=FLASH)
    except services.Refused as e:
        messages.error(request, str(e), extra_tags=FLASH)
    return redirect(reverse("my_reports") + f"#ke-hoach-{program.code}")
