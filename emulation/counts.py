"""What the registers say about a ward-year: the rules (pure functions over a model's status history) and the queries
that feed the criteria (indicators), the ward's panel and the province's table — a fixed number of queries whatever the
number of wards.

A model's status history is a list of (since, status), sorted. A stop recorded on day d means the model worked until
that day: it still counts as active "at some time" in d's year, and is stopped at the end of that day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q

from kieumau import clock
from units.territory import year_end

from .models import MassModel, Reward

STOPPED, ACTIVE = MassModel.Status.STOPPED, MassModel.Status.ACTIVE


def status_at(history: list[tuple[dt.date, str]], day: dt.date) -> str | None:
    """The status in force at the end of ``day`` (None before the model started)."""
    current = None
    for since, status in history:
        if since > day:
            break
        current = status
    return current


def worked_in(history: list[tuple[dt.date, str]], year: int) -> bool:
    """Whether the model existed and had not stopped at some time in ``year`` (started by 31/12, not stopped before 1/1)."""
    first, last = year_bounds(year)
    if not history or history[0][0] > last:
        return False
    if status_at(history, first - dt.timedelta(days=1)) not in (None, STOPPED):
        return True  # working when the year began
    return any(first <= since <= last and status != STOPPED for since, status in history)


def counted_day(year: int, today: dt.date | None = None) -> dt.date | None:
    """The day TC16's models are counted on: the end of the year, or today for the current year (None: future)."""
    today = today or clock.today()
    if year > today.year:
        return None
    return min(year_end(year), today)


@dataclass
class ModelCounts:
    self_managed: int = 0  # working effectively on the counted day
    dan_van_kheo: int = 0
    creative: int = 0  # worked at some time in the year
    other: int = 0  # self-managed or Dân vận khéo that existed in the year but were not working effectively on the day
    models: list = field(default_factory=list)  # (model, status on the counted day) of the models that worked in the year


def model_counts(unit_ids, year: int) -> dict[int, ModelCounts]:
    """Per ward that keeps the register (has a model, of any year): the models of the year (two queries; one when
    none of the wards has a model)."""
    day = counted_day(year)
    out: dict[int, ModelCounts] = {}
    for m in MassModel.objects.filter(unit_id__in=unit_ids).prefetch_related("changes").order_by("kind", "name", "pk"):
        c = out.setdefault(m.unit_id, ModelCounts())
        h = m.history
        if not worked_in(h, year):
            continue
        at_day = status_at(h, day) if day else None
        c.models.append((m, at_day))
        if m.kind == MassModel.Kind.CREATIVE:
            c.creative += 1
        elif at_day == ACTIVE:
            if m.kind == MassModel.Kind.SELF_MANAGED:
                c.self_managed += 1
            else:
                c.dan_van_kheo += 1
        else:
            c.other += 1
    return out


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), year_end(year)


def in_year(year: int) -> Q:
    """Rewards of a year: decided (or refused) in it, or proposed in it and not yet decided."""
    first, last = year_bounds(year)
    return Q(decision_date__range=(first, last)) | Q(decision_date__isnull=True, proposed_on__range=(first, last))


@dataclass
class RewardCounts:
    people: int = 0  # TC14: decided in the year, for the movement, to citizens, BVDP/DP members or collectives
    cadres: int = 0  # TC14: same, to the ward police, its officers or ward officials
    decided: int = 0  # every decided reward of the year
    pending: int = 0  # proposals of the year still waiting
    refused: int = 0


def reward_counts(unit_ids, year: int) -> dict[int, RewardCounts]:
    """Per ward that keeps the register (has a reward, of any year), from one query."""
    first, last = year_bounds(year)
    decided = Q(state=Reward.State.DECIDED, decision_date__range=(first, last))  # implies in_year
    movement = decided & Q(movement=Reward.Movement.SECURITY)
    of_year = in_year(year)
    rows = (Reward.objects.filter(unit_id__in=unit_ids).values("unit_id").annotate(
        people=Count("pk", filter=movement & Q(recipient_kind__in=Reward.PEOPLE)),
        cadres=Count("pk", filter=movement & Q(recipient_kind__in=Reward.CADRES)),
        decided=Count("pk", filter=decided),
        pending=Count("pk", filter=of_year & Q(state=Reward.State.PROPOSED)),
        refused=Count("pk", filter=of_year & Q(state=Reward.State.REFUSED))))
    return {r.pop("unit_id"): RewardCounts(**r) for r in rows}
