"""Rate limits on public writes: every POST counts, over the limit the answer is 429 with a Vietnamese page.

A client that went over a limit must also solve the captcha (gate.captcha) on its writes for a day afterwards: a
script that waits out the hour meets the captcha; a person who sends a few messages never does.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.shortcuts import render

from accounts.client_ip import client_ip
from kieumau import clock

from .models import Hit, Strike

STRIKE_FOR = dt.timedelta(hours=24)


@dataclass(frozen=True)
class Limit:
    action: str
    count: int  # at most this many in ``window``; the next one is refused
    window: dt.timedelta


def client_key(request) -> str:
    address = client_ip(request) or "unknown"
    return hmac.new(settings.SECRET_KEY.encode(), f"gate:{address}".encode(), hashlib.sha256).hexdigest()


@transaction.atomic
def count(request, limit: Limit) -> bool:
    """Record this attempt; whether it is within the limit (False: refuse it, and remember the client went over)."""
    key, now = client_key(request), clock.now()
    Hit.objects.create(action=limit.action, client=key, at=now)
    n = Hit.objects.filter(action=limit.action, client=key, at__gt=now - limit.window).count()
    if n <= limit.count:
        return True
    Strike.objects.update_or_create(action=limit.action, client=key, defaults={"until": now + STRIKE_FOR})
    return False


def struck(request, action: str) -> bool:
    """Whether this client went over the limit of ``action`` recently (its writes need the captcha)."""
    return Strike.objects.filter(action=action, client=client_key(request), until__gt=clock.now()).exists()


def too_many(request, limit: Limit):
    minutes = int(limit.window.total_seconds() // 60)
    window = f"{minutes // 60} giờ" if minutes % 60 == 0 else f"{minutes} phút"
    return render(request, "gate/429.html", {"limit": limit.count, "window": window}, status=429)


def forget_old(now=None) -> int:
    """Delete counts older than two days and ended strikes (the daily schedule)."""
    now = now or clock.now()
    hits, _ = Hit.objects.filter(at__lt=now - dt.timedelta(days=2)).delete()
    strikes, _ = Strike.objects.filter(until__lt=now).delete()
    return hits + strikes
