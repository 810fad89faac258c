"""Who is told when an assessment moves: in the app, and by e-mail when the user has an address."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.urls import reverse

from accounts.models import WARD_ROLES, RoleAssignment
from assessments import workflow
from units.history import covering_ids

from .models import Notification


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


def send(users, text: str, url: str, *, extra_emails=(), actor=None) -> int:
    """Tell ``users`` in the app (and by e-mail when they have an address), and write to ``extra_emails`` (a body's
    head, who may have no account). E-mail leaves only once the transaction commits: never announce a rolled-back
    change."""
    users = [u for u in users if u != actor and u.is_active]
    Notification.objects.bulk_create(Notification(user=u, text=text[:300], url=url) for u in users)
    addresses = {u.email for u in users if u.email} | {e for e in extra_emails if e}
    mails = [(f"[KiểuMẫu] {text[:120]}", f"{text}\n\n{url}", settings.DEFAULT_FROM_EMAIL, [a]) for a in sorted(addresses)]
    if mails:
        transaction.on_commit(lambda: send_mass_mail(mails, fail_silently=True))
    return len(users) + len(set(extra_emails) - {u.email for u in users})
