"""Raising and handling difficulties: each step in one transaction with its audit row and a notification."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse

from agencies.roles import reporters
from audit.models import record
from inbox import notify
from kieumau import clock
from kieumau.posted import Refused
from kieumau.posted import text as _text
from reporting.board import current_province, program_staff
from roadmaps import adjustments

from .models import Difficulty



@transaction.atomic
def raise_difficulty(program, user, *, body=None, unit=None, title: str, text: str, proposal: str = "") -> Difficulty:
    if (body is None) == (unit is None):
        raise Refused("Hãy chọn cơ quan hoặc phường phản ánh.")
    d = Difficulty.objects.create(program=program, body=body, unit=unit, raised_by=user, raised_at=clock.now(),
                                  title=_text(title, "tiêu đề", limit=200), text=_text(text, "nội dung khó khăn, vướng mắc"),
                                  proposal=_text(proposal, "đề xuất", required=False))
    record(user, "difficulty.raised", d, unit=current_province(program, clock.today()), data={"from": str(d.source)})
    notify.send(program_staff(program, clock.today()), f"{d.source.name} phản ánh khó khăn: {d.title}", url(d), actor=user)
    return d


def _locked(d: Difficulty) -> Difficulty:
    d = Difficulty.objects.select_for_update(of=("self",)).select_related("program__province", "body", "unit").get(pk=d.pk)
    if not d.is_open:
        raise Refused("Phản ánh này đã được trả lời; hãy tải lại trang.")
    return d


def _tell_source(d: Difficulty, text: str, actor) -> None:
    people = reporters(d.body) if d.body_id else []
    notify.send([d.raised_by, *people], text, url(d), actor=actor)


@transaction.atomic
def answer(d: Difficulty, user, text: str) -> Difficulty:
    d = _locked(d)
    d.answer = _text(text, "nội dung trả lời")
    d.state, d.answered_by, d.answered_at = Difficulty.State.ANSWERED, user, clock.now()
    d.save()
    record(user, "difficulty.answered", d, unit=current_province(d.program, clock.today()), comment=d.answer[:500])
    _tell_source(d, f"Phản ánh «{d.title}» đã được trả lời", user)
    return d


@transaction.atomic
def forward(d: Difficulty, user, to, note: str) -> Difficulty:
    d = _locked(d)
    if to is None:
        raise Refused("Hãy chọn cơ quan nhận phản ánh.")
    if to.pk == d.body_id:
        raise Refused("Không chuyển phản ánh về chính cơ quan đã gửi.")
    d.forwarded_to, d.forward_note, d.state = to, _text(note, "nội dung chuyển", required=False), Difficulty.State.FORWARDED
    d.save()
    record(user, "difficulty.forwarded", d, unit=current_province(d.program, clock.today()), data={"to": to.name},
           comment=d.forward_note[:500])
    notify.send(reporters(to), f"Công an tỉnh chuyển phản ánh «{d.title}» để {to.name} xem xét, trả lời", url(d), actor=user)
    _tell_source(d, f"Phản ánh «{d.title}» đã được chuyển đến {to.name}", user)
    return d


@transaction.atomic
def propose_adjustment(d: Difficulty, user, plan, province, *, year: int, kind: str, value: str, reason: str) -> Difficulty:
    d = _locked(d)
    adj = adjustments.propose(plan, year, kind, value, reason or f"Theo phản ánh «{d.title}» của {d.source.name}.",
                              user, province=province)
    d.adjustment, d.state = adj, Difficulty.State.PROPOSED
    d.save()
    record(user, "difficulty.adjustment_proposed", d, unit=province, data={"adjustment": adj.pk, "year": year})
    _tell_source(d, f"Từ phản ánh «{d.title}», Công an tỉnh đã đề xuất điều chỉnh chỉ tiêu năm {year}", user)
    return d


def url(d: Difficulty) -> str:
    return reverse("difficulty", args=[d.pk])
