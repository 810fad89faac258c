"""The register's rules as plain functions: deadlines, lateness and the yearly counts (fast unit and property tests).

- A case is due ``category.working_days`` working days after the day it was received (workdays.vncalendar.Calendar.add).
- Forwarding keeps the deadline (the clock runs from receipt, wherever the case goes).
- An unsatisfied citizen reopens an answered case once; it gets the same number of working days again from the
  reopening. ``late`` records that some answer came after its deadline, and stays set.
- Counting a year: cases received in it, at the ward that holds them last, spam left out. ``resolved`` = answered or
  closed; ``resolved_on_time`` = resolved and never late; ``overdue`` = resolved late, or open past its deadline.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

RECEIVED, ASSIGNED, ANSWERED, CLOSED, SPAM = "received", "assigned", "answered", "closed", "spam"
OPEN = frozenset({RECEIVED, ASSIGNED})
RESOLVED = frozenset({ANSWERED, CLOSED})


def answered_late(deadline_day: dt.date, answered_on: dt.date) -> bool:
    return answered_on > deadline_day


def is_overdue(status: str, late: bool, deadline_day: dt.date, today: dt.date) -> bool:
    if status in RESOLVED:
        return late
    if status in OPEN:
        return late or today > deadline_day
    return False


@dataclass(frozen=True)
class Row:
    status: str
    late: bool
    deadline: dt.date
    received: dt.date
    resolved: dt.date | None = None  # the day of the (last) answer
    proposed: dt.date | None = None  # the day a solution was proposed to the competent authority ("đề xuất giải quyết")


@dataclass(frozen=True)
class Counts:
    received: int
    resolved: int
    resolved_on_time: int
    overdue: int
    open: int
    due: int  # received and either resolved or past the deadline: what TC16's ratio is taken over so far
    average_days: float | None  # calendar days from receipt to answer, over resolved cases

    def as_dict(self) -> dict:
        return {"received": self.received, "resolved": self.resolved, "resolved_on_time": self.resolved_on_time,
                "overdue": self.overdue, "open": self.open}


def count(rows, today: dt.date) -> Counts:
    rows = [r for r in rows if r.status != SPAM]
    resolved = [r for r in rows if r.status in RESOLVED]
    opened = [r for r in rows if r.status in OPEN]
    overdue = sum(is_overdue(r.status, r.late, r.deadline, today) for r in rows)
    on_time = sum(not r.late for r in resolved)
    due = len(resolved) + sum(today > r.deadline or r.late for r in opened)
    spans = [(r.resolved - r.received).days for r in resolved if r.resolved is not None]
    average = round(sum(spans) / len(spans), 1) if spans else None
    return Counts(len(rows), len(resolved), on_time, overdue, len(opened), due, average)


def handled_in_time(r: Row) -> bool:
    """Version 2's TC16: resolved in time, or a solution proposed to the competent authority by the deadline."""
    return (r.status in RESOLVED and not r.late) or (r.proposed is not None and r.proposed <= r.deadline)


def count_v2(rows, today: dt.date) -> tuple[int, int]:
    """(due, handled in time) for version 2's TC16: due = handled in time, resolved, or past the deadline."""
    rows = [r for r in rows if r.status != SPAM]
    handled = [r for r in rows if handled_in_time(r)]
    due = len(handled) + sum(not handled_in_time(r) and (r.status in RESOLVED or r.late or today > r.deadline) for r in rows)
    return due, len(handled)
