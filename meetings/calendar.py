"""Which meetings the program expects, as pure date arithmetic (no database).

Seed 000 (Khánh Hòa, mục II.1): "Định kỳ hàng quý (đối với phường), sáu tháng (đối với thành phố, thị xã), Ban
Thường vụ cấp ủy làm việc với các cơ quan chức năng để nghe báo cáo và đề ra giải pháp". Cities and towns (the
district level) ended on 1/7/2025 (Luật Tổ chức chính quyền địa phương 2025); from then the six-monthly meeting is
held at the province (Ban Thường vụ Tỉnh ủy hears Công an tỉnh and the bodies), and the wards keep meeting each
quarter under their own Party committee. See docs/decisions.md, "Meetings after the district level".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

WARD, CITY, PROVINCE, CONFERENCE = "ward", "city", "province", "conference"
DISTRICTS_END = dt.date(2025, 7, 1)  # first day without cities and towns
CITY_KINDS = {"Thành phố", "Thị xã"}


@dataclass(frozen=True)
class Slot:
    code: str       # "2024-Q3", "2024-H2", or a milestone's code ("SK2025")
    start: dt.date
    end: dt.date    # last day
    title: str


def _quarter(year: int, q: int) -> Slot:
    start = dt.date(year, 3 * q - 2, 1)
    end = (dt.date(year + (q == 4), 1 if q == 4 else 3 * q + 1, 1)) - dt.timedelta(days=1)
    return Slot(f"{year}-Q{q}", start, end, f"Quý {['I', 'II', 'III', 'IV'][q - 1]}/{year}")


def _half(year: int, h: int) -> Slot:
    start = dt.date(year, 1 if h == 1 else 7, 1)
    end = dt.date(year, 6, 30) if h == 1 else dt.date(year, 12, 31)
    return Slot(f"{year}-H{h}", start, end, f"{'6 tháng đầu' if h == 1 else '6 tháng cuối'} năm {year}")


def quarters(first: dt.date, last: dt.date) -> list[Slot]:
    """Quarters that overlap [first, last]."""
    return [s for y in range(first.year, last.year + 1) for s in (_quarter(y, q) for q in range(1, 5)) if s.end >= first and s.start <= last]


def halves(first: dt.date, last: dt.date) -> list[Slot]:
    return [s for y in range(first.year, last.year + 1) for s in (_half(y, h) for h in (1, 2)) if s.end >= first and s.start <= last]


def six_monthly_level(slot: Slot) -> str:
    """Cities and towns meet for halves that end before they were abolished; the province from then on."""
    return CITY if slot.end < DISTRICTS_END else PROVINCE


def slot_of(code: str) -> Slot | None:
    """The slot a quarter or half code names; None for anything else (milestone codes are read from the calendar)."""
    if len(code) == 7 and code[:4].isascii() and code[:4].isdigit() and code[4] == "-":
        year, kind, n = int(code[:4]), code[5], code[6]
        if kind == "Q" and n in "1234" and 2000 <= year <= 2100:
            return _quarter(year, int(n))
        if kind == "H" and n in "12" and 2000 <= year <= 2100:
            return _half(year, int(n))
    return None
