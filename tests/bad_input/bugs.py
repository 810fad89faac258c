"""Bugs this suite found, kept as tests marked xfail(strict=True): each runs only the requests (or command runs)
that show it, and the endpoint's (command's) own test leaves those out, so it keeps guarding everything else. Once a
bug is fixed its test passes, strict xfail turns that into a failure, and its entry is removed from here.

``only_postgres``: the bug shows on PostgreSQL only (SQLite stores NUL bytes and over-long strings without
complaint); on SQLite the test runs unmarked and must pass.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.conf import settings

POSTGRES = "postgresql" in settings.DATABASES["default"]["ENGINE"]


@dataclass(frozen=True)
class Bug:
    slug: str
    reason: str
    endpoint: str | None = None  # a URL name of endpoints.TABLE
    command: str | None = None  # a command of command_cases.CASES
    labels: tuple = ()  # the requests / runs that show it
    only_postgres: bool = False

    def mark(self, test):
        return pytest.mark.xfail(condition=POSTGRES or not self.only_postgres, strict=True, reason=self.reason)(test)


def _nul(fields: str, form: str) -> tuple:
    return tuple(f"{form}: {f}={v}" for f in fields.split() for v in ("nul", "nul_only"))


NUL = ("a text field is saved without refusing NUL (kieumau/posted.text does not check control characters, unlike "
       "posted.plain / gate.text): PostgreSQL refuses the row, DataError → HTTP 500")

BUGS = [
    # --- HTTP 500 on both databases ---------------------------------------------------------------------------------
    # --- HTTP 500 on PostgreSQL -------------------------------------------------------------------------------------
    # --- values taken that the app refuses everywhere else ----------------------------------------------------------
    # --- management commands ----------------------------------------------------------------------------------------
]
