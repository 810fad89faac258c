"""The audit trail's hash chain: each event's digest covers its content and the previous event's digest.

Editing any field of a past event, deleting one, or reordering them breaks the chain at that event, and
``manage.py audit_verify`` names it. The content is serialised in one canonical form, independent of the database
that returns it (SQLite's JSON text or PostgreSQL's jsonb, which reorders keys and may spell numbers differently),
so a backup restored into the other database still verifies:

- JSON with sorted keys, no spaces, UTF-8;
- the time in UTC as ``YYYY-MM-DDTHH:MM:SS.ffffffZ`` (both databases keep microseconds);
- numbers: a whole number as the integer whatever its spelling (``1``, ``1.0``, ``1e20``: jsonb and SQLite may
  return the same number spelled otherwise), any other through ``repr`` of its float value;
- the event's own id is not hashed: the chain itself fixes the order, and ids are the database's business.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from decimal import Decimal

GENESIS = "0" * 64  # the "previous digest" of the first event
FIELDS = ("at", "actor_id", "action", "object_type", "object_id", "unit_id", "data", "comment")


def _number(value):
    if isinstance(value, int):
        return value
    f = float(value)
    return int(f) if f.is_integer() else repr(f)


def canonical_data(value):
    """``value`` (anything JSON can hold, as written or as read back) in its one canonical shape."""
    if isinstance(value, dict):
        return {str(k): canonical_data(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [canonical_data(v) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float, Decimal)):
        return {"n": _number(value)}  # tagged, so the number 1.5 and the text "1.5" stay different
    return str(value)


def timestamp(at: dt.datetime) -> str:
    return at.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical(content: dict) -> bytes:
    """The bytes hashed for one event: ``content`` maps FIELDS to the event's values."""
    shaped = {
        "at": timestamp(content["at"]),
        "actor_id": content["actor_id"],
        "action": content["action"],
        "object_type": content["object_type"],
        "object_id": str(content["object_id"]),
        "unit_id": content["unit_id"],
        "data": canonical_data(content["data"]),
        "comment": content["comment"] or "",
    }
    return json.dumps(shaped, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def digest(content: dict, previous: str) -> str:
    return hashlib.sha256(previous.encode() + b"\n" + canonical(content)).hexdigest()


def content_of(event) -> dict:
    return {name: getattr(event, name) for name in FIELDS}
