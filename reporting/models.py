"""Periodic reports of the coordinating bodies: the calendar (data per program), the reports and the reminders sent."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kieumau import clock

from . import periods, status


class CalendarEntry(models.Model):
    class Kind(models.TextChoices):
        SIX_MONTHLY = periods.SIX_MONTHLY, _("Six-monthly")
        YEARLY = periods.YEARLY, _("Yearly")
        MILESTONE = periods.MILESTONE, _("Review conference (sơ kết / tổng kết)")

    program = models.ForeignKey("agencies.Program", models.CASCADE, related_name="calendar", verbose_name=_("program"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    code = models.CharField(_("code"), max_length=20, blank=True, help_text=_("Milestones only, e.g. SK2025."))
    title = models.CharField(_("title"), max_length=200, blank=True)
    due_before = models.CharField(_("due before"), max_length=10,
                                  help_text=_('"06-15" for a recurring report ("trước ngày 15/6"), "2025-11-15" for a milestone.'))
    window_from = models.CharField(_("figures from"), max_length=10, help_text=_('"12-15" means 15/12 of the previous year.'))
    window_to = models.CharField(_("figures until"), max_length=10)
    opens_days_before = models.PositiveSmallIntegerField(_("opens (days before the deadline)"), default=30)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("reporting calendar entry")
        verbose_name_plural = _("reporting calendar")
        constraints = [models.UniqueConstraint(fields=["program", "kind", "code"], name="calendar_entry_unique")]

    def rule(self) -> periods.Rule:
        return periods.Rule(self.kind, self.due_before, self.window_from, self.window_to, self.code, self.title,
                            self.opens_days_before)

    def clean(self):
        try:
            periods.check_rule(self.rule())
        except periods.PeriodError as e:
            raise ValidationError(str(e)) from None


class Report(models.Model):
    """One report of one task holder (as the plan names it) for one period; whoever holds the tasks then writes it."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned")

    program = models.ForeignKey("agencies.Program", models.PROTECT, related_name="reports", verbose_name=_("program"))
    period = models.CharField(_("period"), max_length=20)
    holder = models.ForeignKey("agencies.Body", models.PROTECT, related_name="reports", verbose_name=_("task holder"))
    written_by_body = models.ForeignKey("agencies.Body", models.PROTECT, related_name="+", null=True, blank=True,
                                        verbose_name=_("written by"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    first_submitted_at = models.DateTimeField(_("first submitted"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    returned_at = models.DateTimeField(_("returned"), null=True, blank=True)
    return_comment = models.TextField(_("comment when returned"), blank=True)
    return_due = models.DateField(_("send back by"), null=True, blank=True)
    times_returned = models.PositiveSmallIntegerField(default=0)
    difficulties = models.TextField(_("difficulties"), blank=True)
    proposals = models.TextField(_("proposals"), blank=True)
    updated_at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = _("periodic report")
        verbose_name_plural = _("periodic reports")
        constraints = [models.UniqueConstraint(fields=["program", "period", "holder"], name="report_once_per_period")]

    def __str__(self) -> str:
        return f"{self.holder.name} — {self.period}"

    def snapshot(self) -> status.Snapshot:
        day = (lambda t: timezone.localdate(t) if t else None)
        return status.Snapshot(self.state, day(self.first_submitted_at), day(self.submitted_at), self.return_due,
                               self.times_returned > 0)

    @property
    def locked(self) -> bool:
        return self.state == self.State.SUBMITTED


class ReportLine(models.Model):
    report = models.ForeignKey(Report, models.CASCADE, related_name="lines")
    task = models.ForeignKey("agencies.Task", models.PROTECT, related_name="+", verbose_name=_("task"))
    done = models.TextField(_("what was done"), blank=True)
    figures = models.JSONField(_("figures"), default=dict, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "task"], name="report_line_once")]


def _attachment_path(instance, filename):
    return f"reports/{instance.report_id}/{filename}"


class ReportAttachment(models.Model):
    report = models.ForeignKey(Report, models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=_attachment_path)
    original_name = models.CharField(max_length=120)
    size = models.PositiveIntegerField()
    content_type = models.CharField(max_length=100)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=clock.now)


class WorkPlan(models.Model):
    """A body's yearly work plan (kế hoạch thực hiện) for the tasks it holds."""

    program = models.ForeignKey("agencies.Program", models.PROTECT, related_name="+")
    holder = models.ForeignKey("agencies.Body", models.PROTECT, related_name="work_plans")
    year = models.PositiveSmallIntegerField(_("year"))
    text = models.TextField(_("work plan"))
    updated_at = models.DateTimeField(default=clock.now)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("work plan")
        verbose_name_plural = _("work plans")
        constraints = [models.UniqueConstraint(fields=["program", "holder", "year"], name="work_plan_once_a_year")]


class Reminder(models.Model):
    """A reminder sent: one row per report, step and recipient, so a restarted worker never sends it twice."""

    class Step(models.TextChoices):
        BEFORE_7 = "d-7", _("7 days before")
        BEFORE_2 = "d-2", _("2 days before")
        DUE = "d0", _("on the day")
        OVERDUE = "overdue", _("overdue")

    program = models.ForeignKey("agencies.Program", models.CASCADE, related_name="+")
    period = models.CharField(max_length=20)
    holder = models.ForeignKey("agencies.Body", models.CASCADE, related_name="+")
    step = models.CharField(max_length=10, choices=Step.choices)
    recipient = models.CharField(max_length=254, help_text="user:<id> or an e-mail address")
    sent_at = models.DateTimeField(default=clock.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["program", "period", "holder", "step", "recipient"],
                                               name="reminder_once")]
