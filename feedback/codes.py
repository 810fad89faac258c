"""Tracking codes: nine characters read aloud without confusion (no 0/O, 1/I/L, U/V pairs), shown as ABC-DEF-GHK.

30⁹ ≈ 2·10¹³ codes, drawn by ``secrets``: with the lookups limited per client (gate), guessing one that exists is
hopeless, and a code says nothing about the case (not its ward, date or order).
"""

from __future__ import annotations

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 9
_CLEAN = re.compile(r"[\s\-–—.·_]")


def new() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def display(code: str) -> str:
    return "-".join(code[i:i + 3] for i in range(0, len(code), 3))


def normalize(typed: str) -> str | None:
    """The stored form of a typed code (case, spaces and dashes ignored); None when it cannot be one."""
    code = _CLEAN.sub("", (typed or "")[:40]).upper()
    if len(code) != LENGTH or any(ch not in ALPHABET for ch in code):
        return None
    return code
