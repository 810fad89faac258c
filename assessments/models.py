"""A ward's yearly assessment: its figures, the stored evaluation, its evidence.

Figures are kept as one JSON object per assessment (code → value) rather than
one row per indicator: pages and the national evaluation read a unit-year in
one row, and the framework version pins which codes are meaningful. See
docs/decisions.md.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")


class Assessment(models.Model):
    unit = models.ForeignKey("units.Unit", models.PROTECT, related_name="assessments", verbose_name=_("unit"))
    year = models.PositiveSmallIntegerField(_("year"))
    framework = models.ForeignKey("frameworks.Framework", models.PROTECT, verbose_name=_("criteria framework"))
    values = models.JSONField(_("figures"), default=dict, blank=True)
    previous_values = models.JSONField(
        _("previous-year figures entered"), default=dict, blank=True,
        help_text=_("Used only where last year's assessment has no figure."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    meets_standard = models.BooleanField(_("meets the standard"), null=True)
    evaluated_at = models.DateTimeField(_("evaluated at"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    revision = models.PositiveIntegerField(default=0, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="assessment_unit_year_unique")]
        indexes = [models.Index(fields=["year", "unit"])]

    def __str__(self) -> str:
        return f"{self.unit} — {self.year}"


class CriterionResult(models.Model):
    class Outcome(models.TextChoices):
        PASS = "pass", _("Met")
        FAIL = "fail", _("Not met")
        MISSING = "missing", _("Missing data")
        NOT_APPLICABLE = "not_applicable", _("Not applicable")

    assessment = models.ForeignKey(Assessment, models.CASCADE, related_name="results")
    criterion = models.ForeignKey("frameworks.Criterion", models.PROTECT, related_name="+")
    status = models.CharField(max_length=16, choices=Outcome.choices)
    conditions = models.JSONField(default=list)  # status of each condition, in framework order

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assessment", "criterion"], name="result_assessment_criterion_unique")]


def evidence_path(instance: "Evidence", filename: str) -> str:
    # The stored name is ours (random); the user's name is kept in original_name.
    import uuid

    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"evidence/{instance.assessment.year}/{instance.assessment.unit_id}/{uuid.uuid4().hex}.{suffix}"


class Evidence(models.Model):
    assessment = models.ForeignKey(Assessment, models.PROTECT, related_name="evidence")
    criterion = models.ForeignKey("frameworks.Criterion", models.PROTECT, related_name="+", verbose_name=_("criterion"))
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size"))
    content_type = models.CharField(max_length=100)
    note = models.CharField(_("note"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["criterion__position", "uploaded_at"]
