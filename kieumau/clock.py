"""The time the application acts at: now, except while a past sequence of events is replayed.

Replaying history (the demo's 2023–2025 story, or records brought over from paper) must date each audit row,
decision and check when it happened, and judge what was allowed then — a ward dissolved in 2025 could still be
recognized in 2023. Code that stamps or judges time reads ``now()``/``today()`` here instead of django.utils.timezone.
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from contextvars import ContextVar

from django.utils import timezone

_replaying: ContextVar[dt.datetime | None] = ContextVar("kieumau_clock", default=None)
_fixed: list[dt.datetime] = []  # process-wide, for tests: every thread (a live test server too) reads it


def now() -> dt.datetime:
    return _replaying.get() or (_fixed[-1] if _fixed else timezone.now())


def today() -> dt.date:
    return timezone.localdate(now())


@contextmanager
def replaying_at(moment: dt.datetime):
    """Act as if it were ``moment`` (an aware datetime) inside the block."""
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    token = _replaying.set(moment)
    try:
        yield
    finally:
        _replaying.reset(token)


@contextmanager
def fixed_at(moment: dt.datetime):
    """Tests: the whole process acts at ``moment`` (replays inside still take precedence)."""
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    _fixed.append(moment)
    try:
        yield
    finally:
        _fixed.pop()
