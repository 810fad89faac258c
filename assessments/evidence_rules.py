"""Which documents a ward still owes before it may submit (plain Python: no models).

A framework with ``evidence_required`` lists, per criterion, the documents that back it. A criterion the ward claims
as met (its evaluation passes) needs each listed document: a file uploaded for that document, or a written reason why
it cannot be provided. A reason counts while it waits for the reviewer and once accepted; a rejected reason counts as
nothing (the ward uploads the document or writes a new reason after the assessment comes back). Criteria that fail,
miss data or do not apply claim nothing and owe nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

PENDING, ACCEPTED, REJECTED = "pending", "accepted", "rejected"


@dataclass(frozen=True)
class Owed:
    criterion: str
    document: str
    reason_state: str | None  # None: neither file nor reason; REJECTED: the reason was not accepted


@dataclass(frozen=True)
class DocumentState:
    document: str
    files: int
    reason: object | None  # the reason row (or anything with .state), when one was given
    owed: bool


def owed(framework, statuses: dict, files: set, reasons: dict) -> list[Owed]:
    """``statuses``: criterion code → evaluation status; ``files``: {(criterion, document)} with a file;
    ``reasons``: (criterion, document) → reason state. The documents still owed, in framework order."""
    if not framework.evidence_required:
        return []
    out = []
    for c in framework.criteria:
        if statuses.get(c.code) != "pass":
            continue
        for doc in c.evidence:
            state = reasons.get((c.code, doc))
            if (c.code, doc) in files or state in (PENDING, ACCEPTED):
                continue
            out.append(Owed(c.code, doc, state))
    return out


def review_problem(reasons: dict) -> str | None:
    """Why a reviewer may not pass the assessment on yet because of the reasons given (Vietnamese), or None."""
    states = list(reasons.values())
    if PENDING in states:
        n = states.count(PENDING)
        return (f"Còn {n} lý do thiếu minh chứng chưa được xem xét: hãy chấp nhận hoặc không chấp nhận từng lý do "
                f"(mục «Minh chứng» của từng tiêu chí) trước khi chuyển tiếp.")
    if REJECTED in states:
        return ("Có lý do thiếu minh chứng không được chấp nhận: hãy trả lại để phường bổ sung minh chứng, "
                "không chuyển tiếp được.")
    return None


def owed_message(items: list[Owed]) -> str:
    shown = "; ".join(f"{o.criterion}: {o.document}" + (" (lý do không được chấp nhận)" if o.reason_state == REJECTED else "")
                      for o in items[:6])
    more = f" và {len(items) - 6} minh chứng khác" if len(items) > 6 else ""
    return (f"Chưa gửi được: {len(items)} minh chứng còn thiếu cho các tiêu chí được tính là đạt — {shown}{more}. "
            f"Hãy tải tệp lên hoặc ghi lý do không thể cung cấp.")
