"""Who keeps and who reads the registers.

- A ward's registers: its own people (chief, officers) keep them; the province's program staff and administrators
  keep any ward of the province. Anyone else who sees the ward reads them; outside scope the ward does not exist (404).
- The province's funding lines and norm tables: program staff (held on the province) and administrators.
- A unit that no longer exists (ended in the 2025 reorganization) is read-only for everyone.
"""

from __future__ import annotations

from django.http import Http404

from accounts.models import Role
from accounts.scope import get_province_for_user, get_unit_for_user, scope_for, serves
from kieumau import clock
from units.models import Level
from units.territory import is_valid_on

def keeps_province(user, unit) -> bool:
    """Program staff holding their role on the province (not on a district), or an administrator, of ``unit``."""
    if not is_valid_on(unit, clock.today()):
        return False
    scope = scope_for(user)
    return scope.everything or any(role == Role.ADMIN or (role == Role.PROGRAM_STAFF and level == Level.PROVINCE)
                                   for role, level in scope.held_on(unit))


def ward_for_user(user, pk: int):
    """(ward, may write) for a ward's registers; 404 outside scope or when the unit is not a commune-level unit."""
    unit, _enters = get_unit_for_user(user, pk)
    if unit.level != Level.COMMUNE:
        raise Http404
    return unit, serves(user, unit) or keeps_province(user, unit)  # each false once the ward has ended


def province_for_user(user, pk: int):
    """(province, may write its funding lines)."""
    province = get_province_for_user(user, pk)
    return province, keeps_province(user, province)
