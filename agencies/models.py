"""The program's coordination layer: a province's program, the bodies it gives tasks to, and who reports for them.

Bodies change like units do (departments merged on 1/3/2025, provinces on 1/7/2025): a body has validity dates and
successors, and a task stays with the holder the plan names while it is carried by whoever holds it on a given day
(``succession.holder_on``). History keeps the old names.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from units.territory import display_name


class Program(models.Model):
    """A province's implementing document (Bình Dương's Đề án, Khánh Hòa's Nghị quyết) and its reporting calendar."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    province = models.ForeignKey("units.Unit", models.PROTECT, related_name="programs", verbose_name=_("province"))
    title = models.CharField(_("title"), max_length=400)
    source = models.CharField(_("source"), max_length=400)
    start_year = models.PositiveSmallIntegerField(_("from"))
    end_year = models.PositiveSmallIntegerField(_("to"))
    coordinator = models.CharField(_("coordinating body"), max_length=200)
    reports_to = models.CharField(_("reports go to"), max_length=300)
    calendar_assumed = models.BooleanField(
        _("calendar assumed"), default=False,
        help_text=_("The document sets no reporting dates; these are assumed until the province sets them."))
    calendar_basis = models.TextField(_("basis of the calendar"), blank=True)

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("programs")

    def __str__(self) -> str:
        return self.title


class Body(models.Model):
    class Kind(models.TextChoices):
        POLICE = "police", _("Police")
        DEPARTMENT = "department", _("Provincial department")
        PARTY = "party", _("Party body")
        FRONT = "front", _("Fatherland Front")
        MASS_ORG = "mass_org", _("Mass organisation")
        MEDIA = "media", _("Press, radio and television")
        JUDICIAL = "judicial", _("Procuracy and court")
        BANK = "bank", _("Social policy bank")
        PEOPLE_COMMITTEE = "people_committee", _("People's Committee")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=80, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    province = models.ForeignKey("units.Unit", models.PROTECT, related_name="bodies", verbose_name=_("province"))
    district = models.ForeignKey("units.Unit", models.PROTECT, null=True, blank=True, related_name="+",
                                 verbose_name=_("city or town"))
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until (exclusive)"), null=True, blank=True)
    basis = models.TextField(_("legal basis"), blank=True)
    head_email = models.EmailField(_("e-mail of the head"), blank=True,
                                   help_text=_("Overdue reports are escalated to this address."))

    class Meta:
        verbose_name = _("coordinating body")
        verbose_name_plural = _("coordinating bodies")
        ordering = ["name"]

    def __str__(self) -> str:
        return display_name(self)  # dated like units: "Sở Kế hoạch và Đầu tư (đến 28/02/2025)"


class Succession(models.Model):
    """``predecessor`` ended and (some of) its duties passed to ``successor``; tasks follow the default edge."""

    class Kind(models.TextChoices):
        MERGE = "merge", _("Merge")
        RENAME = "rename", _("Rename")
        TRANSFER = "transfer", _("Duties transferred")
        SPLIT = "split", _("Split")

    predecessor = models.ForeignKey(Body, models.CASCADE, related_name="successor_edges", verbose_name=_("predecessor"))
    successor = models.ForeignKey(Body, models.CASCADE, related_name="predecessor_edges", verbose_name=_("successor"))
    effective_date = models.DateField(_("effective date"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    is_default = models.BooleanField(_("tasks pass here"), default=True)
    duties = models.TextField(_("duties passed"), blank=True)
    basis = models.TextField(_("legal basis"), blank=True)

    class Meta:
        verbose_name = _("succession of a body")
        verbose_name_plural = _("successions of bodies")
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="succession_edge_unique"),
            models.UniqueConstraint(fields=["predecessor"], condition=Q(is_default=True), name="succession_one_default"),
        ]


class Task(models.Model):
    """A task the program gives to a body, worded as the document words it."""

    program = models.ForeignKey(Program, models.CASCADE, related_name="tasks", verbose_name=_("program"))
    item = models.CharField(_("item"), max_length=10)
    holder = models.ForeignKey(Body, models.PROTECT, related_name="tasks", verbose_name=_("holder named by the plan"))
    text = models.TextField(_("task"))
    figures = models.JSONField(_("figures to report"), default=list, blank=True,
                               help_text=_('A list of {"code", "label", "unit"}.'))

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        constraints = [models.UniqueConstraint(fields=["program", "item", "holder"], name="task_once_per_holder")]

    def __str__(self) -> str:
        return f"{self.item}. {self.holder.name}"


class BodyAssignment(models.Model):
    """A role held on a body (the reporter of a department): its scope is that body and the tasks it holds."""

    BODY_ROLES = [(Role.AGENCY_REPORTER.value, Role.AGENCY_REPORTER.label)]

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="body_roles", verbose_name=_("user"))
    body = models.ForeignKey(Body, models.PROTECT, related_name="assignments", verbose_name=_("body"))
    role = models.CharField(_("role"), max_length=20, choices=BODY_ROLES, default=Role.AGENCY_REPORTER)

    class Meta:
        verbose_name = _("role on a body")
        verbose_name_plural = _("roles on bodies")
        constraints = [models.UniqueConstraint(fields=["user", "body", "role"], name="body_assignment_unique")]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.body}"
