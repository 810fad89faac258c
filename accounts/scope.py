"""Access control in one place: which units a user sees, and whether they may write.

Outside a user's scope an object does not exist for them (404), so nothing
about it is disclosed; inside it, a read-only role gets 403 on writes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.http import Http404

from kieumau import clock
from units.models import Level, Unit

from .models import DATA_ENTRY_ROLES, WARD_ROLES, Role, RoleAssignment

# Not a role anyone is given: read access to the land a role's unit became after it ended (scope_for).
VIEW_ONLY = "view_only"
# The "level" a Ministry role is held on: above every province.
NATIONAL = "national"


@dataclass(frozen=True)
class Scope:
    paths: dict  # unit path -> set of (role, level of the unit the role is held on) that apply there
    everything: bool = False
    direct: frozenset = frozenset()  # paths of the units the roles are held on (not their history)

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

    @property
    def national(self) -> bool:
        """Whether the user reads the whole country (the Ministry role, or an administrator)."""
        return self.everything or "" in self.paths


def held_roles(user) -> list[RoleAssignment]:
    """The user's roles with their units, oldest first, read once a request and kept on the user object as the scope
    is (the to-do page read them five times: the scope, the wards, the difficulties followed, the findings). The
    user object lives for one request (the session middleware loads it afresh), so a role given or taken shows on
    the next request."""
    cached = getattr(user, "_kieumau_roles", None)
    if cached is None:
        cached = (list(RoleAssignment.objects.filter(user=user).select_related("unit").order_by("pk"))
                  if user.is_authenticated else [])
        user._kieumau_roles = cached
    return cached


def ward_roles(user) -> list[RoleAssignment]:
    """``held_roles`` on a ward (chief, officer): the wards whose difficulties, findings and figures are the user's."""
    return [ra for ra in held_roles(user) if ra.role in WARD_ROLES]


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
        held: dict[int, set] = {}
        ended: list[int] = []
        today = clock.today()
        for ra in held_roles(user):
            unit_id, role = ra.unit_id, ra.role
            path, level, until = (ra.unit.path, ra.unit.level, ra.unit.valid_until) if ra.unit else (None, None, None)
            if role == Role.MINISTRY:  # the whole country: every unit's path starts with ""; the role writes nothing
                paths.setdefault("", set()).add((role, NATIONAL))
                continue
            paths.setdefault(path, set()).add((role, level))
            held.setdefault(unit_id, set()).add((role, level))
            if until is not None and until <= today:
                ended.append(unit_id)
        direct = frozenset(paths)
        history, followed = _map_paths(held, ended)
        # A role on a unit also covers the units it was formed from: the new province's staff keep the old
        # provinces' history, a merged ward's chief sees the records of the wards that went into it.
        for path, pairs in history:
            paths.setdefault(path, set()).update(pairs)
        # A role on a unit that has ended lets its holder follow their old land into the new map, read-only: the
        # wards it became (Bình Dương's staff see the wards of Thành phố Hồ Chí Minh formed from Bình Dương's), not
        # the rest of the province it joined. Acting there needs a role given there.
        for path in followed:
            paths.setdefault(path, set()).add((VIEW_ONLY, Level.COMMUNE))
        scope = Scope(paths, direct=direct)
    user._kieumau_scope = scope
    return scope


def _map_paths(held: dict[int, set], ended: list[int]) -> tuple[tuple, frozenset]:
    """``_history_paths(held)`` and ``_successor_paths(ended)``: what the map adds to the roles, read on every request
    (three queries over the lineage) and changed only by a reorganization. Kept until the map changes, under the
    roles and ended units themselves, so a role given or taken is seen at once."""
    from kieumau.fragments import until_the_map_changes

    if not held and not ended:
        return (), frozenset()  # no unit of their own (a Ministry role): nothing to walk, no version to read
    text = repr((sorted((unit, sorted(pairs)) for unit, pairs in held.items()), sorted(ended)))
    name = "scope-map:" + hashlib.blake2b(text.encode(), digest_size=12).hexdigest()
    return until_the_map_changes(name, lambda: _frozen_walk(_history_paths(held), _successor_paths(ended)), frozen=True)


def _frozen_walk(history: dict[str, set], followed: set[str]) -> tuple[tuple, frozenset]:
    """The walk as values no reader can change ((path, pairs) tuples, frozensets): this process keeps it in memory
    for every request after the first."""
    return tuple((path, frozenset(pairs)) for path, pairs in sorted(history.items())), frozenset(followed)


def _successor_paths(ended: list[int]) -> set[str]:
    """Paths of the commune-level units that the communes of ``ended`` units became."""
    if not ended:
        return set()
    from units.history import successor_ids

    own: set[int] = set()
    for unit in Unit.objects.filter(pk__in=ended):
        own |= set(Unit.objects.within(unit).filter(level=Level.COMMUNE).values_list("pk", flat=True))
    after = successor_ids(own)
    return set(Unit.objects.filter(pk__in=after, level=Level.COMMUNE).values_list("path", flat=True))


def _history_paths(held: dict[int, set]) -> dict[str, set]:
    """Paths of every (transitive) predecessor of the units in ``held``, with the roles held on their successors."""
    from units.history import predecessors_by_unit

    reached: dict[int, set] = {}
    for unit_id, preds in predecessors_by_unit(held).items():
        for pred in preds:
            reached.setdefault(pred, set()).update(held[unit_id])
    if not reached:
        return {}
    out: dict[str, set] = {}
    for pk, path in Unit.objects.filter(pk__in=reached).values_list("pk", "path"):
        out.setdefault(path, set()).update(reached[pk])
    return out


def people_on(unit, roles=WARD_ROLES) -> list:
    """Active users holding one of ``roles`` on the unit itself (by default its own people: chief and officers)."""
    return [ra.user for ra in RoleAssignment.objects.filter(unit=unit, role__in=roles, user__is_active=True).select_related("user")]


def serves(user, unit) -> bool:
    """Whether ``user`` is one of the ward's own people (its chief or an officer) and the ward still exists."""
    from units.territory import is_valid_on

    return is_valid_on(unit, clock.today()) and bool(scope_for(user).roles_on(unit) & WARD_ROLES)


PROGRAM_ROLES = frozenset({Role.PROGRAM_STAFF, Role.ADMIN})


def runs_program(user, unit) -> bool:
    """Whether ``user`` runs the program over ``unit`` (its program staff or an administrator) and the unit still
    exists: who builds surveys, chooses the criteria version, records reward decisions."""
    from units.territory import is_valid_on

    scope = scope_for(user)
    return is_valid_on(unit, clock.today()) and (scope.everything or bool(scope.roles_on(unit) & PROGRAM_ROLES))


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


def get_province_for_user(user, pk: int) -> Unit:
    """A province page's unit: 404 outside scope, and 404 when the id is not a province."""
    unit, _can_write = get_unit_for_user(user, pk)
    if unit.level != Level.PROVINCE:
        raise Http404
    return unit


def visible_provinces(user):
    scope = scope_for(user)
    provinces = Unit.objects.filter(level=Level.PROVINCE).order_by("name")
    if scope.everything:
        return list(provinces)
    # a role on a ward shows that ward's province too, restricted to what they may see
    return [p for p in provinces if any(path.startswith(p.path) or p.path.startswith(path) for path in scope.paths)]
