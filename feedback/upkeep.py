"""The register's daily work (background worker, feedback.tasks): escalate overdue cases, close answered cases the
citizen did not rate, erase contact data past its retention."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from audit.models import record
from inbox import notify
from kieumau import clock
from workdays import vncalendar

from . import services
from .models import Case, Contact, Escalation


def _today(now) -> dt.date:
    return timezone.localtime(now).date()


def escalate(now=None) -> int:
    """Open cases past their deadline: the ward chief is told the day after; the province's program staff once the case
    is ``FEEDBACK_ESCALATE_PROVINCE_AFTER`` working days late. Each step once per deadline."""
    now = now or clock.now()
    today = _today(now)
    calendar = vncalendar.load()
    sent = 0
    for case in Case.objects.filter(status__in=Case.OPEN, deadline__lt=today).select_related("unit", "category"):
        late_by = calendar.between(case.deadline, today)
        steps = [Escalation.Step.CHIEF]
        if late_by >= settings.FEEDBACK_ESCALATE_PROVINCE_AFTER:
            steps.append(Escalation.Step.PROVINCE)
        for step in steps:
            sent += _escalate(case, step, now, late_by)
    return sent


def _escalate(case: Case, step: str, now, late_by: int) -> int:
    people = services.chiefs(case.unit) or services.officers(case.unit) if step == Escalation.Step.CHIEF \
        else services.province_staff(case.unit)
    try:
        with transaction.atomic():
            Escalation.objects.create(case=case, step=step, deadline=case.deadline, at=now, recipients=len(people))
            text = (f"Phản ánh {case.display_code} ({case.unit.name}) quá hạn trả lời {late_by} ngày làm việc "
                    f"(hạn {case.deadline:%d/%m/%Y})")
            notify.send(people, text, services.url(case))
            record(None, f"feedback.escalated_{step}", case, unit=case.unit, data={"late_by": late_by, "to": len(people)})
    except IntegrityError:
        return 0  # this step was taken already for this deadline
    return 1


def auto_close(now=None) -> int:
    """Answered cases the citizen has not rated within ``FEEDBACK_AUTO_CLOSE_AFTER`` working days are closed."""
    now = now or clock.now()
    today = _today(now)
    calendar = vncalendar.load()
    done = 0
    for case in Case.objects.filter(status=Case.Status.ANSWERED, answered_at__isnull=False):
        if calendar.between(_today(case.answered_at), today) >= settings.FEEDBACK_AUTO_CLOSE_AFTER:
            with transaction.atomic():
                Case.objects.filter(pk=case.pk, status=Case.Status.ANSWERED).update(status=Case.Status.CLOSED, closed_at=now)
                record(None, "feedback.closed_unrated", case, unit=case.unit)
            done += 1
    return done


# The retention period in months: at least one (0 or less would erase the contact data of cases still inside it),
# at most ten years (a huge value overflows the date arithmetic).
MIN_MONTHS, MAX_MONTHS = 1, 120


def check_months(months) -> int:
    """``months`` as a retention period, or ValueError with a Vietnamese message."""
    if isinstance(months, bool) or not isinstance(months, int) or not MIN_MONTHS <= months <= MAX_MONTHS:
        raise ValueError(f"Thời hạn lưu thông tin liên hệ phải là số tháng nguyên từ {MIN_MONTHS} đến {MAX_MONTHS}; "
                         "không xóa gì.")
    return months


def erase_expired(now=None, months: int | None = None) -> int:
    """Delete the contact data of cases closed (or marked spam) more than ``months`` months ago; the cases stay.

    ``months`` (default settings.FEEDBACK_CONTACT_MONTHS) must be MIN_MONTHS–MAX_MONTHS: ValueError otherwise, before
    anything is erased."""
    now = now or clock.now()
    months = check_months(settings.FEEDBACK_CONTACT_MONTHS if months is None else months)
    cutoff = now - dt.timedelta(days=round(months * 30.44))
    ids = set(Contact.objects.filter(case__closed_at__lt=cutoff).values_list("case_id", flat=True))
    ids |= set(Contact.objects.filter(case__status=Case.Status.SPAM, case__spam_at__lt=cutoff).values_list("case_id", flat=True))
    for case in Case.objects.filter(pk__in=ids):
        with transaction.atomic():
            services._erase(case, "retention")
    return len(ids)
