"""Sending one hostile request and judging its answer (tests/bad_input/corpus.py says what is checked).

Each request runs in a savepoint rolled back afterwards, so every request meets the same data (a value taken earlier
cannot make a later one refused for another reason), and problems are collected, not raised at the first: a run
lists every endpoint and value that fails.
"""

from __future__ import annotations

import itertools
import os
import traceback

from django.core.cache import cache
from django.db import transaction
from django.test import Client

from . import corpus
from .endpoints import UNVERIFIED
from .fixture import login

TRACE = os.environ.get("BAD_INPUT_TRACE") == "1"  # print every request's verdict (run pytest with -s)
HERE = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # the repository
_ADDRESSES = (f"10.{a}.{b}.{c}" for a, b, c in itertools.product(range(1, 250), range(250), range(1, 250)))


def where(exc: BaseException) -> str:
    """The innermost frame of the project's own code (not of a library) in the exception's traceback."""
    every = [f for f in traceback.extract_tb(exc.__traceback__) if "/tests/bad_input/" not in f.filename]
    ours = [f for f in every if f.filename.startswith(HERE) and "/.venv/" not in f.filename]
    frames = ours or [f for f in every if not any(part in f.filename for part in (
        "/django/test/", "/django/core/handlers/", "/django/db/", "/psycopg/", "/sqlite3/"))]
    if not frames:
        return "?"
    f = frames[-1]
    name = os.path.relpath(f.filename, HERE) if ours else f.filename.split("site-packages/")[-1]
    return f"{name}:{f.lineno} in {f.name}"


def short(value, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + f"…({len(str(value))} chars)"


class Prober:
    """Mixin for a TestCase with ``users`` (username → User)."""

    def client_for(self, user: str | None) -> Client:
        client = Client(REMOTE_ADDR=next(_ADDRESSES))  # public pages count posts per address (gate.throttle)
        if user:
            name, unverified = (user[: -len(UNVERIFIED)], True) if user.endswith(UNVERIFIED) else (user, False)
            if unverified:
                client.force_login(self.users[name])
            else:
                login(client, self.users[name])
        return client

    def probe(self, problems: list, label: str, user: str | None, url: str, *, data=None, method: str = "post",
              body: bytes | str | None = None, content_type: str | None = None, sent=(), must_refuse: bool = False,
              watch=None, expect_taken: bool = False, prepare=None, read_only: bool = False, on_taken=None, **extra):
        """Send one request and add what is wrong with its answer to ``problems``; returns the verdict (None after an
        uncaught exception)."""
        verdict = None
        with transaction.atomic():
            client = self.client_for(user)
            if prepare is not None:
                prepare(client, self)
            before = corpus.counts()
            rows = [list(qs.values()) for qs in (watch or [])]
            try:
                if body is not None:
                    response = client.generic(method.upper(), url, body, content_type=content_type or "application/octet-stream",
                                              **extra)
                elif content_type is not None:
                    response = getattr(client, method)(url, data, content_type=content_type, **extra)
                else:
                    response = getattr(client, method)(url, data or {}, **extra)
            except Exception as exc:  # noqa: BLE001 - any uncaught exception is what we look for
                problems.append(f"{label}: uncaught {type(exc).__name__}: {str(exc)[:160]} (at {where(exc)})")
                transaction.set_rollback(True)
                return None
            verdict = corpus.judge(response)
            if response.status_code >= 500:
                problems.append(f"{label}: HTTP {response.status_code}")
            elif verdict.refused:
                diff = corpus.changed(before, corpus.counts())
                if diff:
                    problems.append(f"{label}: refused ({verdict.why}) but rows were written: {diff}")
                if rows != [list(qs.values()) for qs in (watch or [])]:
                    problems.append(f"{label}: refused ({verdict.why}) but the watched rows changed")
                foreign = [m for m in verdict.messages if not corpus.vietnamese(m, sent)]
                if foreign:
                    problems.append(f"{label}: refused ({verdict.why}) with a message that is not Vietnamese: "
                                    f"{short(foreign[0].strip(), 200)}")
                if expect_taken:
                    problems.append(f"{label}: the valid form was refused ({verdict.why}): "
                                    f"{short(' | '.join(m.strip()[:200] for m in verdict.messages), 400)}")
            else:
                if must_refuse and not read_only:
                    problems.append(f"{label}: taken (HTTP {response.status_code}) though no such value may be")
                if on_taken is not None:
                    problems.extend(f"{label}: taken, but {p}" for p in on_taken())
            if read_only and response.status_code < 500 and not verdict.refused:
                diff = corpus.changed(before, corpus.counts())
                if diff:
                    problems.append(f"{label}: a page that writes nothing wrote rows: {diff}")
            transaction.set_rollback(True)
        if TRACE:
            print(f"  {label} → {verdict.status} {verdict.why or 'taken'} {[m.strip()[:100] for m in verdict.messages][:2]}")
        if not verdict.refused:
            cache.clear()  # pages cached on the data version (kieumau.fragments) must not outlive the rolled-back rows
        return verdict
