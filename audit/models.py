"""The append-only audit trail: every change of state writes one row here."""

from __future__ import annotations

import json

from django.conf import settings
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from kieumau import clock

from . import chain


class AuditEvent(models.Model):
    at = models.DateTimeField(_("at"), default=clock.now, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, verbose_name=_("actor"))
    action = models.CharField(_("action"), max_length=60)
    object_type = models.CharField(_("object type"), max_length=60)
    object_id = models.CharField(_("object id"), max_length=40)
    unit = models.ForeignKey("units.Unit", models.PROTECT, null=True, blank=True, verbose_name=_("unit"))
    data = models.JSONField(_("details"), default=dict, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    # The hash chain (audit/chain.py): this event's content and the previous event's digest.
    prev_digest = models.CharField(max_length=64, blank=True, default="", editable=False)
    digest = models.CharField(max_length=64, blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"]),
                   # a unit's newest event in one index step (kieumau.fragments.unit_versions)
                   models.Index(fields=["unit", "id"], name="audit_unit_newest"),
                   # the same without figures saved (kieumau.fragments.unit_versions: the scorecard's other parts)
                   models.Index(fields=["unit", "id"], name="audit_unit_newest_not_figures",
                                condition=~models.Q(action="assessment.figures_saved"))]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Audit events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit events are append-only")


class DataVersion(models.Model):
    """The newest audit event on each province's land: ``root`` is the province's id (the first step of its units'
    paths), 0 for events that name no unit (a framework, an import, a reorganization: they may touch any land).

    Why: the heavy pages keep their rendered fragments until their data change (kieumau/fragments.py). Keyed by the
    newest event of the whole country, every save anywhere threw away every province's pages; keyed by the events of
    the page's own land, a ward's save in Khánh Hòa leaves Hồ Chí Minh's matrix in the cache. Written by ``append``
    under the chain head's lock, so it moves in the same transaction as the events."""

    root = models.BigIntegerField(primary_key=True)
    last_id = models.BigIntegerField()
    at = models.DateTimeField()


def _root_of(path: str) -> int:
    return int(path.lstrip("/").split("/", 1)[0])


MOVES = 0  # how many times this process moved the data versions (kieumau.fragments reads the map's once a request)


def _move_versions(events: list[AuditEvent], last_id: int) -> None:
    global MOVES
    MOVES += 1
    from units.models import Unit  # a foundation beside audit; imported here to keep the module's import light

    field = AuditEvent._meta.get_field("unit")
    paths = {e.unit_id: e.unit.path for e in events if e.unit_id and field.is_cached(e)}
    missing = {e.unit_id for e in events if e.unit_id} - set(paths)
    paths.update(Unit.objects.filter(pk__in=missing).values_list("pk", "path"))
    roots = {_root_of(paths[e.unit_id]) if e.unit_id else 0 for e in events}
    at = events[-1].at
    DataVersion.objects.bulk_create([DataVersion(root=r, last_id=last_id, at=at) for r in roots], update_conflicts=True,
                                    unique_fields=["root"], update_fields=["last_id", "at"])


class ChainHead(models.Model):
    """The newest event of the chain (one row). Appending locks it, so two transactions never link to the same
    event; and it catches the deletion of the newest events, which no later link would."""

    last_id = models.BigIntegerField(default=0)
    digest = models.CharField(max_length=64, default=chain.GENESIS)
    count = models.BigIntegerField(default=0)


def append(events: list[AuditEvent]) -> list[AuditEvent]:
    """Chain and insert ``events`` (unsaved, in order) after the newest event, in the caller's transaction."""
    if not events:
        return events
    with transaction.atomic(savepoint=False):  # no savepoint: the caller's transaction is the unit of work
        head = ChainHead.objects.select_for_update().filter(pk=1).first() or ChainHead.objects.create(pk=1)
        previous = head.digest
        for event in events:
            event.prev_digest = previous
            event.digest = previous = chain.digest(_as_stored(event), previous)
        if len(events) == 1:
            events[0].save()
        else:
            AuditEvent.objects.bulk_create(events, batch_size=1000)
        last = events[-1].pk or AuditEvent.objects.order_by("-id").values_list("id", flat=True).first()
        ChainHead.objects.filter(pk=1).update(last_id=last, digest=previous, count=models.F("count") + len(events))
        _move_versions(events, last)
    return events


def _as_stored(event: AuditEvent) -> dict:
    """The event's content as the database will give it back: the JSON through a round trip, the time as kept."""
    content = chain.content_of(event)
    content["data"] = json.loads(json.dumps(content["data"]))
    return content


def record(actor, action: str, obj, *, unit=None, data=None, comment: str = "") -> AuditEvent:
    """Write one audit row; call inside the transaction of the change it records.

    ``obj`` is a model instance, or a model class for a change to many rows at once
    (an import), recorded with object id "*".
    """
    is_class = isinstance(obj, type)
    event = AuditEvent(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id="*" if is_class else str(obj.pk),
        unit=unit,
        data=data or {},
        comment=comment,
    )
    return append([event])[0]
