"""Telling people: in the app, and by e-mail when the user has an address.

This helper knows no domain: each app decides who is told (the assessments app: assessments/notices.py) and calls
``send``."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction

from .models import Notification


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
