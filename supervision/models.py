"""Supervision and inspection visits (HĐND, Mặt trận, đoàn thể, Tỉnh ủy: seed 000 part III) to a ward or a body, and
their findings, each answered and followed up until the supervisor closes it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kieumau import clock


class Visit(models.Model):
    class Kind(models.TextChoices):
        SUPERVISION = "supervision", _("Supervision")
        INSPECTION = "inspection", _("Inspection")

    program = models.ForeignKey("agencies.Program", models.PROTECT, related_name="visits", verbose_name=_("program"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.SUPERVISION)
    organisation = models.CharField(_("supervising body"), max_length=200)
    unit = models.ForeignKey("units.Unit", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("ward visited"))
    body = models.ForeignKey("agencies.Body", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("body visited"))
    visited_on = models.DateField(_("visited on"))
    summary = models.TextField(_("summary"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("recorded by"))
    created_at = models.DateTimeField(_("recorded at"), default=clock.now)

    class Meta:
        verbose_name = _("supervision visit")
        verbose_name_plural = _("supervision visits")
        ordering = ["-visited_on", "-pk"]
        constraints = [models.CheckConstraint(condition=models.Q(unit__isnull=False) | models.Q(body__isnull=False),
                                              name="visit_has_a_target")]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.target.name} ({self.visited_on:%d/%m/%Y})"

    @property
    def target(self):
        return self.unit or self.body


class Finding(models.Model):
    class State(models.TextChoices):
        OPEN = "open", _("Awaiting response")
        ANSWERED = "answered", _("Responded")
        CLOSED = "closed", _("Closed")

    visit = models.ForeignKey(Visit, models.CASCADE, related_name="findings", verbose_name=_("visit"))
    text = models.TextField(_("finding"))
    recommendation = models.TextField(_("recommendation"), blank=True)
    due = models.DateField(_("respond by"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    created_at = models.DateTimeField(_("recorded at"), default=clock.now)

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.text[:80]


class FindingStep(models.Model):
    """One turn of the follow-up: the response of the ward or body, the supervisor's follow-up, the closing."""

    class Kind(models.TextChoices):
        RESPONSE = "response", _("Response")
        FOLLOW_UP = "follow_up", _("Follow-up")
        CLOSED = "closed", _("Closed")

    finding = models.ForeignKey(Finding, models.CASCADE, related_name="steps", verbose_name=_("finding"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    text = models.TextField(_("text"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("by"))
    at = models.DateTimeField(_("at"), default=clock.now)

    class Meta:
        verbose_name = _("follow-up step")
        verbose_name_plural = _("follow-up steps")
        ordering = ["at", "pk"]
