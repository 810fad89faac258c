"""Citizens' feedback to the ward police (seed 003: "Công an lắng nghe ý kiến Nhân dân"; criterion TC16).

A case is held by a ward (``unit``: the last ward that held it, where it counts) and, once forwarded to a coordinating
body, by that body too (``body``). Contact data lives apart (``Contact``) so that erasing it leaves the case and its
statistics whole; audit rows refer to the case, never copy the contact.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kieumau import clock


class Category(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    counts_for_tc16 = models.BooleanField(
        _("counts toward TC16"), default=True,
        help_text=_("Feedback addressed to the police (TC16: ý kiến của Nhân dân đối với lực lượng Công an)."))
    working_days = models.PositiveSmallIntegerField(_("working days to answer"), default=10)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(_("offered on the form"), default=True)

    class Meta:
        verbose_name = _("feedback category")
        verbose_name_plural = _("feedback categories")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


def photo_path(instance: "Case", filename: str) -> str:
    return f"feedback/{clock.today():%Y}/{uuid.uuid4().hex}.jpg"  # always re-encoded as JPEG (feedback.photos)


class Case(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        ASSIGNED = "assigned", _("Being handled")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", _("Closed")
        SPAM = "spam", _("Not valid (spam)")

    OPEN = (Status.RECEIVED, Status.ASSIGNED)
    RESOLVED = (Status.ANSWERED, Status.CLOSED)

    code = models.CharField(_("tracking code"), max_length=12, unique=True)
    category = models.ForeignKey(Category, models.PROTECT, related_name="cases", verbose_name=_("category"))
    unit = models.ForeignKey("units.Unit", models.PROTECT, related_name="feedback_cases", verbose_name=_("ward"))
    body = models.ForeignKey("agencies.Body", models.PROTECT, null=True, blank=True, related_name="feedback_cases",
                             verbose_name=_("forwarded to body"))
    content = models.TextField(_("content"))
    photo = models.FileField(_("photo"), upload_to=photo_path, blank=True, max_length=200)
    received_at = models.DateTimeField(_("received at"), default=clock.now, db_index=True)
    deadline = models.DateField(_("deadline"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.RECEIVED, db_index=True)
    assigned_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+",
                                    verbose_name=_("handled by"))
    proposal = models.TextField(_("proposal to the competent authority"), blank=True)
    proposal_to = models.CharField(_("competent authority"), max_length=200, blank=True)
    proposed_at = models.DateTimeField(_("proposed at"), null=True, blank=True)
    answer = models.TextField(_("public answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+",
                                    verbose_name=_("answered by"))
    late = models.BooleanField(_("answered late"), default=False,
                               help_text=_("An answer was given after its deadline (stays set when the case reopens)."))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    satisfied = models.BooleanField(_("citizen satisfied"), null=True, blank=True)
    rating_comment = models.TextField(_("citizen's comment on the answer"), blank=True)
    rated_at = models.DateTimeField(_("rated at"), null=True, blank=True)
    reopened_at = models.DateTimeField(_("reopened at"), null=True, blank=True)
    first_answer = models.TextField(_("answer before reopening"), blank=True)
    spam_reason = models.CharField(_("why it is not valid"), max_length=300, blank=True)
    spam_at = models.DateTimeField(_("marked not valid at"), null=True, blank=True)
    consent_version = models.CharField(_("consent version"), max_length=40, blank=True)
    consent_text = models.TextField(_("consent text agreed"), blank=True)
    consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    consent_withdrawn_at = models.DateTimeField(_("consent withdrawn at"), null=True, blank=True)
    contact_erased_at = models.DateTimeField(_("contact data erased at"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("citizen feedback")
        verbose_name_plural = _("citizens' feedback")
        ordering = ["-received_at"]
        indexes = [models.Index(fields=["unit", "received_at"]), models.Index(fields=["status", "deadline"])]

    def __str__(self) -> str:
        return self.code

    @property
    def display_code(self) -> str:
        from .codes import display

        return display(self.code)

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def received_on(self):
        from django.utils import timezone

        return timezone.localtime(self.received_at).date()

    def overdue(self, today) -> bool:
        from .rules import is_overdue

        return is_overdue(self.status, self.late, self.deadline, today)


class Contact(models.Model):
    """What a citizen chose to leave to be answered; deleted on withdrawal or after the retention period."""

    case = models.OneToOneField(Case, models.CASCADE, related_name="contact")
    name = models.CharField(_("name"), max_length=120, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        verbose_name = _("contact data")
        verbose_name_plural = _("contact data")


class Hop(models.Model):
    """A forwarding: the case moved to another ward or to a body; its deadline did not move."""

    case = models.ForeignKey(Case, models.CASCADE, related_name="hops")
    from_unit = models.ForeignKey("units.Unit", models.PROTECT, related_name="+")
    from_body = models.ForeignKey("agencies.Body", models.PROTECT, null=True, blank=True, related_name="+")
    to_unit = models.ForeignKey("units.Unit", models.PROTECT, null=True, blank=True, related_name="+")
    to_body = models.ForeignKey("agencies.Body", models.PROTECT, null=True, blank=True, related_name="+")
    note = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["at", "pk"]

    @property
    def to(self):
        return self.to_body or self.to_unit


class Escalation(models.Model):
    """An overdue case told to the ward chief, then to the province: once per step and deadline."""

    class Step(models.TextChoices):
        CHIEF = "chief", _("Ward chief")
        PROVINCE = "province", _("Province")

    case = models.ForeignKey(Case, models.CASCADE, related_name="escalations")
    step = models.CharField(max_length=10, choices=Step.choices)
    deadline = models.DateField()
    at = models.DateTimeField(default=clock.now)
    recipients = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "step", "deadline"], name="escalation_once")]
