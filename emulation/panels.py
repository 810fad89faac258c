"""The movement on a ward's scorecard (kieumau.panels): its models and rewards of the year, linked to the registers."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.urls import reverse

from kieumau.panels import Panel
from units.models import Unit
from units.territory import year_end

from . import counts
from .models import MassModel, Reward


def _anything(unit, year: int) -> bool:
    """Whether the registers hold anything of the ward-year (one query: the scorecard stays cheap without them)."""
    return Unit.objects.filter(pk=unit.pk).filter(
        Exists(MassModel.objects.filter(unit=OuterRef("pk"), started_on__lte=year_end(year)))
        | Exists(Reward.objects.filter(counts.in_year(year), unit=OuterRef("pk")))).exists()


def ward_panel(unit, year: int, user):
    if not _anything(unit, year):
        return None
    models = counts.model_counts([unit.pk], year).get(unit.pk, counts.ModelCounts())
    rewards = list(Reward.objects.filter(unit=unit).filter(counts.in_year(year)).order_by("-proposed_on", "-pk")[:20])
    if not models.models and not rewards:
        return None
    page = reverse("emulation_ward", args=[unit.pk])
    return Panel("Phong trào toàn dân bảo vệ an ninh Tổ quốc", "emulation/_panel.html", {
        "models": models.models, "model_counts": models, "rewards": rewards,
        "reward_counts": counts.reward_counts([unit.pk], year).get(unit.pk, counts.RewardCounts()),
        "models_url": f"{page}?nam={year}#mo-hinh", "rewards_url": f"{page}?nam={year}#khen-thuong", "year": year,
        "counted_day": counts.counted_day(year)})
