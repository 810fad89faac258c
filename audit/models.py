"""The append-only audit trail: every change of state writes one row here."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kieumau import clock


class AuditEvent(models.Model):
    at = models.DateTimeField(_("at"), default=clock.now, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, verbose_name=_("actor"))
    action = models.CharField(_("action"), max_length=60)
    object_type = models.CharField(_("object type"), max_length=60)
    object_id = models.CharField(_("object id"), max_length=40)
    unit = models.ForeignKey("units.Unit", models.PROTECT, null=True, blank=True, verbose_name=_("unit"))
    data = models.JSONField(_("details"), default=dict, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Audit events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit events are append-only")


def record(actor, action: str, obj, *, unit=None, data=None, comment: str = "") -> AuditEvent:
    """Write one audit row; call inside the transaction of the change it records.

    ``obj`` is a model instance, or a model class for a change to many rows at once
    (an import), recorded with object id "*".
    """
    is_class = isinstance(obj, type)
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id="*" if is_class else str(obj.pk),
        unit=unit,
        data=data or {},
        comment=comment,
    )
