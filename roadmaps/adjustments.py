"""Adjusting a roadmap's targets (seed 003: Công an tỉnh "đề xuất điều chỉnh chỉ tiêu"): program staff propose a
change to one year's target with the reason, an approver decides; an approved change writes a new version of the
plan and keeps the old one, read-only, for the record. Each step in one transaction with its audit row."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from django.db import transaction

from accounts.models import Role, RoleAssignment
from audit.models import record
from engine.inputs import parse_one
from inbox import notify
from kieumau import clock
from kieumau.posted import Refused

from . import plan as P
from .models import Candidate, Milestone, Plan, PlanAdjustment, PlanTarget

SECOND_FACTOR_NEEDED = ("Quyết định điều chỉnh lộ trình cần xác thực hai bước trong phiên này: bật từ trình đơn "
                        "(tên của bạn → xác thực hai bước) hoặc đăng nhập lại bằng mã.")


def read_value(kind: str, text: str) -> Fraction:
    try:
        number = parse_one("int" if kind == P.COUNT else "number", (text or "").strip())
    except ValueError as e:
        raise Refused(f"Chỉ tiêu mới: {e}.") from None
    exact = Decimal(str(number))
    if exact.as_tuple().exponent < -2:
        raise Refused("Chỉ tiêu mới: ghi tối đa hai chữ số thập phân.")
    return Fraction(exact)


@transaction.atomic
def propose(plan: Plan, year: int, kind: str, value_text: str, reason: str, user, *, province) -> PlanAdjustment:
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.replaced_by_id:
        raise Refused("Lộ trình này đã có phiên bản mới; hãy tải lại trang.")
    reason = (reason or "").strip()
    if not reason:
        raise Refused("Hãy ghi lý do điều chỉnh (khó khăn, căn cứ).")
    value = read_value(kind, value_text)
    try:
        P.adjusted(plan.targets(), plan.base_units, year, kind, value, plan.start_year, plan.end_year)
    except ValueError as e:
        raise Refused(str(e)) from None
    adj = PlanAdjustment.objects.create(plan=plan, year=year, kind=kind, value=Decimal(value.numerator) / value.denominator,
                                        reason=reason[:4000], proposed_by=user, proposed_at=clock.now())
    record(user, "plan.adjustment_proposed", adj, unit=province, data={"year": year, "kind": kind, "value": str(adj.value)},
           comment=reason[:500])
    approvers = [ra.user for ra in RoleAssignment.objects.filter(role=Role.APPROVER, unit=province).select_related("user")]
    notify.send(approvers, f"Đề xuất điều chỉnh chỉ tiêu năm {year} của «{plan.title}» chờ quyết định", _url(province),
                actor=user)
    return adj


@transaction.atomic
def decide(adj: PlanAdjustment, user, *, approve: bool, note: str, second_factor: bool, province) -> PlanAdjustment:
    adj = PlanAdjustment.objects.select_for_update(of=("self",)).select_related("plan").get(pk=adj.pk)
    if adj.state != PlanAdjustment.State.PROPOSED:
        raise Refused("Đề xuất này đã được quyết định; hãy tải lại trang.")
    if not second_factor:
        raise Refused(SECOND_FACTOR_NEEDED)
    note = (note or "").strip()
    old = Plan.objects.select_for_update().get(pk=adj.plan_id)
    if approve and old.replaced_by_id:
        raise Refused("Lộ trình đã có phiên bản mới sau khi đề xuất này được lập; hãy đề xuất lại trên phiên bản hiện hành.")
    if not approve and not note:
        raise Refused("Hãy ghi lý do không chấp thuận.")
    now = clock.now()
    if approve:
        try:
            targets = P.adjusted(old.targets(), old.base_units, adj.year, adj.kind, Fraction(adj.value), old.start_year, old.end_year)
        except ValueError as e:
            raise Refused(str(e)) from None
        adj.result = _new_version(old, targets, now)
    adj.state = PlanAdjustment.State.APPROVED if approve else PlanAdjustment.State.REJECTED
    adj.decided_by, adj.decided_at, adj.decision_note = user, now, note[:4000]
    adj.save()
    record(user, "plan.adjustment_approved" if approve else "plan.adjustment_rejected", adj, unit=province,
           data={"year": adj.year, "version": adj.result.version if adj.result else None}, comment=note[:500])
    verdict = "được phê duyệt" if approve else "không được chấp thuận"
    notify.send([adj.proposed_by], f"Đề xuất điều chỉnh chỉ tiêu năm {adj.year} {verdict}", _url(province), actor=user)
    return adj


def _new_version(old: Plan, targets: list[P.Target], now) -> Plan:
    new = Plan.objects.create(province=old.province, title=old.title, source=old.source, base_units=old.base_units,
                              start_year=old.start_year, end_year=old.end_year, version=old.version + 1, adopted_at=now)
    PlanTarget.objects.bulk_create(PlanTarget(plan=new, year=t.year, kind=t.kind, value=Decimal(t.value.numerator) / t.value.denominator,
                                              note=t.note) for t in targets)
    Milestone.objects.bulk_create(Milestone(plan=new, year=m.year, label=m.label) for m in old.milestones.all())
    Candidate.objects.bulk_create(Candidate(plan=new, year=c.year, unit_id=c.unit_id) for c in old.candidates.all())
    old.replaced_by = new
    old.save(update_fields=["replaced_by"])
    return new


def _url(province) -> str:
    from django.urls import reverse

    return reverse("roadmap", args=[province.pk]) + "#dieu-chinh"
