"""Who builds and reads surveys: the province's program staff build them (on a province that exists today); anyone
who sees the province reads the results (answers are anonymous)."""

from __future__ import annotations

from accounts.models import Role
from accounts.scope import scope_for
from kieumau import clock
from units.territory import is_valid_on


def builds(user, province) -> bool:
    scope = scope_for(user)
    if not is_valid_on(province, clock.today()):
        return False
    return scope.everything or bool(scope.roles_on(province) & {Role.PROGRAM_STAFF, Role.ADMIN})
