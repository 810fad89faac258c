"""Plan arithmetic: targets as written, cumulative targets, re-basing, status and forecast.

Plain Python on plain data (no models), so every number the roadmap page,
its export and the ``roadmap`` command show comes from one tested place.
Percentages are exact (Fractions) and a count of wards is always rounded up:
"at least 30% of 30 wards" is 9 wards.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction

COUNT, PERCENT = "count", "percent"


@dataclass(frozen=True)
class Target:
    year: int
    kind: str  # COUNT: newly recognized wards that year; PERCENT: share of all wards reached by the end of the year
    value: Fraction
    note: str = ""


@dataclass
class YearLine:
    year: int
    target_new: int | None
    target_cumulative: int | None
    target_cumulative_rebased: int | None
    rebase_note: str
    actual_new: int | None
    actual_cumulative: int | None
    status: str  # met | late | upcoming | none
    milestone: str = ""


def ceil_share(pct: Fraction, total: int) -> int:
    return math.ceil(Fraction(pct) / 100 * total)


def cumulative_targets(targets: list[Target], base: int) -> dict[int, tuple[int, int]]:
    """Year → (new, cumulative) as written, against the unit count the plan was written for."""
    out, running = {}, 0
    for t in sorted(targets, key=lambda t: t.year):
        if t.kind == COUNT:
            new = int(t.value)
            running += new
        else:
            cumulative = ceil_share(t.value, base)
            new = cumulative - running
            running = cumulative
        out[t.year] = (new, running)
    return out


def rebased(targets: list[Target], base: int, units_at: dict[int, int]) -> dict[int, tuple[int, str]]:
    """Year → (cumulative target re-based on the units valid then, the arithmetic in Vietnamese).

    A percentage applies to the units valid at that date; a count stays as written, capped at the units there are.
    """
    written = cumulative_targets(targets, base)
    out = {}
    for t in sorted(targets, key=lambda t: t.year):
        n = units_at.get(t.year, base)
        cumulative = written[t.year][1]
        if t.kind == PERCENT:
            value = ceil_share(t.value, n)
            exact = Fraction(t.value) / 100 * n
            rounding = " (làm tròn lên)" if exact.denominator != 1 else ""
            note = f"{_pct(t.value)} của {n} phường → {value}{rounding}" if n != base else ""
        else:
            value = min(cumulative, n)
            note = f"không vượt số phường hiện có ({n})" if value != cumulative else ""
        out[t.year] = (value, note)
    return out


def _pct(p: Fraction) -> str:
    p = Fraction(p)
    text = str(p.numerator) if p.denominator == 1 else f"{float(p):.2f}".rstrip("0").replace(".", ",")
    return text + "%"


def lines(targets, base, units_at, actual_new: dict[int, int], years: range, today_year: int,
          milestones: dict[int, str] | None = None, actual_stock: dict[int, int] | None = None) -> list[YearLine]:
    """One line per year. ``actual_stock`` (years after the plan's province was reorganized): the wards valid then
    that are recognized themselves — a recognition of a ward that has since been merged stays in its history and
    no longer counts towards a target re-based on today's wards."""
    actual_stock = actual_stock or {}
    written = cumulative_targets(targets, base)
    rebase = rebased(targets, base, units_at)
    milestones = milestones or {}
    out, running_actual = [], 0
    for year in years:
        new, cumulative = written.get(year, (None, None))
        target_rebased, note = rebase.get(year, (None, ""))
        actual = None
        if year <= today_year:
            running_actual = actual_stock[year] if year in actual_stock else running_actual + actual_new.get(year, 0)
            actual = running_actual
        goal = target_rebased if target_rebased is not None else cumulative
        if goal is None:
            status = "none"
        elif year >= today_year and (actual is None or actual < goal):
            status = "upcoming"
        else:
            status = "met" if (actual or 0) >= goal else "late"
        out.append(YearLine(year, new, cumulative, target_rebased, note,
                            actual_new.get(year, 0) if year <= today_year else None, actual, status, milestones.get(year, "")))
    return out


@dataclass
class Forecast:
    milestone: int
    target: int
    by_pace: int
    by_pipeline: int
    pace_ok: bool
    pipeline_ok: bool
    needed: int  # more recognitions still needed
    candidates: list = field(default_factory=list)


def forecast(milestone: int, target: int, actual_now: int, recognized_per_year: list[int], today_year: int,
             ready: int, near: int) -> Forecast:
    """Will ``target`` be reached by the end of ``milestone``?

    By pace: the average of recognitions per year so far, continued. By pipeline: wards meeting all 22 criteria
    now (``ready``) are recognized within the year, and those missing only one or two (``near``) the year after.
    """
    years_left = max(milestone - today_year, 0) + 1  # the current year still counts
    pace = Fraction(sum(recognized_per_year), len(recognized_per_year)) if recognized_per_year else Fraction(0)
    by_pace = actual_now + math.floor(pace * years_left)
    by_pipeline = actual_now + ready + (near if years_left > 1 else 0)
    return Forecast(milestone, target, by_pace, by_pipeline, by_pace >= target, by_pipeline >= target, max(target - actual_now, 0))


def adjusted(targets: list[Target], base: int, year: int, kind: str, value: Fraction, first: int, last: int) -> list[Target]:
    """The targets with ``year``'s replaced (or added) by ``kind``/``value``; raises ValueError with the reason, in
    Vietnamese, when the result is not a plan: a year outside it, a share over 100%, a count that is not whole, or a
    cumulative target lower than an earlier year's (a plan never takes back recognitions)."""
    value = Fraction(value)
    if not first <= year <= last:
        raise ValueError(f"Năm {year} nằm ngoài lộ trình ({first}–{last}).")
    if kind == PERCENT and not 0 < value <= 100:
        raise ValueError("Tỷ lệ phải lớn hơn 0 và không quá 100%.")
    if kind == COUNT and (value.denominator != 1 or value < 0 or value > base):
        raise ValueError(f"Số phường phải là số nguyên từ 0 đến {base}.")
    if kind not in (COUNT, PERCENT):
        raise ValueError("Loại chỉ tiêu không hợp lệ.")
    old = next((t for t in targets if t.year == year), None)
    if old is not None and old.kind == kind and old.value == value:
        raise ValueError(f"Chỉ tiêu năm {year} đã là {_show(kind, value)}; không có gì để điều chỉnh.")
    out = sorted([t for t in targets if t.year != year] + [Target(year, kind, value, old.note if old else "")], key=lambda t: t.year)
    for y, (new, cumulative) in cumulative_targets(out, base).items():
        if new < 0:
            raise ValueError(f"Sau điều chỉnh, chỉ tiêu lũy kế năm {y} ({cumulative} phường) thấp hơn năm trước đó.")
    return out


def _show(kind: str, value: Fraction) -> str:
    return _pct(value) if kind == PERCENT else f"{int(value)} phường"
