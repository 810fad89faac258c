"""Supervisors (HĐND, Mặt trận, đoàn thể, Tỉnh ủy: role ``supervisor`` held on a province) write only their own visits
and findings and read the rest of the program; the ward or body visited answers its findings (its officers or its
reporter, or program staff for them); others who see the program read; nobody else knows a visit exists (404)."""

from __future__ import annotations

from accounts.models import Role
from accounts.scope import scope_for, serves
from agencies.roles import body_ids, carried_bodies
from agencies.succession import Graph
from kieumau import clock
from reporting.access import sees_program, staff_can_act
from reporting.board import current_province
from units.territory import is_valid_on

def records_visits(user, program) -> bool:
    """A supervisor of the province running the program today (not of one that has ended)."""
    if user.is_superuser:
        return True
    province = current_province(program, clock.today())
    return is_valid_on(province, clock.today()) and Role.SUPERVISOR in scope_for(user).roles_on(province)


def owns(user, visit) -> bool:
    return user.is_superuser or (visit.created_by_id == user.pk and records_visits(user, visit.program))


def _body_now(body_id: int):
    return Graph.load().holder_on(body_id, clock.today())


def answers(user, visit) -> bool:
    if staff_can_act(user, visit.program):
        return True
    if visit.unit_id:
        return serves(user, visit.unit)
    now = _body_now(visit.body_id)
    return now is not None and now.pk in body_ids(user)


def reads(user, visit) -> bool:
    if visit.created_by_id == user.pk or sees_program(user, visit.program):
        return True
    if visit.unit_id:
        return scope_for(user).sees(visit.unit)
    return visit.body_id in carried_bodies(user)
