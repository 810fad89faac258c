"""Who may raise, read and handle a difficulty (404 outside scope, 403 for a read-only role inside it).

- A body's reporter raises for their body and reads its difficulties and those forwarded to it (and may answer those).
- A ward's officers and chief raise for their ward and read its difficulties.
- Program staff (PV01) of the province running the program now answer, forward and propose adjustments; others who
  see the program's province (supervisors, staff of a province it ran on before) read.
"""

from __future__ import annotations

from accounts.scope import scope_for
from agencies.roles import body_ids
from reporting.access import sees_program, staff_can_act


def reads(user, d) -> bool:
    bodies = body_ids(user)
    if d.body_id in bodies or (d.forwarded_to_id and d.forwarded_to_id in bodies):
        return True
    if d.unit_id and scope_for(user).sees(d.unit):
        return True
    return sees_program(user, d.program)


def handles(user, d) -> bool:
    return staff_can_act(user, d.program)


def answers(user, d) -> bool:
    """Staff, or the reporter of the body it was forwarded to (the competent body answers)."""
    return handles(user, d) or (d.state == d.State.FORWARDED and d.forwarded_to_id in body_ids(user))
