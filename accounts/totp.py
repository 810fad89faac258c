"""Time-based one-time passwords (RFC 6238, HMAC-SHA1, 30 s, 6 digits), as authenticator apps use.

Small enough to own rather than add a dependency; tested against the RFC's vectors.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import struct
import time
from urllib.parse import quote

STEP = 30
DIGITS = 6


def new_secret() -> str:
    return base64.b32encode(secrets.token_bytes(20)).decode("ascii")


def code_at(secret: str, for_time: float, digits: int = DIGITS) -> str:
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    counter = int(for_time // STEP)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(number % 10**digits).zfill(digits)


def matching_step(secret: str, code: str, *, now: float | None = None, window: int = 1) -> int | None:
    """The time step whose code is ``code`` (this one or an adjacent one, for clock drift), else None."""
    code = (code or "").strip().replace(" ", "")
    if not code.isdigit() or len(code) != DIGITS:
        return None
    now = time.time() if now is None else now
    for k in range(-window, window + 1):
        if hmac.compare_digest(code_at(secret, now + k * STEP), code):
            return int((now + k * STEP) // STEP)
    return None


def verify(secret: str, code: str, *, now: float | None = None, window: int = 1) -> bool:
    return matching_step(secret, code, now=now, window=window) is not None


def provisioning_uri(secret: str, username: str, issuer: str = "KieuMau") -> str:
    return f"otpauth://totp/{quote(issuer)}:{quote(username)}?secret={secret}&issuer={quote(issuer)}&digits={DIGITS}&period={STEP}"
