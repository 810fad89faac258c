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

from agencies.models import Program
from agencies.roles import reporters_by_body
from agencies.succession import Graph
from inbox import notify
from kieumau import clock

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


def _text(step: str, row, p, today: dt.date) -> str:
    who = row.writer.name + (f" (nhiệm vụ của {row.holder.name})" if row.held_by else "")
    day = p.deadline.strftime("%d/%m/%Y")
    if step == STEP_OVERDUE:
        return f"Quá hạn {status.overdue_days(p.deadline, today)} ngày: {who} chưa nộp «{p.title}» (hạn {day})"
    if step == STEP_DUE:
        return f"Hôm nay là hạn cuối nộp «{p.title}» của {who}"
    return f"Còn {(p.deadline - today).days} ngày đến hạn nộp «{p.title}» của {who} (hạn {day})"


def send_due(today: dt.date | None = None) -> int:
    """Send every reminder that applies today and has not been sent; the number of recipients reached."""
    today = today or clock.today()
    graph = Graph.load()
    by_body = reporters_by_body()
    sent = 0
    for program in Program.objects.select_related("province"):
        due = [(p, step) for p in boards.periods_until(program, today, upcoming=1) if (step := step_on(p.deadline, today))]
        if not due:
            continue
        staff = list(boards.program_staff(program, today))
        for (p, step), b in zip(due, boards.boards(program, [p for p, _s in due], today, graph)):
            for row in b.rows:
                if row.status in status.SUBMITTED or (step != STEP_OVERDUE and row.status == status.RETURNED):
                    continue
                users = by_body.get(row.writer.pk, []) + (staff if step == STEP_OVERDUE else [])
                emails = [row.writer.head_email] if step == STEP_OVERDUE and row.writer.head_email else []
                sent += _send_once(program, p, row, step, users, emails, today)
    return sent


def _send_once(program, p, row, step, users, emails, today) -> int:
    url = reverse("report", args=[program.code, p.code, row.holder.pk])
    text = _text(step, row, p, today)
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
