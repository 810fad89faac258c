"""A province's roadmap: yearly targets as written, milestones and named candidate wards."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import plan


class Plan(models.Model):
    province = models.ForeignKey("units.Unit", models.PROTECT, related_name="plans", verbose_name=_("province"))
    title = models.CharField(_("title"), max_length=255)
    source = models.CharField(_("source"), max_length=255, help_text=_("The decision or resolution that set the plan."))
    base_units = models.PositiveIntegerField(_("wards when written"), help_text=_("The number of wards the percentages were written for."))
    start_year = models.PositiveSmallIntegerField(_("from"))
    end_year = models.PositiveSmallIntegerField(_("to"))
    # An approved adjustment writes a new version; the old one is kept, read-only, and points to what replaced it.
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    replaced_by = models.OneToOneField("self", models.PROTECT, null=True, blank=True, related_name="replaces",
                                       verbose_name=_("replaced by"))
    adopted_at = models.DateTimeField(_("in force since"), null=True, blank=True)

    class Meta:
        verbose_name = _("roadmap")
        verbose_name_plural = _("roadmaps")

    def __str__(self) -> str:
        return self.title if self.version == 1 else f"{self.title} (v{self.version})"

    def history(self) -> list["Plan"]:
        """The versions this one replaced, newest first (read in one query: versions stay on the plan's province)."""
        replaced = {p.replaced_by_id: p for p in Plan.objects.filter(province_id=self.province_id, replaced_by__isnull=False)
                    .prefetch_related("target_rows")}
        out, cur = [], self
        while (prev := replaced.get(cur.pk)) is not None:
            out.append(prev)
            cur = prev
        return out

    def targets(self) -> list[plan.Target]:
        from fractions import Fraction

        return [plan.Target(t.year, t.kind, Fraction(t.value), t.note) for t in self.target_rows.all()]


class PlanTarget(models.Model):
    class Kind(models.TextChoices):
        COUNT = plan.COUNT, _("Newly recognized wards")
        PERCENT = plan.PERCENT, _("Share of all wards (%)")

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="target_rows")
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    value = models.DecimalField(_("value"), max_digits=7, decimal_places=2)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        ordering = ["year"]
        constraints = [models.UniqueConstraint(fields=["plan", "year"], name="plan_target_once_a_year")]


class Milestone(models.Model):
    plan = models.ForeignKey(Plan, models.CASCADE, related_name="milestones")
    year = models.PositiveSmallIntegerField(_("year"))
    label = models.CharField(_("label"), max_length=120)

    class Meta:
        ordering = ["year"]


class Candidate(models.Model):
    plan = models.ForeignKey(Plan, models.CASCADE, related_name="candidates")
    year = models.PositiveSmallIntegerField(_("year"))
    unit = models.ForeignKey("units.Unit", models.PROTECT, related_name="+", verbose_name=_("ward"))

    class Meta:
        ordering = ["year"]


class PlanAdjustment(models.Model):
    """A proposal to change one year's target, with its reason; approved, it becomes a new version of the plan."""

    class State(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    plan = models.ForeignKey(Plan, models.PROTECT, related_name="adjustments", verbose_name=_("roadmap"))
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=10, choices=PlanTarget.Kind.choices)
    value = models.DecimalField(_("new target"), max_digits=7, decimal_places=2)
    reason = models.TextField(_("reason"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PROPOSED)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("proposed by"))
    proposed_at = models.DateTimeField(_("proposed at"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)
    result = models.OneToOneField(Plan, models.PROTECT, null=True, blank=True, related_name="made_by",
                                  verbose_name=_("resulting version"))

    class Meta:
        verbose_name = _("plan adjustment")
        verbose_name_plural = _("plan adjustments")
        ordering = ["-proposed_at"]

    def __str__(self) -> str:
        return f"{self.plan} — {self.year}: {self.value}"
