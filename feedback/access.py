"""Who sees and handles a citizen's feedback. Outside these, a case does not exist for the user (404).

- Personal contact data: the ward's own officers and chief, and those above the ward in the police line (program
  staff, reviewers, approvers, administrators). Supervisors, council members and bodies' reporters never see it.
- A body a case was forwarded to reads the case without the contact data and answers it.
- Handling (acknowledge, answer, forward, propose, close, spam): the ward's officers and chief while the ward holds
  it, the forwarded body's reporters while the body holds it, and program staff throughout. Reviewers and approvers
  read (403 on a write).
"""

from __future__ import annotations

from django.db.models import Q

from accounts.models import WARD_ROLES, Role
from accounts.scope import scope_for
from agencies.roles import body_ids

PERSONAL = frozenset({Role.WARD_OFFICER, Role.WARD_CHIEF, Role.PROGRAM_STAFF, Role.REVIEWER, Role.APPROVER, Role.ADMIN})
HANDLE_ALWAYS = frozenset({Role.PROGRAM_STAFF, Role.ADMIN})


def _roles(user, case) -> set:
    scope = scope_for(user)
    return {Role.ADMIN} if scope.everything else scope.roles_on(case.unit)


def sees_personal(user, case) -> bool:
    return bool(_roles(user, case) & PERSONAL)


def reads(user, case) -> bool:
    return sees_personal(user, case) or (case.body_id is not None and case.body_id in body_ids(user))


def handles(user, case) -> bool:
    roles = _roles(user, case)
    if roles & HANDLE_ALWAYS:
        return True
    if case.body_id is not None:
        return case.body_id in body_ids(user)
    return bool(roles & WARD_ROLES)


def visible(user):
    """Cases the user may open: those of wards where they may see personal data, and those held by their bodies."""
    from .models import Case

    scope = scope_for(user)
    if scope.everything:
        return Case.objects.all()
    q = Q(pk__in=[])
    for path, pairs in scope.paths.items():
        if {role for role, _level in pairs} & PERSONAL:
            q |= Q(unit__path__startswith=path)
    bodies = body_ids(user)
    if bodies:
        q |= Q(body_id__in=bodies)
    return Case.objects.filter(q)


def has_any(user) -> bool:
    """Whether the user may open any case at all (the list page is 404 otherwise)."""
    scope = scope_for(user)
    return scope.everything or bool(body_ids(user)) or any({r for r, _l in pairs} & PERSONAL for pairs in scope.paths.values())
