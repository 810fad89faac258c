"""Difficulties reported to Công an tỉnh (seed 003: "kịp thời có văn bản phản ánh"): raised by a body or a ward,
answered, forwarded or turned into a proposal to adjust the roadmap by the program staff."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kieumau import clock


class Difficulty(models.Model):
    class State(models.TextChoices):
        OPEN = "open", _("Open")
        FORWARDED = "forwarded", _("Forwarded")
        PROPOSED = "proposed", _("Adjustment proposed")
        ANSWERED = "answered", _("Answered")

    OPEN_STATES = (State.OPEN, State.FORWARDED, State.PROPOSED)

    program = models.ForeignKey("agencies.Program", models.PROTECT, related_name="difficulties", verbose_name=_("program"))
    body = models.ForeignKey("agencies.Body", models.PROTECT, null=True, blank=True, related_name="difficulties",
                             verbose_name=_("raised by body"))
    unit = models.ForeignKey("units.Unit", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("raised by ward"))
    title = models.CharField(_("subject"), max_length=200)
    text = models.TextField(_("difficulty"))
    proposal = models.TextField(_("proposal"), blank=True)
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("raised by"))
    raised_at = models.DateTimeField(_("raised at"), default=clock.now)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    forwarded_to = models.ForeignKey("agencies.Body", models.PROTECT, null=True, blank=True, related_name="forwarded_difficulties",
                                     verbose_name=_("forwarded to"))
    forward_note = models.TextField(_("forwarding note"), blank=True)
    adjustment = models.ForeignKey("roadmaps.PlanAdjustment", models.PROTECT, null=True, blank=True, related_name="+",
                                   verbose_name=_("plan adjustment"))
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+",
                                    verbose_name=_("answered by"))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("difficulty reported")
        verbose_name_plural = _("difficulties reported")
        ordering = ["-raised_at"]
        constraints = [models.CheckConstraint(condition=models.Q(body__isnull=False) | models.Q(unit__isnull=False),
                                              name="difficulty_has_a_source")]

    def __str__(self) -> str:
        return self.title

    @property
    def source(self):
        return self.body or self.unit

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN_STATES

    @property
    def age(self) -> int:
        """Days since it was raised, until the answer (or today while it is open)."""
        from django.utils import timezone

        end = timezone.localtime(self.answered_at).date() if self.answered_at else clock.today()
        return (end - timezone.localtime(self.raised_at).date()).days
