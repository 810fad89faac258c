"""Read models: the difficulties a user follows (the inbox shows the open ones), and those of a province."""

from __future__ import annotations

from django.db.models import Q

from accounts.models import Role
from accounts.scope import held_roles, ward_roles
from agencies.roles import body_ids
from kieumau import clock
from reporting.board import current_province, programs_for

from .models import Difficulty


def staff_programs(user) -> list:
    """Programs whose reports this user handles today as program staff (PV01)."""
    today = clock.today()
    out = []
    for ra in held_roles(user):
        if ra.role == Role.PROGRAM_STAFF:
            out += [p for p in programs_for(ra.unit) if current_province(p, today).pk == ra.unit_id]
    return out


def followed(user):
    """Difficulties the user raised, those of their bodies and wards, those forwarded to them, and — for program
    staff — every difficulty of the programs they handle."""
    if not user.is_authenticated:
        return Difficulty.objects.none()
    bodies = body_ids(user)
    q = Q(raised_by=user) | Q(body__in=bodies) | Q(forwarded_to__in=bodies)
    q |= Q(unit__in=[ra.unit_id for ra in ward_roles(user)])
    programs = staff_programs(user)
    if programs:
        q |= Q(program__in=programs)
    return Difficulty.objects.filter(q).select_related("program", "body", "unit", "forwarded_to").distinct()


def open_for(user) -> list[Difficulty]:
    return list(followed(user).filter(state__in=Difficulty.OPEN_STATES).order_by("raised_at")[:100])
