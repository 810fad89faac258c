"""Access control in one place: which units a user sees, and whether they may write.

Outside a user's scope an object does not exist for them (404), so nothing
about it is disclosed; inside it, a read-only role gets 403 on writes.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404

from units.models import Unit

from .models import DATA_ENTRY_ROLES, Role, RoleAssignment


@dataclass(frozen=True)
class Scope:
    paths: dict  # unit path -> set of (role, level of that unit) held there
    everything: bool = False

    def held_on(self, unit: Unit) -> set:
        """(role, level) pairs that apply to ``unit``: those held on it or on an ancestor."""
        if self.everything:
            return {(Role.ADMIN, "province")}
        held = set()
        for path, pairs in self.paths.items():
            if unit.path.startswith(path):
                held |= pairs
        return held

    def roles_on(self, unit: Unit) -> set:
        return {role for role, _level in self.held_on(unit)}

    def sees(self, unit: Unit) -> bool:
        return self.everything or any(unit.path.startswith(p) for p in self.paths)

    def can_enter_data(self, unit: Unit) -> bool:
        return self.everything or bool(self.roles_on(unit) & DATA_ENTRY_ROLES)


def scope_for(user) -> Scope:
    cached = getattr(user, "_kieumau_scope", None)
    if cached is not None:
        return cached
    if not user.is_authenticated:
        scope = Scope({})
    elif user.is_superuser:
        scope = Scope({}, everything=True)
    else:
        paths: dict[str, set] = {}
        for path, level, role in RoleAssignment.objects.filter(user=user).values_list("unit__path", "unit__level", "role"):
            paths.setdefault(path, set()).add((role, level))
        scope = Scope(paths)
    user._kieumau_scope = scope
    return scope


def get_unit_for_user(user, pk: int) -> tuple[Unit, bool]:
    """The unit if the user may see it, and whether they may enter its data; 404 otherwise."""
    try:
        unit = Unit.objects.get(pk=pk)
    except Unit.DoesNotExist:
        raise Http404 from None
    scope = scope_for(user)
    if not scope.sees(unit):
        raise Http404
    return unit, scope.can_enter_data(unit)


def visible_provinces(user):
    from units.models import Level

    scope = scope_for(user)
    provinces = Unit.objects.filter(level=Level.PROVINCE).order_by("name")
    if scope.everything:
        return list(provinces)
    # a role on a ward shows that ward's province too, restricted to what they may see
    return [p for p in provinces if any(path.startswith(p.path) or p.path.startswith(path) for path in scope.paths)]
