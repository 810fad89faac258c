"""Findings waiting for a user: for the visited ward or body, those awaiting its response; for the supervisor, those
answered and awaiting follow-up (the inbox lists both)."""

from __future__ import annotations

from django.db.models import Q

from accounts.models import RoleAssignment
from agencies.roles import body_ids
from agencies.succession import Graph

from .access import WARD_ROLES
from .models import Finding


def waiting_for(user) -> list[Finding]:
    if not user.is_authenticated:
        return []
    wards = list(RoleAssignment.objects.filter(user=user, role__in=WARD_ROLES).values_list("unit_id", flat=True))
    graph = Graph.load() if body_ids(user) else None
    bodies = set().union(*(graph.carried_by(b) for b in body_ids(user))) if graph else set()
    q = Q(state=Finding.State.ANSWERED, visit__created_by=user)
    q |= Q(state=Finding.State.OPEN) & (Q(visit__unit__in=wards) | Q(visit__body__in=bodies))
    return list(Finding.objects.filter(q).select_related("visit", "visit__unit", "visit__body").order_by("due", "pk")[:100])
