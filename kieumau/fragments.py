"""Rendered fragments of the heavy read pages, kept until the data change.

A province's matrix (200 wards × 22 criteria) costs a few hundred milliseconds to gather and render, and changes only
when something is saved. Every change of state writes an audit row (the house rule), so the newest audit event's id
is a data version that every app process reads from the database: a fragment cached under it is never shown after a
change, whichever process (or machine) made it, and the cache itself may be per process (a laptop) or shared (Redis
in production, settings.CACHES) without changing correctness.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache

from audit.models import AuditEvent
from kieumau import clock

TIMEOUT = 6 * 3600  # an unused fragment leaves the cache; a stale one is never read (the version moved on)


def data_version() -> str:
    """The newest audit event's id and time: the time tells a database restored or rebuilt under a shared cache
    (ids start again) from the one the fragments were made from."""
    newest = AuditEvent.objects.order_by("-id").values_list("id", "at").first()
    return f"{newest[0]}@{newest[1].timestamp()}" if newest else "0"


def scope_key(scope) -> str:
    """The same key for the same visible land: two officials of one province share the fragment."""
    if scope.everything:
        return "all"
    text = repr(sorted((path, sorted(pairs)) for path, pairs in scope.paths.items()))
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def cached(name: str, parts: tuple, build):
    """``build()``'s value, kept under ``name`` + ``parts`` + today + the data version."""
    key = ":".join(["kieumau", name, *map(str, parts), clock.today().isoformat(), data_version()])
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, TIMEOUT)
    return value
