"""Place and date lines of Nghị định 30/2020 (Phụ lục I, mục II.5): pure text, no database.

Days below 10 and the months 1 and 2 take a leading zero ("ngày 05 tháng 02 năm 2026", "ngày 15 tháng 3 năm 2026"),
so a figure cannot be added in front of them after signing.
"""

from __future__ import annotations

import datetime as dt

_PROVINCE_KINDS = ("Tỉnh ", "Thành phố ")
_WARD_KINDS = ("Phường ", "Xã ", "Thị trấn ", "Đặc khu ")


def date_line(day: dt.date) -> str:
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def place(name: str) -> str:
    """The place name (địa danh) of a unit's documents: its proper name without the kind of unit, except where the
    name alone would read as a person's name or a number ("Thành phố Hồ Chí Minh", "Phường 1")."""
    for kind in _PROVINCE_KINDS + _WARD_KINDS:
        if name.startswith(kind):
            rest = name[len(kind):]
            if rest == "Hồ Chí Minh" or rest.isdigit():
                return name
            return rest
    return name


def upper(text: str) -> str:
    return text.upper()
