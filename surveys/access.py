"""Who builds and reads surveys: the province's program staff build them (on a province that exists today); anyone
who sees the province reads the results (answers are anonymous)."""

from __future__ import annotations

from accounts.scope import runs_program


def builds(user, province) -> bool:
    return runs_program(user, province)
