"""Rendered fragments of the heavy read pages, kept until the data change.

A province's matrix (200 wards × 22 criteria) costs a few hundred milliseconds to gather and render, and changes only
when something is saved. Every change of state writes an audit row (the house rule), so the newest audit event's id
is a data version that every app process reads from the database: a fragment cached under it is never shown after a
change, whichever process (or machine) made it, and the cache itself may be per process (a laptop) or shared (Redis
in production, settings.CACHES) without changing correctness.

A province's pages take the version of their own land (audit.models.DataVersion): the newest event on any province
linked to it by the units' lineage (Khánh Hòa with Ninh Thuận, whose wards it took over in 2025), plus the newest
event that names no unit (a framework, a reorganization). So a save in one province does not empty another's pages.

A ward's own page (its scorecard) takes finer versions (``unit_versions``): the newest event naming the ward, a unit
above it or a unit linked to it by lineage, or no unit. Twenty officers saving in one province then leave the other
wards' scorecards in the cache.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
import threading
import time
from pathlib import Path

import django
from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import connection

from audit import models as audit_models
from audit.models import AuditEvent, DataVersion
from kieumau import clock
from units.models import Lineage

BUILD_SECONDS = 30  # a builder that died leaves its mark this long at most
WAIT_SECONDS = 3  # how long a request waits for another's build before building itself
TIMEOUT = 6 * 3600  # an unused fragment leaves the cache; a stale one is never read (the version moved on)


@functools.cache
def release() -> str:
    """The code that made a fragment: a digest of the project's Python modules, templates and translations, read once
    per process. In every key, so that after a deployment no process reads from the shared cache a fragment of another
    shape (a dictionary without a key the new view asks for) or one rendered by older templates; old keys expire."""
    base = Path(settings.BASE_DIR).resolve()
    packages = [d for d in base.iterdir() if (d / "__init__.py").is_file()]  # the apps, the engine, the project
    folders = packages + [Path(d) for d in _template_dirs()] + [Path(d) for d in settings.LOCALE_PATHS]
    digest = hashlib.blake2b(digest_size=8)
    digest.update(django.get_version().encode())  # kept model instances are pickled by Django's own classes
    for folder in sorted(set(folders)):
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".py", ".html", ".mo") and path.is_file():
                where = path.relative_to(base) if path.is_relative_to(base) else path  # the same code at any place
                digest.update(str(where).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _template_dirs() -> list:
    return [d for t in settings.TEMPLATES for d in t.get("DIRS", [])]


def csrf_mark() -> str:
    """What a kept fragment holds in place of the reader's CSRF token (pass it as ``csrf_token`` when rendering; the
    view puts the reader's own token back with ``with_csrf``). Derived from the secret key, so no one can type it into
    a field and have it replaced."""
    return "csrf" + hmac.new(settings.SECRET_KEY.encode(), b"kieumau.fragments.csrf", "sha256").hexdigest()[:32]


def with_csrf(html: str, request) -> str:
    from django.middleware.csrf import get_token

    mark = csrf_mark()
    return html.replace(mark, get_token(request)) if mark in html else html


def data_version() -> str:
    """The newest audit event's id and time: the time tells a database restored or rebuilt under a shared cache
    (ids start again) from the one the fragments were made from."""
    newest = AuditEvent.objects.order_by("-id").values_list("id", "at").first()
    return f"{newest[0]}@{newest[1].timestamp()}" if newest else "0"


def land_version(roots) -> str:
    """The data version of the lands rooted at ``roots`` (province ids) and of the events naming no unit: each land's
    newest event and its digest, which chains the whole history, so a database restored or rebuilt under a shared
    cache (its ids start again) never meets a fragment of the old one. Read on every request (the map's, root 0),
    so written as SQL: the ORM's compiling cost three times the query."""
    wanted = sorted({0, *roots})
    version, event = DataVersion._meta.db_table, AuditEvent._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT v.root, v.last_id, e.digest FROM {version} v LEFT JOIN {event} e ON e.id = v.last_id"  # noqa: S608 (tables' names)
                       f" WHERE v.root IN ({', '.join(['%s'] * len(wanted))}) ORDER BY v.root", wanted)
        rows = cursor.fetchall()
    return ",".join(f"{root}:{last}@{(digest or '')[:16]}" for root, last, digest in rows) or "0"


# A ward's figures saved: the event a busy ward has most of, and one that changes only what its figures show. The
# parts of the scorecard that show no figure (its history, its registers' panels) are kept under the version of the
# other events (``unit_versions``), read from a partial index without those rows (audit.models.AuditEvent.Meta).
FIGURES_SAVED = "assessment.figures_saved"


def unit_versions(unit) -> tuple[str, str]:
    """The data versions of one unit's own page: the newest audit event naming ``unit``, a unit above it (district,
    province: a norm, a version chosen), a unit of its lineage (``lineage_ids``: a recognition earned on its land,
    revoked, carried), or no unit (results recomputed, a framework, a reorganization); and the same without the
    events of figures saved (``FIGURES_SAVED``). Each is its event's digest, not its id alone: the digest chains the
    whole history, so a database rebuilt under a shared cache never meets a fragment of the old one. One query, each
    unit's newest event read from the (unit, id) indexes."""
    event, version = AuditEvent._meta.db_table, DataVersion._meta.db_table
    ids = sorted({unit.pk, *unit.ancestor_ids, *lineage_ids(unit)})
    units = " UNION ALL ".join(["SELECT %s AS id"] * len(ids))

    def newest(where: str) -> str:
        return (f"SELECT MAX(v) AS v FROM (SELECT (SELECT e.id FROM {event} e WHERE e.unit_id = u.id{where}"
                f" ORDER BY e.id DESC LIMIT 1) AS v FROM ({units}) u UNION ALL SELECT last_id AS v FROM {version}"
                f" WHERE root = 0) n")

    # the action as a literal, written as in the partial index's condition: both databases then use that index
    quiet = f" AND NOT (e.action = '{FIGURES_SAVED}')"
    sql = (f"SELECT a.v, (SELECT digest FROM {event} WHERE id = a.v), b.v, (SELECT digest FROM {event} WHERE id = b.v)"
           f" FROM ({newest('')}) a, ({newest(quiet)}) b")
    with connection.cursor() as cursor:
        cursor.execute(sql, ids + ids)
        every, every_digest, other, other_digest = cursor.fetchone()
    return _named(every, every_digest), _named(other, other_digest)


def _named(event_id, digest) -> str:
    """An event as a version: its id and digest ("0" for none, or for an id whose event is gone: a damaged restore)."""
    return f"{event_id}:{digest[:16]}" if digest else "0"


def lineage_ids(unit) -> frozenset[int]:
    """The units a unit's page may speak of through lineage: what it was formed from (transitively) and everything
    those became (its siblings of a split, itself, what it became); kept until the map changes."""
    from units.history import predecessor_ids, successor_ids

    def walk():
        before = predecessor_ids({unit.pk})
        return frozenset(before | successor_ids(before | {unit.pk}))

    return until_the_map_changes(f"lineage:{unit.pk}", walk, frozen=True)


def provinces_formed_from(province) -> list[int]:
    """The provinces ``province`` was formed from, transitively, the latest reorganization's first (whose programs and
    plan it runs on their land); kept until the map changes."""
    return [s.unit.pk for s in province_steps_before(province)]


def province_steps_before(province) -> list:
    """``provinces_formed_from`` as the lineage's steps (units.history.Step: the edge's date and kind), kept until the
    map changes; by language too, since each step holds its kind's label."""
    from django.utils.translation import get_language

    from units.history import predecessors_with_dates
    from units.models import Level

    return until_the_map_changes(f"provinces-before:{province.pk}:{get_language()}", lambda: [
        s for s in predecessors_with_dates(province) if s.unit.level == Level.PROVINCE])


def year_land(unit, year: int):
    """``units.territory.year_land``: the wards on ``unit``'s land in ``year``, kept until the map changes."""
    from units.territory import year_land as walk

    return until_the_map_changes(f"year-land:{unit.pk}:{year}", lambda: walk(unit, year))

# The map's version is asked several times a request (the scope, a ward's lineage, a province's family, its land):
# read once per request, and again after this process moved a version (audit.models.MOVES: a reorganization the
# request itself made). Only inside a request (request_started … request_finished): a command or a test reads afresh.
_request = threading.local()


def _request_started(**_kwargs) -> None:
    _request.active, _request.map = True, None


def _request_finished(**_kwargs) -> None:
    _request.active, _request.map = False, None


request_started.connect(_request_started, dispatch_uid="kieumau.fragments.request_started")
request_finished.connect(_request_finished, dispatch_uid="kieumau.fragments.request_finished")


def map_version() -> str:
    """The version of the events naming no unit (reorganizations among them): ``land_version(())``."""
    if not getattr(_request, "active", False):
        return land_version(())
    if _request.map is None or _request.map[0] != audit_models.MOVES:
        _request.map = (audit_models.MOVES, land_version(()))
    return _request.map[1]


def until_the_map_changes(name: str, compute, *, frozen: bool = False):
    """``compute()``'s value, kept under the version of the events naming no unit: lineage changes only in
    reorganizations, which name none (units/reorg.py, units/reform2025.py, units/facts.py), and so do the units'
    own rows (names, parents, dates: those, the importer's ``units.imported`` and any admin save, audit/admin.py),
    which the province above a ward and a year's land keep here too.

    ``frozen``: the value cannot be changed by those who read it (frozensets, a dictionary no one writes to), so this
    process also keeps it in memory under the same version, and every request after the first skips the shared
    cache's round trip and the unpickling (the scope's walk, asked on every request, cost 0.4 ms that way). A value
    that can be changed is only ever handed out as a fresh copy from the shared cache. Emptying the shared cache does
    not reach these copies: they follow the map's version only, which every audited change of units or lineage moves
    (a hand-made change in the database without its event needs the workers restarted, as it always needed the cache
    emptied)."""
    version = map_version()
    if frozen:
        held_version, held = _frozen
        if held_version == version and name in held:
            return held[name]
    key = f"kieumau:{release()}:{name}:" + version  # the release: a fixed walk is not served from before
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    if frozen:
        _keep_frozen(version, name, value)
    return value


FROZEN_MAX = 50_000  # names kept in memory per map version: a ward's lineage each (≈ 13,000 wards in both maps), a
# scope's walk per set of roles, the families; small frozensets, a few MB at most
_frozen: tuple[str | None, dict] = (None, {})


def _keep_frozen(version: str, name: str, value) -> None:
    global _frozen
    held_version, held = _frozen
    if held_version != version or len(held) >= FROZEN_MAX:  # a new map (or too many): start again
        held = {}
        _frozen = (version, held)
    held[name] = value


def forget_frozen() -> None:
    """Drop what this process keeps in memory (the tests: each rolls its rows back, so two can meet one version)."""
    global _frozen
    _frozen = (None, {})


def _families() -> dict[int, frozenset[int]]:
    """Province id → the provinces linked to it by any lineage edge of their units, transitively."""
    parent: dict[int, int] = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for before, after in Lineage.objects.values_list("predecessor__path", "successor__path").iterator(chunk_size=5000):
        a, b = find(_root(before)), find(_root(after))
        parent[a] = b
    groups: dict[int, set[int]] = {}
    for x in list(parent):
        groups.setdefault(find(x), set()).add(x)
    return {x: frozenset(group) for group in groups.values() for x in group}


def _root(path: str) -> int:
    return int(path.lstrip("/").split("/", 1)[0])


def family(province) -> frozenset[int]:
    """The provinces whose events can change ``province``'s pages (kept until the map changes)."""
    families = until_the_map_changes("families", _families, frozen=True)  # read only, never written to
    return families.get(province.root_id, frozenset({province.root_id}))


def scope_key(scope) -> str:
    """The same key for the same visible land: two officials of one province share the fragment."""
    if scope.everything:
        return "all"
    text = repr(sorted((path, sorted(pairs)) for path, pairs in scope.paths.items()))
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def cached(name: str, parts: tuple, build, roots=None, version: str | None = None):
    """``build()``'s value, kept under ``name`` + ``parts`` + today + the data version: ``version`` when given (e.g.
    ``unit_versions``), else that of the lands rooted at ``roots`` (province ids, see ``family``) when given, else of
    the whole country."""
    if version is None:
        version = data_version() if roots is None else land_version(roots)
    # With the map's version as this request first read it (map_version): a fragment built from the lineage this
    # request holds is never filed under a version read after another process changed the map.
    key = ":".join(["kieumau", release(), name, *map(str, parts), clock.today().isoformat(), version, map_version()])
    value = cache.get(key)
    if value is not None:
        return value
    # One builder per fragment: when a save moves a busy province's version, every worker asking for its matrix
    # would otherwise build the same fragment at once (on 2 cores, each then takes five times as long). The others
    # wait a little for the builder's result, the same version, so never a stale one; then build themselves.
    lock = key + ":building"
    if not cache.add(lock, 1, BUILD_SECONDS):
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(0.02)
            value = cache.get(key)
            if value is not None:
                return value
    try:
        value = build()
        cache.set(key, value, TIMEOUT)
    finally:
        cache.delete(lock)
    return value


def kept_each(name: str, inputs: list, compute) -> list:
    """``compute(inputs)`` for a list of inputs, each answer kept under a digest of its input (plain JSON data): for
    answers that depend on nothing else (``name`` names what else they depend on, e.g. a framework's digest). A save
    changes one ward's figures; the others' answers are read back in one round trip (a province's gap list)."""
    keys = [f"kieumau:{release()}:{name}:" + hashlib.blake2b(json.dumps(x, sort_keys=True, default=str).encode(),
                                                              digest_size=16).hexdigest() for x in inputs]
    found = cache.get_many(keys)
    missing = [i for i, key in enumerate(keys) if key not in found]
    if missing:
        made = dict(zip((keys[i] for i in missing), compute([inputs[i] for i in missing]), strict=True))
        cache.set_many(made, TIMEOUT)
        found.update(made)
    return [found[key] for key in keys]
