"""Scheduling and recording meetings, and tracking their action items: one transaction and one audit row each."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.urls import reverse

from audit.models import record
from kieumau import clock
from kieumau.posted import Refused
from kieumau.posted import text as _posted_text

from . import calendar as C
from .models import ActionItem, Meeting

MAX_TEXT = 20_000  # minutes run longer than the other texts (kieumau.posted.MAX_TEXT)


def _text(value, what: str, *, required: bool = False, limit: int = MAX_TEXT) -> str:
    return _posted_text(value, what, required=required, limit=limit)


TITLES = {
    C.WARD: "Ban Thường vụ Đảng ủy {unit} làm việc về xây dựng Công an phường điển hình, kiểu mẫu — {slot}",
    C.CITY: "Ban Thường vụ cấp ủy {unit} nghe báo cáo, đề ra giải pháp — {slot}",
    C.PROVINCE: "Ban Thường vụ {unit} nghe báo cáo kết quả thực hiện — {slot}",
    C.CONFERENCE: "Hội nghị {slot}",
}


def default_title(level: str, unit, slot: C.Slot) -> str:
    if level == C.PROVINCE:  # the province's Party committee: Tỉnh ủy Khánh Hòa, Thành ủy Thành phố Hồ Chí Minh
        name = f"Thành ủy {unit.name.removeprefix('Thành phố ')}" if unit.kind == "Thành phố" else f"Tỉnh ủy {unit.name.removeprefix('Tỉnh ')}"
    else:
        name = unit.name
    return TITLES[level].format(unit=name, slot=slot.title)


@transaction.atomic
def schedule(program, expected, day: dt.date | None, user, title: str = "") -> Meeting:
    """Put an expected meeting (``expecting.Expected``) in the calendar on ``day``."""
    if day is None:
        raise Refused("Hãy chọn ngày họp dự kiến.")
    try:
        with transaction.atomic():
            m = Meeting.objects.create(program=program, level=expected.level, unit=expected.unit, slot=expected.slot.code,
                                       title=_text(title, "tiêu đề", limit=300) or default_title(expected.level, expected.unit, expected.slot),
                                       scheduled_on=day, created_by=user, updated_at=clock.now())
    except IntegrityError:
        raise Refused(f"{expected.unit.name} đã có cuộc họp cho kỳ {expected.slot.title}.") from None
    record(user, "meeting.scheduled", m, unit=expected.unit, data={"slot": m.slot, "on": day.isoformat()})
    return m


@transaction.atomic
def record_held(m: Meeting, user, *, held_on: dt.date | None, chair: str, attendees: str, minutes: str, conclusions: str) -> Meeting:
    m = Meeting.objects.select_for_update().get(pk=m.pk)
    if held_on is None:
        raise Refused("Hãy ghi ngày họp.")
    if held_on > clock.today():
        raise Refused("Ngày họp không được sau hôm nay; cuộc họp chưa diễn ra thì giữ ở lịch họp.")
    m.held_on = held_on
    m.chair = _text(chair, "người chủ trì", required=True, limit=200)
    m.attendees = _text(attendees, "thành phần dự họp", required=True)
    m.minutes = _text(minutes, "biên bản, nội dung họp")
    m.conclusions = _text(conclusions, "kết luận", required=True)
    action = "meeting.updated" if m.state == Meeting.State.HELD else "meeting.held"
    m.state, m.updated_at = Meeting.State.HELD, clock.now()
    m.save()
    record(user, action, m, unit=m.unit, data={"held_on": held_on.isoformat()})
    return m


@transaction.atomic
def add_action(m: Meeting, user, *, text: str, owner: str, due: dt.date | None) -> ActionItem:
    if m.state != Meeting.State.HELD:
        raise Refused("Ghi biên bản cuộc họp trước khi giao việc.")
    if due is None:
        raise Refused("Hãy ghi hạn hoàn thành.")
    item = ActionItem.objects.create(meeting=m, text=_text(text, "nội dung việc cần làm", required=True, limit=4000),
                                     owner=_text(owner, "người/cơ quan thực hiện", required=True, limit=200), due=due)
    record(user, "meeting.action_added", m, unit=m.unit, data={"action": item.pk, "due": due.isoformat()})
    return item


@transaction.atomic
def close_action(item: ActionItem, user, note: str) -> ActionItem:
    item = ActionItem.objects.select_for_update(of=("self",)).select_related("meeting__unit").get(pk=item.pk)
    if item.done_on:
        raise Refused("Việc này đã được ghi là hoàn thành.")
    item.done_on, item.done_by = clock.today(), user
    item.done_note = _text(note, "kết quả thực hiện", required=True, limit=4000)
    item.save()
    record(user, "meeting.action_done", item.meeting, unit=item.meeting.unit, data={"action": item.pk})
    return item


def url(m: Meeting) -> str:
    return reverse("meeting", args=[m.pk])
