"""Who reads and who writes a meeting: program staff (PV01) of the province running the program write every
meeting; a ward's chief and officers write their ward's quarterly meetings; others who see the program or the unit
read (supervisors among them); nobody else knows it exists (404)."""

from __future__ import annotations

from accounts.scope import scope_for, serves
from reporting.access import sees_program, staff_can_act

from . import calendar as C


def reads(user, program, unit) -> bool:
    scope = scope_for(user)
    return scope.everything or scope.sees(unit) or sees_program(user, program)


def writes(user, program, level: str, unit) -> bool:
    return staff_can_act(user, program) or (level == C.WARD and serves(user, unit))
