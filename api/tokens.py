"""Making, checking and revoking personal access tokens (api.models.AccessToken)."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from django.db import transaction

from audit.models import record
from kieumau import clock

from .models import AccessToken

SCHEME = "km_"  # marks a KiểuMẫu token (secret scanners and people recognise it in a leaked file)
PREFIX_LENGTH = len(SCHEME) + 8
DEFAULT_DAYS = 90
MAX_DAYS = 365
MAX_TOKEN_LENGTH = 200  # a header longer than this is not ours: refused before hashing
# last_used_at is written at most this often per token, so a busy client does not write a row per request.
TOUCH_EVERY = dt.timedelta(minutes=1)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create(owner, name: str, days: int = DEFAULT_DAYS, *, actor=None, via: str = "profile") -> tuple[AccessToken, str]:
    """A new token for ``owner``; returns the row and the token, which exists nowhere else after this call."""
    if not 1 <= days <= MAX_DAYS:
        raise ValueError(days)
    token = SCHEME + secrets.token_urlsafe(32)
    now = clock.now()
    with transaction.atomic():
        row = AccessToken.objects.create(owner=owner, name=name, prefix=token[:PREFIX_LENGTH], digest=digest(token),
                                         created_at=now, expires_at=now + dt.timedelta(days=days))
        record(actor, "api.token_created", row, data={"owner": owner.username, "name": name, "prefix": row.prefix,
                                                      "expires_at": row.expires_at.isoformat(), "via": via})
    return row, token


def revoke(row: AccessToken, actor) -> bool:
    """Revoke ``row`` (once); whether it was active until now."""
    with transaction.atomic():
        row = AccessToken.objects.select_for_update().get(pk=row.pk)
        if row.revoked_at is not None:
            return False
        row.revoked_at = clock.now()
        row.save(update_fields=["revoked_at"])
        record(actor, "api.token_revoked", row, data={"owner": row.owner.username, "name": row.name, "prefix": row.prefix})
    return True


def authenticate(token: str):
    """The active owner of an active ``token``, or None (unknown, expired, revoked, or its owner deactivated)."""
    if not token or len(token) > MAX_TOKEN_LENGTH or not token.startswith(SCHEME):
        return None
    wanted = digest(token)
    row = AccessToken.objects.select_related("owner").filter(digest=wanted).first()
    # the lookup is by digest; compare again in constant time so no timing of the database's index leaks anything
    if row is None or not hmac.compare_digest(row.digest, wanted):
        return None
    now = clock.now()
    if not row.is_active(now) or not row.owner.is_active:
        return None
    if row.last_used_at is None or now - row.last_used_at >= TOUCH_EVERY:
        AccessToken.objects.filter(pk=row.pk).update(last_used_at=now)
    return row.owner
