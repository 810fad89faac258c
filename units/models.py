"""Administrative units with history.

A unit is valid from ``valid_from`` (inclusive) until ``valid_until``
(exclusive; empty = still valid). Official codes are not unique over time —
the 2025 reform gave new wards the code of one of the wards they absorbed —
so a unit is identified by its primary key and located by (code, date).
``path`` is the chain of ancestor ids ("/12/40/977/"): a role on a unit covers
every unit whose path starts with that unit's path.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    PROVINCE = "province", _("Province")
    DISTRICT = "district", _("District")
    COMMUNE = "commune", _("Commune")


class UnitQuerySet(models.QuerySet):
    def valid_on(self, day: dt.date):
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gt=day)
        )

    def valid_during(self, year: int):
        """Units that existed at some point of ``year``."""
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=end)).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gt=start)
        )

    def within(self, unit: "Unit"):
        return self.filter(path__startswith=unit.path)

    def wards(self):
        """The units the program is about: urban wards (phường)."""
        return self.filter(level=Level.COMMUNE, kind="Phường")


class Unit(models.Model):
    code = models.CharField(_("official code"), max_length=10, db_index=True)
    name = models.CharField(_("name"), max_length=120)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=40, help_text=_("e.g. Tỉnh, Thành phố, Thị xã, Huyện, Phường, Xã"))
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey("self", models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("parent"))
    path = models.CharField(max_length=100, db_index=True, editable=False, default="")
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until (exclusive)"), null=True, blank=True)
    officer_count = models.PositiveIntegerField(_("police officers"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=60, blank=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["code", "level", "valid_from"], name="unit_code_level_from_unique"),
            models.UniqueConstraint(
                fields=["code", "level"], condition=Q(valid_from__isnull=True), name="unit_code_level_unique_open"
            ),
        ]

    def __str__(self) -> str:
        # dated once it has ended: the admin's lists and the audit trail tell the old and the new Khánh Hòa apart
        from .territory import display_name

        return display_name(self)

    @property
    def ancestor_ids(self) -> list[int]:
        """Ids from the root (the province) down to this unit, read from ``path``."""
        return [int(p) for p in self.path.strip("/").split("/") if p]

    @property
    def root_id(self) -> int:
        """The id of the province this unit belongs to (itself, for a province)."""
        return int(self.path.lstrip("/").split("/", 1)[0])

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        path = f"{self.parent.path if self.parent_id else '/'}{self.pk}/"
        if path != self.path:
            self.path = path
            Unit.objects.filter(pk=self.pk).update(path=path)


class Lineage(models.Model):
    """An edge of the units' history: ``predecessor`` became (part of) ``successor``."""

    class Kind(models.TextChoices):
        MERGE = "merge", _("Merge")
        SPLIT = "split", _("Split")
        RENAME = "rename", _("Rename")
        RECLASSIFY = "reclassify", _("Reclassify")
        # The same ward carried into the new structure unchanged (only its parent changed, e.g. districts ended).
        CONTINUE = "continue", _("Carried over")

    predecessor = models.ForeignKey(Unit, models.PROTECT, related_name="successor_edges", verbose_name=_("predecessor"))
    successor = models.ForeignKey(Unit, models.PROTECT, related_name="predecessor_edges", verbose_name=_("successor"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    effective_date = models.DateField(_("effective date"))
    is_default_successor = models.BooleanField(_("default successor"), default=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("lineage edge")
        verbose_name_plural = _("lineage edges")
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor", "effective_date"], name="lineage_edge_unique")
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor} ({self.get_kind_display()}, {self.effective_date:%d/%m/%Y})"
