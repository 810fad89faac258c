"""A ward's yearly assessment: its figures, the stored evaluation, its evidence.

Figures are kept as one JSON object per assessment (code → value) rather than
one row per indicator: pages and the national evaluation read a unit-year in
one row, and the framework version pins which codes are meaningful. See
docs/decisions.md.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kieumau import clock


from . import workflow

STATUS_CHOICES = list(workflow.STATUS_LABELS.items())


class AssessmentQuerySet(models.QuerySet):
    def with_framework(self, *related: str):
        """Assessments with their framework row (and ``related``), without the framework's definition: a page needs
        the compiled framework, which frameworks.registry keeps per process by (id, digest)."""
        return self.select_related("framework", *related).defer("framework__definition")


class Assessment(models.Model):
    unit = models.ForeignKey("units.Unit", models.PROTECT, related_name="assessments", verbose_name=_("unit"))
    year = models.PositiveSmallIntegerField(_("year"))
    framework = models.ForeignKey("frameworks.Framework", models.PROTECT, verbose_name=_("criteria framework"))
    values = models.JSONField(_("figures"), default=dict, blank=True)
    previous_values = models.JSONField(
        _("previous-year figures entered"), default=dict, blank=True,
        help_text=_("Used only where last year's assessment has no figure."),
    )
    # Figures computed by registers (frameworks.providers): what each said when last applied, and the figures typed
    # over them with a reason (assessments.derived).
    derived = models.JSONField(_("figures from registers"), default=dict, blank=True)
    overrides = models.JSONField(_("figures typed over the registers'"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=STATUS_CHOICES, default=workflow.DRAFT, db_index=True)
    recommendation = models.TextField(_("council recommendation"), blank=True)
    meets_standard = models.BooleanField(_("meets the standard"), null=True)
    evaluated_at = models.DateTimeField(_("evaluated at"), null=True, blank=True)  # when the stored results last changed
    # A short key of the stored results (assessments/results_store.py): a recompute rewrites only what changed.
    results_key = models.CharField(max_length=24, blank=True, default="", editable=False)
    is_demo = models.BooleanField(_("demo data"), default=False)
    revision = models.PositiveIntegerField(default=0, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")

    objects = AssessmentQuerySet.as_manager()

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

    # No index of their own: the unique (assessment, criterion) index serves every lookup by assessment, and
    # nothing looks results up by criterion alone. Each index less is a write less per row of a national
    # recompute (220,000 rows).
    assessment = models.ForeignKey(Assessment, models.CASCADE, related_name="results", db_index=False)
    criterion = models.ForeignKey("frameworks.Criterion", models.PROTECT, related_name="+", db_index=False)
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
    document = models.CharField(_("document"), max_length=255, blank=True)  # which listed document it is, if any
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded at"), default=clock.now)

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["criterion__position", "uploaded_at"]


class WorkflowSettings(models.Model):
    """Per-province settings of the review workflow."""

    province = models.OneToOneField("units.Unit", models.CASCADE, related_name="workflow_settings", verbose_name=_("province"))
    district_review_until = models.DateField(
        _("city/town review level until"), null=True, blank=True,
        help_text=_("Submissions before this date are checked by the city/town police first (district police ended on 1/3/2025)."),
    )
    # When a council's votes carry an appraisal (workflow.CouncilRule): strictly more than these shares.
    council_quorum_percent = models.PositiveSmallIntegerField(
        _("council quorum (%)"), default=50, validators=[MaxValueValidator(99)],
        help_text=_("More than this share of the council's members must vote (the product's default: 50)."))
    council_majority_percent = models.PositiveSmallIntegerField(
        _("approving majority (%)"), default=50, validators=[MaxValueValidator(99)],
        help_text=_("More than this share of the votes cast must approve (the product's default: 50)."))
    # The yearly self-assessment is due on this day of the year it describes (e.g. 15/12); empty: no deadline set.
    submission_due_day = models.PositiveSmallIntegerField(_("submission due: day"), null=True, blank=True,
                                                          validators=[MinValueValidator(1), MaxValueValidator(31)])
    submission_due_month = models.PositiveSmallIntegerField(_("submission due: month"), null=True, blank=True,
                                                            validators=[MinValueValidator(1), MaxValueValidator(12)])

    class Meta:
        verbose_name = _("workflow settings")
        verbose_name_plural = _("workflow settings")

    def clean(self):
        if (self.submission_due_day is None) != (self.submission_due_month is None):
            raise ValidationError(_("Give both the day and the month of the submission deadline, or neither."))
        if self.submission_due_day and self.deadline(2024) is None:  # a leap year: 29/02 is allowed
            raise ValidationError(_("%(day)s/%(month)s is not a date.") % {"day": self.submission_due_day, "month": self.submission_due_month})

    def deadline(self, year: int) -> dt.date | None:
        """The submission deadline of the assessment of ``year`` (29/02 falls back to 28/02 in other years)."""
        if not (self.submission_due_day and self.submission_due_month):
            return None
        for day in (self.submission_due_day, self.submission_due_day - 1):
            try:
                return dt.date(year, self.submission_due_month, day)
            except ValueError:
                continue
        return None

    def council_rule(self) -> workflow.CouncilRule:
        return workflow.CouncilRule(self.council_quorum_percent, self.council_majority_percent)


class AppraisalVote(models.Model):
    class Vote(models.TextChoices):
        APPROVE = "approve", _("Recommend recognition")
        REJECT = "reject", _("Do not recommend")
        ABSTAIN = "abstain", _("Abstain")

    assessment = models.ForeignKey(Assessment, models.CASCADE, related_name="votes")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("council member"))
    vote = models.CharField(_("vote"), max_length=10, choices=Vote.choices)
    comment = models.TextField(_("comment"), blank=True)
    at = models.DateTimeField(default=clock.now)  # set on every change by record_vote

    class Meta:
        verbose_name = _("appraisal vote")
        verbose_name_plural = _("appraisal votes")
        constraints = [models.UniqueConstraint(fields=["assessment", "member"], name="vote_one_per_member")]


def decision_path(instance: "Recognition", filename: str) -> str:
    import uuid

    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"decisions/{instance.year}/{uuid.uuid4().hex}.{suffix}"


class RecognitionQuerySet(models.QuerySet):
    def with_revoked(self, until: int | None = None):
        """Annotate ``revoked``: a later yearly check revoked it (by the end of ``until``, when given)."""
        checks = RecognitionReview.objects.filter(recognition=models.OuterRef("pk"), outcome=RecognitionReview.Outcome.REVOKED)
        if until is not None:
            checks = checks.filter(year__lte=until)
        return self.annotate(revoked=models.Exists(checks))

    def standing(self, until: int | None = None):
        """Recognitions not revoked (by the end of ``until``, when given)."""
        return self.with_revoked(until).filter(revoked=False)


class Recognition(models.Model):
    """A recognition decision of a ward for a year; it stays on the ward's record whatever follows.

    An assessment reopened for correction and recognized again gets a second decision beside the first.
    """

    assessment = models.ForeignKey(Assessment, models.PROTECT, related_name="recognitions")
    unit = models.ForeignKey("units.Unit", models.PROTECT, related_name="recognitions", verbose_name=_("unit"))
    year = models.PositiveSmallIntegerField(_("year"))
    decision_number = models.CharField(_("decision number"), max_length=60)
    decision_date = models.DateField(_("decision date"))
    signer = models.CharField(_("signer"), max_length=120)
    decision_file = models.FileField(_("scanned decision"), upload_to=decision_path, max_length=200)
    recommendation = models.TextField(_("council recommendation"), blank=True)
    recognized_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    recognized_at = models.DateTimeField(default=clock.now)

    objects = RecognitionQuerySet.as_manager()

    class Meta:
        verbose_name = _("recognition")
        verbose_name_plural = _("recognitions")
        ordering = ["-decision_date", "unit__name"]

    def __str__(self) -> str:
        return f"{self.unit} — {self.decision_number}"


class RecognitionReview(models.Model):
    """Each later year a recognized ward is checked again: maintained, warned, or revoked."""

    class Outcome(models.TextChoices):
        MAINTAINED = "maintained", _("Maintained")
        WARNED = "warned", _("Warned")
        REVOKED = "revoked", _("Revoked")

    recognition = models.ForeignKey(Recognition, models.PROTECT, related_name="reviews")
    year = models.PositiveSmallIntegerField(_("year"))
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices)
    reason = models.TextField(_("reason"), blank=True)
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = _("yearly check of a recognition")
        verbose_name_plural = _("yearly checks of recognitions")
        ordering = ["year"]
        constraints = [models.UniqueConstraint(fields=["recognition", "year"], name="recognition_review_once_a_year")]


class EvidenceReason(models.Model):
    """Why a listed document cannot be provided (frameworks with ``evidence_required``); the reviewer accepts it or not."""

    class State(models.TextChoices):
        PENDING = "pending", _("Awaiting review")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Not accepted")

    assessment = models.ForeignKey(Assessment, models.CASCADE, related_name="evidence_reasons")
    criterion = models.ForeignKey("frameworks.Criterion", models.PROTECT, related_name="+", verbose_name=_("criterion"))
    document = models.CharField(_("document"), max_length=255)
    reason = models.TextField(_("reason"))
    given_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    given_at = models.DateTimeField(_("given at"), default=clock.now)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_note = models.CharField(_("reviewer's note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("reason for missing evidence")
        verbose_name_plural = _("reasons for missing evidence")
        constraints = [models.UniqueConstraint(fields=["assessment", "criterion", "document"], name="evidence_reason_unique")]
