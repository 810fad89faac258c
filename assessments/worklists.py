"""Read models of two lists: the to-do inbox and a province's recognitions (a fixed number of queries)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from accounts.scope import scope_for
from units import territory
from kieumau.collation import vi_key

from . import eligibility, recognition, workflow
from .models import Assessment, Recognition, WorkflowSettings

MAX_TASKS = 500


@dataclass
class Task:
    assessment: Assessment
    moves: list  # workflow.Transition the assessment waits for from this user
    deadline: dt.date | None

    def days_left(self, today: dt.date) -> int | None:
        return (self.deadline - today).days if self.deadline else None


def _statuses_for(caps: frozenset) -> set[str]:
    """Statuses in which some task move is open to one of ``caps`` (whatever the district level)."""
    return {src for t in workflow.TRANSITIONS if t.task and t.capabilities & caps for src in t.sources}


def inbox_tasks(user) -> list[Task]:
    """What waits for the user's move now, on units that exist and years that are assessed; soonest deadline first
    (the province's submission deadline; without one, the end of the year), then by ward name."""
    scope = scope_for(user)
    if not (scope.paths or scope.everything):
        return []
    today = eligibility.today()
    every_cap = workflow.capabilities(set().union(*scope.paths.values())) if not scope.everything else frozenset({"admin"})
    statuses = _statuses_for(every_cap) if not scope.everything else set(workflow.STATUS_LABELS)
    qs = (Assessment.objects.filter(status__in=statuses, year__in=list(eligibility.program_years(today)))
          .filter(Q(unit__valid_until__isnull=True) | Q(unit__valid_until__gt=today))
          .select_related("unit", "unit__parent"))
    if not scope.everything:
        q = Q()
        for path in scope.paths:
            q |= Q(unit__path__startswith=path)
        qs = qs.filter(q)
    candidates = [a for a in qs.order_by("-year", "unit_id")[:MAX_TASKS] if eligibility.is_assessable(a.unit, a.year, today)]
    settings = {s.province_id: s for s in WorkflowSettings.objects.filter(province_id__in={a.unit.root_id for a in candidates})}
    levels = {pk: bool(s.district_review_until and today < s.district_review_until) for pk, s in settings.items()}
    out = []
    for a in candidates:
        moves = workflow.tasks(a.status, workflow.capabilities(scope.held_on(a.unit)), district_level=levels.get(a.unit.root_id, False))
        if moves:
            own = settings.get(a.unit.root_id)
            out.append(Task(a, moves, own.deadline(a.year) if own else None))
    out.sort(key=lambda t: (t.deadline or territory.year_end(t.assessment.year), vi_key(t.assessment.unit.name)))
    return out


@dataclass
class RecognitionRow:
    recognition: Recognition
    province_then: str  # the province the ward belonged to, when it is not the page's
    now: recognition.Holding  # who holds it at the end of the current year
    checks: list  # RecognitionReview, oldest first


def recognition_rows(province, scope) -> list[RecognitionRow]:
    """Every recognition ever given on the province's land, whatever map it was given in, with what became of it."""
    recs = [r for r in recognition.for_land(territory.history_ids(province)) if scope.sees(r.unit)]
    this_year = eligibility.today().year
    now = recognition.holdings(recs, this_year)
    roots = {u.pk: u for u in type(province).objects.filter(pk__in={r.unit.root_id for r in recs})}
    rows = []
    for r, holding in zip(recs, now):
        root = roots.get(r.unit.root_id)
        label = territory.display_name(root) if root and root.pk != province.pk else ""
        rows.append(RecognitionRow(r, label, holding, sorted(r.reviews.all(), key=lambda c: c.year)))
    rows.sort(key=lambda row: (row.recognition.year, vi_key(row.recognition.unit.name)))
    return rows
