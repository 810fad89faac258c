"""The filters of the list pages (query string → plain values), shared by the ward's and the province's pages."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from kieumau import clock, posted

from .counts import in_year
from .indicators import FROM_YEAR
from .models import MassModel, Reward

FIRST_YEAR = 2023  # the program's first campaign (Khánh Hòa's pilot); rewards of earlier years are not kept here
GROUPS = {  # TC14's two counts, as the figures' links name them
    "nhan-dan": ("Nhân dân (TC14)", Q(recipient_kind__in=Reward.PEOPLE, movement=Reward.Movement.SECURITY)),
    "can-bo": ("Công an phường, cán bộ phường (TC14)", Q(recipient_kind__in=Reward.CADRES, movement=Reward.Movement.SECURITY)),
}


def year(params) -> int:
    today = clock.today()
    value = posted.integer(params.get("nam"))
    return value if value is not None and FIRST_YEAR <= value <= today.year + 1 else today.year


def years() -> list[int]:
    return list(range(clock.today().year + 1, FIRST_YEAR - 1, -1))


@dataclass
class RewardFilter:
    year: int
    state: str = ""
    recipient: str = ""
    group: str = ""
    ward: int | None = None

    @classmethod
    def read(cls, params) -> "RewardFilter":
        state = params.get("trang-thai", "")
        recipient = params.get("doi-tuong", "")
        group = params.get("nhom", "")
        return cls(year(params), state if state in Reward.State.values else "",
                   recipient if recipient in Reward.Recipient.values else "", group if group in GROUPS else "",
                   posted.integer(params.get("phuong")))

    def apply(self, qs):
        qs = qs.filter(in_year(self.year))
        if self.state:
            qs = qs.filter(state=self.state)
        if self.recipient:
            qs = qs.filter(recipient_kind=self.recipient)
        if self.group:
            qs = qs.filter(GROUPS[self.group][1])
        if self.ward is not None:
            qs = qs.filter(unit_id=self.ward)
        return qs

    @property
    def group_label(self) -> str:
        return GROUPS[self.group][0] if self.group else ""

    @property
    def counted(self) -> bool:
        """Whether the year's figures feed the criteria (from FROM_YEAR)."""
        return self.year >= FROM_YEAR


def model_kind(params) -> str:
    kind = params.get("loai", "")
    return kind if kind in MassModel.Kind.values else ""
