"""Meetings the program holds (ward quarterly, city six-monthly, then province six-monthly, review conferences) and
the action items they decide, tracked to done."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kieumau import clock

from . import calendar as C


class Meeting(models.Model):
    class Level(models.TextChoices):
        WARD = C.WARD, _("Ward, quarterly")
        CITY = C.CITY, _("City or town, six-monthly")
        PROVINCE = C.PROVINCE, _("Province, six-monthly")
        CONFERENCE = C.CONFERENCE, _("Review conference")

    class State(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        HELD = "held", _("Held")

    program = models.ForeignKey("agencies.Program", models.PROTECT, related_name="meetings", verbose_name=_("program"))
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    unit = models.ForeignKey("units.Unit", models.PROTECT, related_name="+", verbose_name=_("held by (unit)"))
    slot = models.CharField(_("period"), max_length=12)
    title = models.CharField(_("title"), max_length=300)
    scheduled_on = models.DateField(_("scheduled on"))
    held_on = models.DateField(_("held on"), null=True, blank=True)
    chair = models.CharField(_("chair"), max_length=200, blank=True)
    attendees = models.TextField(_("attendees"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    conclusions = models.TextField(_("conclusions"), blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.SCHEDULED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("created by"))
    updated_at = models.DateTimeField(_("updated at"), default=clock.now)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["scheduled_on"]
        constraints = [models.UniqueConstraint(fields=["program", "level", "unit", "slot"], name="meeting_once_per_slot")]

    def __str__(self) -> str:
        return self.title


class ActionItem(models.Model):
    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="actions", verbose_name=_("meeting"))
    text = models.TextField(_("action"))
    owner = models.CharField(_("owner"), max_length=200)
    due = models.DateField(_("due"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    done_note = models.TextField(_("result"), blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+",
                                verbose_name=_("marked done by"))

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["due", "pk"]

    def __str__(self) -> str:
        return self.text[:80]

    def overdue(self, today) -> bool:
        return self.done_on is None and self.due < today
