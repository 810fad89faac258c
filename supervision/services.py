"""Recording supervision visits and following their findings to closure: one transaction and one audit row each."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse

from accounts.scope import people_on
from agencies.roles import reporters
from agencies.succession import Graph
from audit.models import record
from inbox import notify
from kieumau import clock
from kieumau.posted import Refused
from kieumau.posted import text as _text
from reporting.board import current_province, program_staff

from .models import Finding, FindingStep, Visit



def _province(visit):
    return current_province(visit.program, clock.today())


def responsible(visit) -> list:
    """Who answers for the visited ward or body: its officers or its reporter (program staff are told too)."""
    if visit.unit_id:
        people = people_on(visit.unit)
    else:
        now = Graph.load().holder_on(visit.body_id, clock.today())
        people = reporters(now) if now else []
    return people + list(program_staff(visit.program, clock.today()))


@transaction.atomic
def record_visit(program, user, *, kind: str, organisation: str, unit=None, body=None, visited_on: dt.date | None,
                 summary: str) -> Visit:
    if (unit is None) == (body is None):
        raise Refused("Hãy chọn phường hoặc cơ quan được giám sát, kiểm tra.")
    if kind not in Visit.Kind.values:
        raise Refused("Hãy chọn hình thức: giám sát hoặc kiểm tra.")
    if visited_on is None:
        raise Refused("Hãy ghi ngày giám sát, kiểm tra.")
    if visited_on > clock.today():
        raise Refused("Ngày giám sát, kiểm tra không được sau hôm nay.")
    visit = Visit.objects.create(program=program, kind=kind, organisation=_text(organisation, "cơ quan giám sát", limit=200),
                                 unit=unit, body=body, visited_on=visited_on, summary=_text(summary, "nội dung, kết quả chung"),
                                 created_by=user, created_at=clock.now())
    record(user, "visit.recorded", visit, unit=_province(visit), data={"target": visit.target.name, "on": visited_on.isoformat()})
    return visit


@transaction.atomic
def add_finding(visit, user, *, text: str, recommendation: str, due: dt.date | None) -> Finding:
    if due is not None and due < visit.visited_on:
        raise Refused("Hạn trả lời không được trước ngày giám sát.")
    f = Finding.objects.create(visit=visit, text=_text(text, "nội dung phát hiện"), due=due, created_at=clock.now(),
                               recommendation=_text(recommendation, "kiến nghị", required=False))
    record(user, "finding.added", visit, unit=_province(visit), data={"finding": f.pk})
    notify.send(responsible(visit), f"{visit.organisation} có kiến nghị sau giám sát tại {visit.target.name}", url(visit), actor=user)
    return f


def _locked(f: Finding) -> Finding:
    return Finding.objects.select_for_update(of=("self",)).select_related("visit__program", "visit__unit", "visit__body").get(pk=f.pk)


@transaction.atomic
def respond(f: Finding, user, text: str) -> Finding:
    f = _locked(f)
    if f.state == Finding.State.CLOSED:
        raise Refused("Kiến nghị này đã được đóng.")
    FindingStep.objects.create(finding=f, kind=FindingStep.Kind.RESPONSE, text=_text(text, "nội dung trả lời, kết quả khắc phục"),
                               by=user, at=clock.now())
    f.state = Finding.State.ANSWERED
    f.save(update_fields=["state"])
    record(user, "finding.answered", f.visit, unit=_province(f.visit), data={"finding": f.pk})
    notify.send([f.visit.created_by], f"{f.visit.target.name} đã trả lời kiến nghị giám sát", url(f.visit), actor=user)
    return f


@transaction.atomic
def follow_up(f: Finding, user, text: str, *, close: bool) -> Finding:
    """The supervisor's turn: close the finding, or ask for more (it is open again)."""
    f = _locked(f)
    if f.state == Finding.State.CLOSED:
        raise Refused("Kiến nghị này đã được đóng.")
    if close and f.state != Finding.State.ANSWERED:
        raise Refused("Chỉ đóng được kiến nghị đã có trả lời.")
    kind = FindingStep.Kind.CLOSED if close else FindingStep.Kind.FOLLOW_UP
    FindingStep.objects.create(finding=f, kind=kind, text=_text(text, "ý kiến theo dõi" if not close else "nhận xét khi đóng"),
                               by=user, at=clock.now())
    f.state = Finding.State.CLOSED if close else Finding.State.OPEN
    f.save(update_fields=["state"])
    record(user, "finding.closed" if close else "finding.followed_up", f.visit, unit=_province(f.visit), data={"finding": f.pk})
    if not close:
        notify.send(responsible(f.visit), f"{f.visit.organisation} yêu cầu tiếp tục khắc phục kiến nghị tại {f.visit.target.name}",
                    url(f.visit), actor=user)
    return f


def url(visit) -> str:
    return reverse("visit", args=[visit.pk])
