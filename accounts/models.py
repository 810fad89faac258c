"""Roles held on units: a role applies to the unit and its whole subtree."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    WARD_OFFICER = "ward_officer", _("Ward police officer")
    WARD_CHIEF = "ward_chief", _("Ward police chief")
    REVIEWER = "reviewer", _("Reviewer")
    COUNCIL_MEMBER = "council_member", _("Appraisal council member")
    APPROVER = "approver", _("Approver")
    PROGRAM_STAFF = "program_staff", _("Provincial program staff")
    SUPERVISOR = "supervisor", _("Supervisor")
    AGENCY_REPORTER = "agency_reporter", _("Reporter of a coordinating body")
    MINISTRY = "ministry", _("Ministry (national view)")
    ADMIN = "admin", _("Administrator")


# The ward's own people: they answer for their ward (its figures, its meetings, findings about it).
WARD_ROLES = frozenset({Role.WARD_CHIEF, Role.WARD_OFFICER})
# Roles that may enter or correct a ward's yearly figures and evidence.
DATA_ENTRY_ROLES = frozenset({Role.WARD_OFFICER, Role.WARD_CHIEF, Role.PROGRAM_STAFF, Role.ADMIN})


class RoleAssignment(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="roles", verbose_name=_("user"))
    # Empty only for the Ministry role, whose scope is the whole country (every map, read-only).
    unit = models.ForeignKey("units.Unit", models.PROTECT, null=True, blank=True, related_name="role_assignments",
                             verbose_name=_("unit"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="role_assignment_unique"),
            models.UniqueConstraint(fields=["user"], condition=models.Q(role="ministry"), name="role_ministry_once"),
            models.CheckConstraint(condition=models.Q(role="ministry", unit__isnull=True)
                                   | (~models.Q(role="ministry") & models.Q(unit__isnull=False)),
                                   name="role_unit_unless_ministry"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.unit or _('the whole country')}"
