"""Helpers for second-factor tests: enrol through the pages, as a person would, and compute codes from the shown key."""

from __future__ import annotations

import base64
import re

from django.urls import reverse
from django_otp.oath import totp

PASSWORD = "Mat-khau-dung-2026"


def shown_key(response) -> bytes:
    """The key the enrolment page shows (base32, grouped by four), as bytes."""
    match = re.search(r'id="totp-secret"[^>]*>([^<]+)<', response.content.decode())
    secret = match.group(1).replace(" ", "").strip()
    return base64.b32decode(secret + "=" * (-len(secret) % 8))


def code(key: bytes, steps_ahead: int = 0) -> str:
    """The authenticator's code now, or ``steps_ahead`` 30-second steps later (a step is accepted once)."""
    return str(totp(key, drift=steps_ahead)).zfill(6)


def wrong_code(key: bytes) -> str:
    near = {code(key, k) for k in range(-3, 4)}
    return next(c for c in ("000000", "111111", "222222", "333333", "444444", "555555", "666666", "777777") if c not in near)


def enrol(client):
    """Turn on two-step verification for the logged-in client; returns (key, the confirming response)."""
    key = shown_key(client.get(reverse("otp_setup")))
    return key, client.post(reverse("otp_setup"), {"code": code(key)})


def backup_codes(response) -> list[str]:
    return re.findall(r'<li class="backup-code">\s*<code>([a-z2-7]{8})</code>', response.content.decode())
