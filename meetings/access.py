"""Who reads and who writes a meeting: program staff (PV01) of the province running the program write every
meeting; a ward's chief and officers write their ward's quarterly meetings; others who see the program or the unit
read (supervisors among them); nobody else knows it exists (404)."""

from __future__ import annotations

from accounts.models import Role
from accounts.scope import scope_for
from kieumau import clock
from reporting.access import sees_program, staff_can_act
from units.territory import is_valid_on

from . import calendar as C

WARD_ROLES = {Role.WARD_CHIEF, Role.WARD_OFFICER}


def reads(user, program, unit) -> bool:
    scope = scope_for(user)
    return scope.everything or scope.sees(unit) or sees_program(user, program)


def writes(user, program, level: str, unit, *, staff: bool | None = None) -> bool:
    """``staff``: whether the user is the program's staff, when the caller already knows (lists ask once)."""
    if staff if staff is not None else staff_can_act(user, program):
        return True
    return (level == C.WARD and is_valid_on(unit, clock.today())
            and bool(scope_for(user).roles_on(unit) & WARD_ROLES))
