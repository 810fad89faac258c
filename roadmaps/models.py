"""A province's roadmap: yearly targets as written, milestones and named candidate wards."""

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

    class Meta:
        verbose_name = _("roadmap")
        verbose_name_plural = _("roadmaps")

    def __str__(self) -> str:
        return self.title

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
