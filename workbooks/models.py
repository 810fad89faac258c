"""An uploaded workbook waiting for its owner's confirmation: the parsed changes, never the file itself."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kieumau import clock


class PendingImport(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        APPLIED = "applied", _("Imported")
        STALE = "stale", _("Out of date: upload again")
        FAILED = "failed", _("Not imported")
        CANCELLED = "cancelled", _("Cancelled")

    # Empty only for an import run from the command line without --user.
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, null=True, blank=True, related_name="+",
                              verbose_name=_("owner"))
    province = models.ForeignKey("units.Unit", models.PROTECT, related_name="+", verbose_name=_("province"))
    year = models.PositiveSmallIntegerField(_("year"))
    file_name = models.CharField(_("file name"), max_length=255)
    digest = models.CharField(_("SHA-256 of the file"), max_length=64)
    # [{"unit": id, "revision": n, "framework": id, "values": {code: raw}, "previous": {code: raw}}]: what
    # assessments.services.save_figures is called with on confirmation, at the revisions the preview was made at.
    plan = models.JSONField(default=list)
    # [{"ward", "sheet", "cell", "label", "before", "after"}]: the preview, as shown (old → new per cell).
    changes = models.JSONField(default=list)
    wards = models.PositiveIntegerField(_("wards changed"), default=0)
    cells = models.PositiveIntegerField(_("cells changed"), default=0)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PENDING)
    message = models.TextField(_("why it was not imported"), blank=True)
    created_at = models.DateTimeField(_("uploaded at"), default=clock.now)
    applied_at = models.DateTimeField(_("imported at"), null=True, blank=True)

    class Meta:
        verbose_name = _("workbook upload")
        verbose_name_plural = _("workbook uploads")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.year})"
