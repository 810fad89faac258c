"""Documents generated for signing: each kept with the day it was made and the data it was made from."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kieumau import clock


def document_path(instance: "GeneratedDocument", filename: str) -> str:
    import uuid

    return f"documents/{instance.requested_at:%Y}/{uuid.uuid4().hex}.docx"


class GeneratedDocument(models.Model):
    class Kind(models.TextChoices):
        PROVINCE_REPORT = "province_report", _("Province report on the program")
        DECISION = "decision", _("Draft recognition decision")
        MINUTES = "minutes", _("Appraisal council minutes")
        SELF_ASSESSMENT = "self_assessment", _("Ward self-assessment report")

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Being made")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("document"), max_length=20, choices=Kind.choices)
    unit = models.ForeignKey("units.Unit", models.PROTECT, related_name="+", verbose_name=_("unit"))  # province, or the ward
    period = models.CharField(_("period"), max_length=20, blank=True)  # a reporting period code (province report)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    program = models.ForeignKey("agencies.Program", models.PROTECT, null=True, blank=True, related_name="+")
    form = models.CharField(_("format"), max_length=10, default="state")  # documents.nd30.STATE | PARTY_FORMAT
    signer = models.JSONField(_("signer"), default=dict, blank=True)       # title, name (and a second signer)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    done_steps = models.PositiveSmallIntegerField(default=0)
    total_steps = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(_("error"), blank=True)
    file = models.FileField(_("file"), upload_to=document_path, max_length=200, blank=True)
    size = models.PositiveIntegerField(_("size"), default=0)
    # The data version: the last audit event when the document was made (every change to the program's data leaves
    # one), and a digest of the file, so a signed copy can be matched to what the system held then.
    data_version = models.PositiveBigIntegerField(_("data version"), null=True, blank=True)
    digest = models.CharField(_("digest"), max_length=64, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("requested at"), default=clock.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("generated document")
        verbose_name_plural = _("generated documents")
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.unit} — {self.period or self.year}"

    @property
    def percent(self) -> int:
        return round(100 * self.done_steps / self.total_steps) if self.total_steps else 0
