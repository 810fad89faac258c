"""The feedback section of "Việc cần làm": open cases the user handles, soonest deadline first (kieumau.panels)."""

from __future__ import annotations

from kieumau import clock
from kieumau.panels import Panel

from . import access
from .models import Case

SHOWN = 20


def todo_panel(user):
    if not access.has_any(user):
        return None
    candidates = access.visible(user).filter(status__in=Case.OPEN).select_related("unit", "category", "body").order_by("deadline", "received_at")
    rows = [c for c in candidates[:200] if access.handles(user, c)]
    if not rows:
        return None
    today = clock.today()
    return Panel("Phản ánh của người dân chờ xử lý", "feedback/_todo.html",
                 {"rows": rows[:SHOWN], "more": max(len(rows) - SHOWN, 0), "today": today,
                  "overdue": sum(c.deadline < today for c in rows)})
