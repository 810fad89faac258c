"""Recognitions over time: who holds each title in a year, and the yearly checks.

The carry-over rule (shown on the pages and in docs/decisions.md):

A recognition is the title of the ward that earned it, and its decision stays on that ward's record. When the ward
is reorganized, the title passes to the ward that took over its land: the ward it merged into, the same ward under
its new record (renamed, reclassified, carried into the new map), or — when it was divided — its default successor.
From then on that successor *carries* it: it counts as one recognized ward on the roadmap (several titles carried
into one ward count once), and it is checked each year like any other, on the successor's own figures: maintained,
warned or revoked. A title is never copied to two wards, and an old ward's figures never count twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from audit.models import record
from units.history import MAX_GENERATIONS
from units.models import Lineage, Unit
from units.territory import is_valid_on, year_end

from . import eligibility
from .models import Recognition, RecognitionReview
from .review import SECOND_FACTOR_NEEDED, capabilities


@dataclass
class Holding:
    """Who holds a recognition at the end of a year, and through which reorganizations it got there."""

    recognition: Recognition
    year: int
    holder: Unit | None  # None: not yet recognized that year, or the land has no ward that year
    via: list = field(default_factory=list)  # Lineage edges followed, oldest first
    revoked_in: int | None = None

    @property
    def carried(self) -> bool:
        return bool(self.via)

    @property
    def standing(self) -> bool:
        """Counts that year: recognized by then, not revoked by then, and held by a ward that exists."""
        return self.holder is not None and (self.revoked_in is None or self.revoked_in > self.year)


def successor_edges(unit_ids) -> dict[int, list[Lineage]]:
    """Default-successor edges reachable from ``unit_ids``, by predecessor id, successors loaded."""
    out: dict[int, list[Lineage]] = {}
    seen, frontier = set(unit_ids), set(unit_ids)
    for _gen in range(MAX_GENERATIONS):
        if not frontier:
            break
        fresh = set()
        for e in Lineage.objects.filter(predecessor_id__in=frontier, is_default_successor=True).select_related("successor"):
            out.setdefault(e.predecessor_id, []).append(e)
            if e.successor_id not in seen:
                seen.add(e.successor_id)
                fresh.add(e.successor_id)
        frontier = fresh
    return out


def holder_at(unit: Unit, year: int, edges: dict[int, list[Lineage]]) -> tuple[Unit | None, list[Lineage]]:
    """The ward that holds ``unit``'s title at the end of ``year``, and the edges followed to it."""
    end = year_end(year)
    via: list[Lineage] = []
    current = unit
    while not is_valid_on(current, end):
        if current.valid_from and current.valid_from > end:
            return None, via
        onward = sorted((e for e in edges.get(current.pk, []) if e.successor.level == current.level and e.effective_date <= end),
                        key=lambda e: (e.effective_date, e.successor.name))
        if not onward or len(via) >= MAX_GENERATIONS:
            return None, via
        via.append(onward[0])
        current = onward[0].successor
    return current, via


def revoked_year(recognition: Recognition) -> int | None:
    """The year of the check that revoked it (reviews prefetched), else None."""
    years = [c.year for c in recognition.reviews.all() if c.outcome == RecognitionReview.Outcome.REVOKED]
    return min(years) if years else None


def holdings(recognitions: list[Recognition], year: int, edges: dict | None = None) -> list[Holding]:
    """Each recognition's holding at the end of ``year`` (recognitions with ``unit`` and ``reviews`` loaded)."""
    edges = successor_edges({r.unit_id for r in recognitions}) if edges is None else edges
    out = []
    for r in recognitions:
        holder, via = holder_at(r.unit, year, edges) if r.year <= year else (None, [])
        out.append(Holding(r, year, holder, via, revoked_year(r)))
    return out


def for_land(unit_ids) -> list[Recognition]:
    """Recognitions of the wards ``unit_ids``, with what the pages and the roadmap read."""
    return list(Recognition.objects.filter(unit_id__in=unit_ids).select_related("unit", "unit__parent", "assessment")
                .prefetch_related("reviews").order_by("year", "decision_date", "pk"))


def held_wards(recognitions: list[Recognition], year: int, wards: set[int], edges: dict | None = None) -> set[int]:
    """Wards among ``wards`` that hold a standing title (own or carried) at the end of ``year``."""
    return {h.holder.pk for h in holdings(recognitions, year, edges) if h.standing and h.holder.pk in wards}


def check(recognition: Recognition, year: int, outcome: str, user, inputs: dict, *, second_factor: bool = False) -> dict:
    """Record a later year's check of a recognition (on whoever holds it that year); revocation needs a reason and a
    decision. Returns field → Vietnamese message; empty when recorded."""
    with transaction.atomic():
        r = Recognition.objects.select_for_update().select_related("unit").get(pk=recognition.pk)
        if "approver" not in capabilities(user, r.unit):
            raise PermissionDenied
        if not second_factor:
            return {"__all__": SECOND_FACTOR_NEEDED}
        errors = _check_problems(r, year, outcome, inputs)
        if errors:
            return errors
        decision_date = dt.date.fromisoformat(str(inputs["decision_date"])) if outcome == RecognitionReview.Outcome.REVOKED else None
        reason = (inputs.get("reason") or "").strip()
        review = RecognitionReview.objects.create(
            recognition=r, year=year, outcome=outcome, reason=reason,
            decision_number=(inputs.get("decision_number") or "").strip(), decision_date=decision_date, reviewed_by=user,
        )
        holder, _via = holder_at(r.unit, year, successor_edges({r.unit_id}))
        record(user, f"recognition.{outcome}", r, unit=holder or r.unit, comment=reason,
               data={"year": year, "decision_number": review.decision_number, "holder": holder.pk if holder else None})
    return {}


REASON_LIMIT = 4000  # a few paragraphs; the audit row carries it as its comment


def _check_problems(r: Recognition, year: int, outcome: str, inputs: dict) -> dict:
    errors = {}
    if outcome not in RecognitionReview.Outcome.values:
        errors["outcome"] = _("Choose maintained, warned or revoked.")
    if not eligibility.year_in_program(year):
        errors["year"] = _("The year must be between %(first)s and %(last)s.") % {
            "first": eligibility.first_year(), "last": eligibility.today().year}
    elif year <= r.year:
        errors["year"] = _("A recognition of %(year)s is checked again from %(next)s on.") % {"year": r.year, "next": r.year + 1}
    elif holder_at(r.unit, year, successor_edges({r.unit_id}))[0] is None:
        errors["year"] = _("No ward holds this recognition in %(year)s.") % {"year": year}
    if r.reviews.filter(outcome=RecognitionReview.Outcome.REVOKED).exists():
        errors["__all__"] = _("This recognition has been revoked; there is nothing more to check.")
    elif "year" not in errors and r.reviews.filter(year=year).exists():
        errors["year"] = _("The check for %(year)s has already been recorded.") % {"year": year}
    if outcome in ("warned", "revoked") and not (inputs.get("reason") or "").strip():
        errors["reason"] = _("Give the reason.")
    elif len(inputs.get("reason") or "") > REASON_LIMIT:
        errors["reason"] = _("The reason is longer than %(n)s characters.") % {"n": REASON_LIMIT}
    if outcome == "revoked":
        number = (inputs.get("decision_number") or "").strip()
        limit = RecognitionReview._meta.get_field("decision_number").max_length
        if not number:
            errors["decision_number"] = _("A revocation needs the number of its decision.")
        elif len(number) > limit:
            errors["decision_number"] = _("A decision number has at most %(n)s characters.") % {"n": limit}
        try:
            dt.date.fromisoformat(str(inputs.get("decision_date") or ""))
        except ValueError:
            errors["decision_date"] = _("Enter the decision date as dd/mm/yyyy.")
    return errors
