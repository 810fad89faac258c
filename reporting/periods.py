"""Reporting periods from a program's calendar: pure date arithmetic, no database.

A calendar says "trước ngày 15/6" (the seed's words), so the last day on which a report is on time is 14/6; the data
window (Nghị định 09/2019/NĐ-CP, Điều 12: figures are cut off on the 14th of the last month) is kept beside it.
Period codes: ``2025-H1`` (six-monthly), ``2025`` (yearly), and the milestone codes the calendar defines (``SK2025``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

SIX_MONTHLY, YEARLY, MILESTONE = "six_monthly", "yearly", "milestone"
KIND_ORDER = {SIX_MONTHLY: 0, YEARLY: 1, MILESTONE: 2}
_HALF = re.compile(r"([0-9]{4})-H1")
_YEAR = re.compile(r"([0-9]{4})")
_MONTH_DAY = re.compile(r"([0-9]{2})-([0-9]{2})")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


class PeriodError(ValueError):
    """A period code or a calendar entry that cannot be used; the message is for the user."""


@dataclass(frozen=True)
class Rule:
    kind: str
    due_before: str       # "06-15" for a recurring report, "2025-11-15" for a milestone
    window_from: str      # "12-15" (in the previous year) or a full date
    window_to: str        # "06-14" or a full date
    code: str = ""        # a milestone's code
    title: str = ""
    opens_days_before: int = 30


@dataclass(frozen=True)
class Period:
    code: str
    kind: str
    title: str
    due_before: dt.date   # the calendar's "trước ngày …"
    window_from: dt.date
    window_to: dt.date
    opens_on: dt.date

    @property
    def deadline(self) -> dt.date:
        """The last day on which a submission is on time."""
        return self.due_before - dt.timedelta(days=1)

    @property
    def year(self) -> int:
        return self.deadline.year

    def is_open(self, today: dt.date) -> bool:
        return today >= self.opens_on


def _month_day(text: str, year: int, what: str) -> dt.date:
    m = _MONTH_DAY.fullmatch(text.strip())
    if not m:
        raise PeriodError(f"{what}: «{text}» phải có dạng tháng-ngày, ví dụ 06-15.")
    try:
        return dt.date(year, int(m[1]), int(m[2]))
    except ValueError:
        raise PeriodError(f"{what}: «{text}» không phải là một ngày có thật.") from None


def _full_date(text: str, what: str) -> dt.date:
    m = _DATE.fullmatch(text.strip())
    if not m:
        raise PeriodError(f"{what}: «{text}» phải có dạng năm-tháng-ngày, ví dụ 2025-11-15.")
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise PeriodError(f"{what}: «{text}» không phải là một ngày có thật.") from None


def check_rule(rule: Rule) -> None:
    """Raise PeriodError when a calendar entry cannot produce periods (used by the admin form and the loader)."""
    if rule.kind == MILESTONE:
        if not rule.code:
            raise PeriodError("Mốc sơ kết/tổng kết phải có mã (ví dụ SK2025).")
        period_for_milestone(rule)
    elif rule.kind in (SIX_MONTHLY, YEARLY):
        recurring(rule, 2024)
    else:
        raise PeriodError(f"Loại kỳ báo cáo «{rule.kind}» không có.")
    if not 0 <= rule.opens_days_before <= 366:
        raise PeriodError("Số ngày mở kỳ trước hạn phải từ 0 đến 366.")


def recurring(rule: Rule, year: int) -> Period:
    due = _month_day(rule.due_before, year, "Hạn nộp")
    start = _month_day(rule.window_from, year - 1, "Đầu kỳ số liệu")
    end = _month_day(rule.window_to, year, "Cuối kỳ số liệu")
    if not start <= end < due + dt.timedelta(days=1):
        raise PeriodError("Kỳ số liệu phải kết thúc trước hạn nộp và sau ngày bắt đầu.")
    code = f"{year}-H1" if rule.kind == SIX_MONTHLY else str(year)
    title = f"Báo cáo 6 tháng đầu năm {year}" if rule.kind == SIX_MONTHLY else f"Báo cáo năm {year}"
    return Period(code, rule.kind, title, due, start, end, due - dt.timedelta(days=rule.opens_days_before))


def period_for_milestone(rule: Rule) -> Period:
    due = _full_date(rule.due_before, "Hạn nộp")
    start = _full_date(rule.window_from, "Đầu kỳ số liệu")
    end = _full_date(rule.window_to, "Cuối kỳ số liệu")
    if not start <= end < due + dt.timedelta(days=1):
        raise PeriodError("Kỳ số liệu phải kết thúc trước hạn nộp và sau ngày bắt đầu.")
    return Period(rule.code, MILESTONE, rule.title or rule.code, due, start, end,
                  due - dt.timedelta(days=rule.opens_days_before))


def resolve(rules: list[Rule], code: str, first_year: int, last_year: int) -> Period:
    """The period ``code`` names in this calendar, or PeriodError saying why not."""
    code = code.strip()
    by_kind = {r.kind: r for r in rules if r.kind != MILESTONE}
    if m := _HALF.fullmatch(code):
        kind, year = SIX_MONTHLY, int(m[1])
    elif m := _YEAR.fullmatch(code):
        kind, year = YEARLY, int(m[1])
    else:
        for r in rules:
            if r.kind == MILESTONE and r.code.upper() == code.upper():
                return period_for_milestone(r)
        known = ", ".join(r.code for r in rules if r.kind == MILESTONE) or "không có"
        raise PeriodError(f"Kỳ «{code}» không có. Dùng NĂM-H1 (6 tháng), NĂM (cả năm) hoặc mã mốc ({known}).")
    if kind not in by_kind:
        raise PeriodError(f"Chương trình này không có kỳ báo cáo «{code}».")
    if not first_year <= year <= last_year:
        raise PeriodError(f"Năm {year} nằm ngoài chương trình ({first_year}–{last_year}).")
    return recurring(by_kind[kind], year)


def all_periods(rules: list[Rule], first_year: int, last_year: int) -> list[Period]:
    """Every period of the program, in deadline order."""
    out = []
    for r in rules:
        if r.kind == MILESTONE:
            out.append(period_for_milestone(r))
        else:
            out.extend(recurring(r, y) for y in range(first_year, last_year + 1))
    return sorted(out, key=lambda p: (p.deadline, KIND_ORDER[p.kind]))
