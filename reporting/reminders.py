"""Reminders of report deadlines: which step applies on a day (pure), and sending each step once per recipient.

Steps: 7 and 2 days before the deadline, on the day, and overdue (escalated to the program staff and the body's
head). Only the step that applies today is sent: a worker that was down for a week does not send stale "7 days
before" reminders after the deadline. A Reminder row is written in the transaction that writes the notification, and
its unique key (report, step, recipient) makes a second run — a restarted worker, two workers — send nothing.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.urls import reverse

from accounts.models import Role, RoleAssignment
from agencies.models import BodyAssignment, Program
from agencies.succession import Graph
from inbox import notify

from . import board as boards
from . import status
from .models import Reminder

STEP_BEFORE_7, STEP_BEFORE_2, STEP_DUE, STEP_OVERDUE = "d-7", "d-2", "d0", "overdue"
OVERDUE_WINDOW = 60  # days after a deadline during which a missing report is still chased


def step_on(deadline: dt.date, today: dt.date) -> str | None:
    days = (deadline - today).days
    if days < 0:
        return STEP_OVERDUE if -days <= OVERDUE_WINDOW else None
    if days == 0:
        return STEP_DUE
    if days <= 2:
        return STEP_BEFORE_2
    if days <= 7:
        return STEP_BEFORE_7
    return None


def _text(step: str, row, p) -> str:
    who = row.writer.name + (f" (nhiệm vụ của {row.holder.name})" if row.held_by else "")
    day = p.deadline.strftime("%d/%m/%Y")
    if step == STEP_OVERDUE:
        return f"Quá hạn {status.overdue_days(p.deadline, _today())} ngày: {who} chưa nộp «{p.title}» (hạn {day})"
    if step == STEP_DUE:
        return f"Hôm nay là hạn cuối nộp «{p.title}» của {who}"
    return f"Còn {(p.deadline - _today()).days} ngày đến hạn nộp «{p.title}» của {who} (hạn {day})"


def _today():
    from kieumau import clock

    return clock.today()


def send_due(today: dt.date | None = None) -> int:
    """Send every reminder that applies today and has not been sent; the number of recipients reached."""
    today = today or _today()
    graph = Graph.load()
    sent = 0
    for program in Program.objects.select_related("province"):
        province = boards.current_province(program, today)
        staff = list(RoleAssignment.objects.filter(role=Role.PROGRAM_STAFF, unit=province, user__is_active=True)
                     .select_related("user"))
        for p in boards.periods_until(program, today, upcoming=1):
            step = step_on(p.deadline, today)
            if step is None:
                continue
            b = boards.board(program, p, today, graph)
            for row in b.rows:
                if row.status in status.SUBMITTED or (step != STEP_OVERDUE and row.status == status.RETURNED):
                    continue
                reporters = [a.user for a in BodyAssignment.objects.filter(body=row.writer).select_related("user")]
                users = reporters + ([ra.user for ra in staff] if step == STEP_OVERDUE else [])
                emails = [row.writer.head_email] if step == STEP_OVERDUE and row.writer.head_email else []
                sent += _send_once(program, p, row, step, users, emails)
    return sent


def _send_once(program, p, row, step, users, emails) -> int:
    url = reverse("report", args=[program.code, p.code, row.holder.pk])
    text = _text(step, row, p)
    reached = 0
    for key, user, email in [(f"user:{u.pk}", u, None) for u in {u.pk: u for u in users}.values()] + \
                            [(e.lower(), None, e) for e in emails]:
        try:
            with transaction.atomic():
                Reminder.objects.create(program=program, period=p.code, holder=row.holder, step=step, recipient=key)
                notify.send([user] if user else [], text, url, extra_emails=[email] if email else [])
        except IntegrityError:
            continue
        reached += 1
    return reached
