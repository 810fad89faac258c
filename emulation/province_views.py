"""A province's pages of the movement: rewards (decide, refuse; printable list), models per ward, propaganda by body."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Sum
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from accounts.scope import runs_program, scope_for
from kieumau import clock, posted
from units.territory import communes, display_name, year_land

from . import access, counts, filters, reports, services
from .models import MassModel, Propaganda, Reward
from .views import FLASH

PAGE = 300
DECISION_FIELDS = ("reward", "number", "date", "signer", "reason")
PROPAGANDA_FIELDS = ("body", "kind", "title", "held_on", "quantity", "audience", "report", "note")


def _land(province, year: int):
    """The communes on the province's land during the year (a queryset: one subquery, whatever the number of wards)."""
    first, last = counts.year_bounds(year)
    return communes(province, first, last)


def _rewards(land, chosen: filters.RewardFilter):
    return (chosen.apply(Reward.objects.filter(unit__in=land)).select_related("unit")
            .order_by("unit__name", "-proposed_on", "-pk"))


@require_http_methods(["GET", "POST"])
@login_required
def rewards(request, pk: int):
    province, staff = access.province(request.user, pk)
    chosen = filters.RewardFilter.read(request.GET)
    error = ""
    if request.method == "POST":
        if not staff:
            raise PermissionDenied
        try:
            done = _decide(request, province)
            messages.success(request, done, extra_tags=FLASH)
            return redirect(request.get_full_path())
        except posted.Refused as e:
            error = str(e)
    land = _land(province, chosen.year)  # once: finding a merged province's land reads the lineage
    qs = _rewards(land, chosen)
    rows = list(qs[:PAGE])
    totals = {s: 0 for s in Reward.State.values} | dict(qs.order_by().values_list("state").annotate(n=Count("pk")))
    return render(request, "emulation/rewards.html", {
        "province": province, "dated": display_name(province), "chosen": chosen, "rows": rows, "page": PAGE,
        "total": sum(totals.values()), "totals": totals, "staff": staff, "error": error, "flash": FLASH,
        "typed": {k: request.POST.get(k, "") for k in DECISION_FIELDS}, "failed": posted.integer(request.POST.get("reward")),
        "years": filters.years(), "wards": list(land.wards().order_by("name").values_list("pk", "name")), "states": Reward.State.choices,
        "recipients": Reward.Recipient.choices, "groups": [(k, v[0]) for k, v in filters.GROUPS.items()],
        "today": clock.today(),
    }, status=400 if error else 200)


def _decide(request, province) -> str:
    p = request.POST
    reward = Reward.objects.filter(pk=posted.integer(p.get("reward")), unit__in=_land(province, filters.year(request.GET))).first()
    if reward is None:
        raise posted.Refused("Không tìm thấy đề nghị khen thưởng này trong danh sách; hãy tải lại trang.")
    if not runs_program(request.user, reward.unit):
        raise PermissionDenied
    action = p.get("action", "")
    if action == "decide":
        services.decide(reward, request.user, number=p.get("number", ""), date=posted.date(p.get("date")), signer=p.get("signer", ""))
        return f"Đã ghi quyết định khen thưởng «{reward.recipient_name}»."
    if action == "refuse":
        services.refuse(reward, request.user, reason=p.get("reason", ""), date=posted.date(p.get("date")))
        return f"Đã ghi: không khen thưởng «{reward.recipient_name}»."
    raise posted.Refused("Thao tác không hợp lệ.")


@require_GET
@login_required
def rewards_print(request, pk: int):
    province, _staff = access.province(request.user, pk)
    chosen = filters.RewardFilter.read(request.GET)
    rows = list(_rewards(_land(province, chosen.year), chosen))
    return render(request, "emulation/rewards_print.html", {
        "province": province, "dated": display_name(province), "chosen": chosen, "rows": rows,
        "is_demo": any(r.is_demo for r in rows), "today": clock.today()})


@require_GET
@login_required
def models(request, pk: int):
    province, _staff = access.province(request.user, pk)
    year = filters.year(request.GET)
    kind = filters.model_kind(request.GET)
    land = year_land(province, year)
    wards = land.wards + land.ended
    by_ward = counts.model_counts([w.pk for w in wards], year)
    empty = counts.ModelCounts()
    rows = [(w, by_ward.get(w.pk, empty), w in land.ended) for w in wards]
    listed = [(w, m, status) for w, c, _ended in rows for m, status in c.models if not kind or m.kind == kind]
    day = counts.counted_day(year)
    meets = sum(1 for w, c, ended in rows if not ended and c.self_managed >= 2 and c.dan_van_kheo >= 1)
    return render(request, "emulation/models.html", {
        "province": province, "dated": display_name(province), "year": year, "years": filters.years(), "kind": kind,
        "rows": rows, "listed": listed, "counted_day": day, "model_kinds": MassModel.Kind.choices, "meets": meets,
        "active_wards": len(land.wards), "today": clock.today()})


def _quarter(params) -> int | None:
    q = posted.integer(params.get("quy"))
    return q if q in (1, 2, 3, 4) else None


def _span(year: int, quarter: int | None) -> tuple[dt.date, dt.date]:
    if quarter is None:
        return counts.year_bounds(year)
    first = dt.date(year, 3 * quarter - 2, 1)
    last = dt.date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1) - dt.timedelta(days=1)
    return first, last


@require_http_methods(["GET", "POST"])
@login_required
def propaganda(request, pk: int):
    province, bodies, staff, own = access.propaganda(request.user, pk)
    writes = staff or bool(own)
    choosable = bodies if staff else [b for b in bodies if b.pk in own]
    error = ""
    if request.method == "POST":
        if not writes:
            raise PermissionDenied
        try:
            p = _record(request, province, choosable)
            messages.success(request, f"Đã ghi hoạt động tuyên truyền «{p.title}».", extra_tags=FLASH)
            return redirect(request.get_full_path())
        except posted.Refused as e:
            error = str(e)
    year, quarter = filters.year(request.GET), _quarter(request.GET)
    first, last = _span(year, quarter)
    body_id = posted.integer(request.GET.get("co-quan"))
    qs = Propaganda.objects.filter(body__in=[b.pk for b in bodies], held_on__range=(first, last))
    if body_id is not None:
        qs = qs.filter(body_id=body_id)
    rows = list(qs.select_related("body", "report__program")[:PAGE])
    names = {b.pk: b for b in bodies}
    summary = [(names[s["body_id"]], s) for s in qs.order_by().values("body_id").annotate(
        n=Count("pk"), quantity=Sum("quantity"), audience=Sum("audience"))]
    summary.sort(key=lambda x: x[0].name)
    return render(request, "emulation/propaganda.html", {
        "province": province, "dated": display_name(province), "year": year, "quarter": quarter, "years": filters.years(),
        "province_visible": scope_for(request.user).sees(province),  # a body's reporter may not see the province
        "first": first, "last": last, "bodies": bodies, "body_id": body_id, "rows": rows, "summary": summary, "page": PAGE,
        "writes": writes, "choosable": choosable, "kinds": Propaganda.Kind.choices, "error": error, "flash": FLASH,
        "offered": reports.offered([b.pk for b in choosable]) if writes else [],
        "typed": {k: request.POST.get(k, "") for k in PROPAGANDA_FIELDS}, "today": clock.today(),
    }, status=400 if error else 200)


def _record(request, province, choosable) -> Propaganda:
    from reporting.models import Report

    p = request.POST
    body_id = posted.integer(p.get("body"))
    body = next((b for b in choosable if b.pk == body_id), None)
    report = None
    if p.get("report"):
        report = Report.objects.select_related("program").filter(pk=posted.integer(p.get("report"))).first()
        if report is None:
            raise posted.Refused("Không tìm thấy báo cáo định kỳ được chọn; hãy tải lại trang.")
    return services.add_propaganda(province, body, request.user, kind=p.get("kind", ""), title=p.get("title", ""),
                                   held_on=posted.date(p.get("held_on")),
                                   quantity=services.amount(p.get("quantity"), "số lượng"),
                                   audience=services.amount(p.get("audience"), "số người tham dự, tiếp cận"),
                                   report=report, note=p.get("note", ""))
