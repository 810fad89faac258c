"""Vietnamese number formatting for explanations (1.234,5 — dot groups, comma decimals)."""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from fractions import Fraction

from .values import MISSING, NA, Sentinel


def _group(digits: str) -> str:
    out = []
    while len(digits) > 3:
        out.insert(0, digits[-3:])
        digits = digits[:-3]
    out.insert(0, digits)
    return ".".join(out)


def _decimal_text(value: Decimal) -> str:
    sign = "-" if value < 0 else ""
    whole, _, frac = f"{abs(value):f}".partition(".")
    return sign + _group(whole) + ("," + frac if frac else "")


def _exact_decimal(value) -> Decimal:
    f = Fraction(value)
    return Decimal(f.numerator) / Decimal(f.denominator)


def number(value, places: int = 2) -> str:
    """An exact number, rounded half-up to at most ``places`` decimals, trailing zeros dropped."""
    if value.__class__ is Sentinel:
        return placeholder(value)
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, int):
        return _decimal_text(Decimal(value))
    d = _exact_decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    d = d.normalize() if d != d.to_integral() else d.quantize(Decimal(1))
    return _decimal_text(d)


def percent(value) -> str:
    """A ratio as a percentage: exact integers bare ("100%"), otherwise one decimal.

    The decimal is truncated, never rounded up, so a failing 89,99% reads as
    "89,9%" and never as a passing "90,0%".
    """
    if value.__class__ is Sentinel:
        return placeholder(value)
    pct = Fraction(value) * 100
    if pct.denominator == 1:
        return _decimal_text(Decimal(pct.numerator)) + "%"
    d = _exact_decimal(pct).quantize(Decimal("0.1"), rounding=ROUND_DOWN)
    return _decimal_text(d) + "%"


def change(current, previous) -> str:
    """"giảm 4,0%" / "tăng 20%" / "không đổi", comparing a figure with last year's."""
    if current.__class__ is Sentinel or previous.__class__ is Sentinel:
        return "(chưa đủ số liệu để so sánh)"
    if previous == 0:
        return "không đổi (cùng bằng 0)" if current == 0 else f"tăng từ 0 lên {number(current)}"
    ratio = (Fraction(current) - Fraction(previous)) / Fraction(previous)
    if ratio == 0:
        return "không đổi"
    return ("tăng " if ratio > 0 else "giảm ") + percent(abs(ratio))


def placeholder(value) -> str:
    if value is MISSING:
        return "(chưa nhập)"
    if value is NA:
        return "—"
    return str(value)  # pragma: no cover
