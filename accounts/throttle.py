"""Login throttling against password guessing.

Failures are counted per username and per client address in the database (so
every app server sees them): after MAX_FAILURES within WINDOW, logins for that
name or address are refused until the window has passed. A success clears the
name's failures.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from django.utils import timezone

from .models import FailedLogin

MAX_FAILURES = 5
WINDOW = dt.timedelta(minutes=15)


def client_ip(request) -> str:
    # Behind the proxy REMOTE_ADDR is the proxy; X-Forwarded-For is set by it (see README).
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "") if request else ""
    return (forwarded.split(",")[0].strip() or (request.META.get("REMOTE_ADDR", "") if request else ""))[:45]


def is_locked(username: str, ip: str) -> bool:
    since = timezone.now() - WINDOW
    recent = FailedLogin.objects.filter(at__gte=since)
    return (
        recent.filter(username__iexact=username[:150]).count() >= MAX_FAILURES
        or (ip and recent.filter(ip=ip).count() >= MAX_FAILURES * 4)
    )


@receiver(user_login_failed)
def _record_failure(sender, credentials, request=None, **kwargs):
    FailedLogin.objects.create(username=(credentials.get("username") or "")[:150], ip=client_ip(request))


@receiver(user_logged_in)
def _clear_failures(sender, request, user, **kwargs):
    FailedLogin.objects.filter(username__iexact=user.get_username()).delete()
