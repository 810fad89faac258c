"""Who holds a task on a given day: the body the plan names, or the body its duties passed to (default edges).

Plain functions over rows read once (``Graph.load``), so a dashboard of thirty bodies costs two queries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from units.territory import is_valid_on


@dataclass
class Graph:
    bodies: dict = field(default_factory=dict)        # id -> Body
    default_next: dict = field(default_factory=dict)  # id -> id of the body its tasks passed to
    before: dict = field(default_factory=dict)        # id -> ids of the bodies whose tasks passed to it

    @classmethod
    def load(cls, bodies=None) -> "Graph":
        from .models import Body, Succession

        g = cls()
        rows = list(bodies) if bodies is not None else list(Body.objects.all())
        g.bodies = {b.pk: b for b in rows}
        for pred, succ in Succession.objects.filter(is_default=True).values_list("predecessor_id", "successor_id"):
            g.default_next[pred] = succ
            g.before.setdefault(succ, set()).add(pred)
        missing = (set(g.default_next.values()) | set(g.default_next)) - set(g.bodies)
        if missing:
            g.bodies.update({b.pk: b for b in Body.objects.filter(pk__in=missing)})
        return g

    def holder_on(self, body_id: int, day: dt.date):
        """The body holding ``body_id``'s tasks on ``day``; None when they ended with no successor (or not yet begun)."""
        seen = set()
        current = self.bodies[body_id]
        while not is_valid_on(current, day):
            if current.valid_from and day < current.valid_from:
                return None
            nxt = self.default_next.get(current.pk)
            if nxt is None or nxt in seen:
                return None
            seen.add(nxt)
            current = self.bodies[nxt]
        return current

    def carried_by(self, body_id: int) -> set[int]:
        """``body_id`` and every body whose tasks passed to it (transitively): whose history its reporter reads."""
        out, todo = {body_id}, [body_id]
        while todo:
            for pred in self.before.get(todo.pop(), ()):
                if pred not in out:
                    out.add(pred)
                    todo.append(pred)
        return out
