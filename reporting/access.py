"""Who may read, write or return a periodic report (404 outside scope, 403 for a read-only role inside it).

- A reporter (role held on a body) writes the reports of the tasks their body holds on the period's deadline, and
  reads the history of the tasks that passed to their body; nothing else of the program exists for them.
- Program staff (PV01) of the province that runs the program today return reports; staff of a province it ran on
  before, supervisors and others whose unit scope covers the program's province read.
"""

from __future__ import annotations

from dataclasses import dataclass

from accounts.scope import scope_for
from agencies.roles import body_ids
from kieumau import clock

from . import board as boards


reporter_bodies = body_ids


def staff_can_act(user, program) -> bool:
    """Program staff of the province running ``program`` today (remembered on the user for the request: a page asks
    for each of its rows, and the difficulty, meeting and supervision pages ask more than once)."""
    if user.is_superuser:
        return True
    known = user.__dict__.setdefault("_kieumau_staff_of", {})
    if program.pk not in known:
        known[program.pk] = boards.program_staff(program, clock.today()).filter(pk=user.pk).exists()
    return known[program.pk]


def sees_program(user, program) -> bool:
    scope = scope_for(user)
    return scope.everything or scope.sees(program.province) or scope.sees(boards.current_province(program, clock.today()))


@dataclass(frozen=True)
class Access:
    read: bool
    write: bool      # the reporter of the body holding the tasks
    review: bool     # program staff who may return it


def for_report(user, program, row, graph, deadline=None) -> Access:
    """``deadline``: the period's; the reporter of a body that has ended reads its tasks' reports only up to its end
    (what its successor wrote afterwards is not its history)."""
    bodies = reporter_bodies(user)
    writes = row.writer.pk in bodies
    reads_history = any(row.holder.pk in graph.carried_by(b) and _existed_by(graph.bodies.get(b), deadline) for b in bodies)
    staff_reads = sees_program(user, program)
    return Access(read=writes or reads_history or staff_reads, write=writes, review=staff_reads and staff_can_act(user, program))


def _existed_by(body, deadline) -> bool:
    return body is not None and (deadline is None or body.valid_until is None or deadline < body.valid_until)
