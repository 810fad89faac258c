"""Where a body's report stands for a period: pure rules over dates (Asia/Ho_Chi_Minh calendar days).

- pending: not due yet and nothing submitted; draft: not due yet, a draft saved.
- on_time / late: submitted on or before / after the deadline day.
- missing: the deadline has passed and nothing was submitted (a draft is not a submission).
- returned: program staff sent it back with a comment; it counts as not submitted until it comes back.
- A returned report sent again keeps the first submission's standing when the first submission was on time and
  the resubmission came by the date the staff gave when returning it (``return_due``); otherwise it is late.
  Returning is about quality, not time: a body that met the deadline and answered the comments promptly is on time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

PENDING, DRAFT, ON_TIME, LATE, MISSING, RETURNED = "pending", "draft", "on_time", "late", "missing", "returned"
ALL = (PENDING, DRAFT, ON_TIME, LATE, MISSING, RETURNED)
SUBMITTED = (ON_TIME, LATE)

LABELS = {
    PENDING: "Chưa đến hạn",
    DRAFT: "Đang soạn",
    ON_TIME: "Đúng hạn",
    LATE: "Trễ hạn",
    MISSING: "Chưa nộp (quá hạn)",
    RETURNED: "Bị trả lại",
}


@dataclass(frozen=True)
class Snapshot:
    """What a report row says, reduced to dates."""

    state: str                                 # "draft" | "submitted" | "returned"
    first_submitted_on: dt.date | None = None
    submitted_on: dt.date | None = None        # the latest submission
    return_due: dt.date | None = None          # set when it was returned
    returned_once: bool = False


def status_of(deadline: dt.date, today: dt.date, report: Snapshot | None) -> str:
    if report is None or report.state == "draft":  # never submitted (a returned report stays "returned" while edited)
        if today <= deadline:
            return DRAFT if report is not None else PENDING
        return MISSING
    if report.state == "returned":
        return RETURNED
    first = report.first_submitted_on or report.submitted_on
    if first > deadline:
        return LATE
    if report.returned_once and report.return_due is not None and report.submitted_on > report.return_due:
        return LATE
    return ON_TIME


def overdue_days(deadline: dt.date, today: dt.date) -> int:
    return max(0, (today - deadline).days)


@dataclass(frozen=True)
class Rates:
    counts: dict
    completeness: float   # submitted (on time or late) / bodies
    timeliness: float     # on time / bodies


def rates(statuses: list[str]) -> Rates:
    counts = {s: 0 for s in ALL}
    for s in statuses:
        counts[s] += 1
    n = len(statuses)
    if n == 0:
        return Rates(counts, 0.0, 0.0)
    return Rates(counts, round((counts[ON_TIME] + counts[LATE]) / n, 4), round(counts[ON_TIME] / n, 4))
