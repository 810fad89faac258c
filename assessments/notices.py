"""Who is told when an assessment moves: the people who can act on its new status, and the ward when it comes back.

Lives here, not in the inbox helper, so the helper stays below the domain (assessments → inbox, never back)."""

from __future__ import annotations

from django.urls import reverse

from accounts.models import WARD_ROLES, RoleAssignment
from inbox.notify import send
from units.history import covering_ids

from . import workflow


def recipients(assessment, status: str, *, district_level: bool) -> set:
    """Users who can act on ``status`` now, plus the ward's own people when it comes back to them."""
    wanted = workflow.waiting_for(status, district_level=district_level)
    users = set()
    rows = RoleAssignment.objects.filter(unit_id__in=covering_ids(assessment.unit)).select_related("user", "unit")
    for ra in rows:
        caps = workflow.capabilities({(ra.role, ra.unit.level)})
        if caps & wanted or (status in (workflow.RETURNED, workflow.RECOGNIZED) and ra.role in WARD_ROLES):
            if ra.user.is_active:
                users.add(ra.user)
    return users


def notify(assessment, status: str, actor, *, district_level: bool, comment: str = "") -> int:
    label = workflow.STATUS_LABELS[status]
    text = f"{assessment.unit.name} — {assessment.year}: {label}"
    if comment:
        text += f" («{comment[:120]}»)"
    url = reverse("scorecard", args=[assessment.unit_id, assessment.year])
    return send(recipients(assessment, status, district_level=district_level), text, url, actor=actor)
