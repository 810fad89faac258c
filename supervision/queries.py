"""Findings waiting for a user: for the visited ward or body, those awaiting its response; for the supervisor, those
answered and awaiting follow-up (the inbox lists both)."""

from __future__ import annotations

from django.db.models import Q

from accounts.scope import ward_roles
from agencies.roles import carried_bodies

from .models import Finding


def waiting_for(user) -> list[Finding]:
    if not user.is_authenticated:
        return []
    wards = [ra.unit_id for ra in ward_roles(user)]
    bodies = carried_bodies(user)
    q = Q(state=Finding.State.ANSWERED, visit__created_by=user)
    q |= Q(state=Finding.State.OPEN) & (Q(visit__unit__in=wards) | Q(visit__body__in=bodies))
    return list(Finding.objects.filter(q).select_related("visit", "visit__unit", "visit__body").order_by("due", "pk")[:100])
