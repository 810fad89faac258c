"""Reading the registers' forms: every refusal says what is wrong and where (Vietnamese), nothing is written."""

from __future__ import annotations

from decimal import Decimal

from engine import fmt
from engine.inputs import parse_one
from kieumau import posted
from kieumau.posted import Refused


def decimal(value, what: str, *, places: int = 2, maximum: int = 10**9, required: bool = True) -> Decimal | None:
    """A figure typed the Vietnamese way (1.234,5) or with a decimal point (1234.5); never negative."""
    number = _figure("num", value, what, maximum, required)
    if number is not None and -number.as_tuple().exponent > places:
        raise Refused(f"«{what}»: tối đa {places} chữ số thập phân.")
    return number


def count(value, what: str, *, maximum: int = 100_000, required: bool = True) -> int | None:
    return _figure("int", value, what, maximum, required)


def _figure(kind: str, value, what: str, maximum: int, required: bool):
    """A figure read as the assessments read one (engine.inputs: ``num`` as a Decimal, ``int``), at most ``maximum``."""
    value = (value or "").strip() if isinstance(value, str) else value
    if value in ("", None):
        if required:
            raise Refused(f"Hãy nhập {what}.")
        return None
    try:
        number = parse_one(kind, value)
    except ValueError as e:
        raise Refused(f"«{what}»: {e}.") from None
    number = Decimal(number) if kind == "num" else number
    if number > maximum:
        raise Refused(f"«{what}»: số quá lớn (tối đa {fmt.number(maximum)}).")
    return number


def year(value, what: str, *, low: int = 1900, high: int) -> int | None:
    """A year of four digits in [low, high]; None when left empty."""
    value = (value or "").strip()
    if not value:
        return None
    number = posted.integer(value) if len(value) == 4 else None
    if number is None or not low <= number <= high:
        raise Refused(f"«{what}»: «{value[:20]}» không phải là năm hợp lệ (từ {low} đến {high}).")
    return number
