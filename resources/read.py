"""Reading the registers' forms: every refusal says what is wrong and where (Vietnamese), nothing is written."""

from __future__ import annotations

from decimal import Decimal

from engine.inputs import parse_one
from gate.text import problem
from kieumau import posted
from kieumau.posted import Refused


def decimal(value, what: str, *, places: int = 2, maximum: int = 10**9, required: bool = True) -> Decimal | None:
    """A figure typed the Vietnamese way (1.234,5) or with a decimal point (1234.5); never negative."""
    value = (value or "").strip() if isinstance(value, str) else value
    if value in ("", None):
        if required:
            raise Refused(f"Hãy nhập {what}.")
        return None
    try:
        number = Decimal(parse_one("num", value))
    except ValueError as e:
        raise Refused(f"«{what}»: {e}.") from None
    if number > maximum:
        raise Refused(f"«{what}»: số quá lớn (tối đa {maximum:,}).".replace(",", "."))
    if -number.as_tuple().exponent > places:
        raise Refused(f"«{what}»: tối đa {places} chữ số thập phân.")
    return number


def count(value, what: str, *, maximum: int = 100_000, required: bool = True) -> int | None:
    value = (value or "").strip() if isinstance(value, str) else value
    if value in ("", None):
        if required:
            raise Refused(f"Hãy nhập {what}.")
        return None
    try:
        number = parse_one("int", value)
    except ValueError as e:
        raise Refused(f"«{what}»: {e}.") from None
    if number > maximum:
        raise Refused(f"«{what}»: số quá lớn (tối đa {maximum:,}).".replace(",", "."))
    return number


def choice(value, choices, what: str):
    """One of a TextChoices' values; anything else refused."""
    value = (value or "").strip()
    if value not in choices.values:
        raise Refused(f"Hãy chọn {what} trong danh sách.")
    return value


def plain(value, what: str, *, required: bool = True, limit: int = 300) -> str:
    value = posted.text(value, what, required=required, limit=limit)
    why = problem(value, f"«{what}»")
    if why:
        raise Refused(why)
    return value


def year(value, what: str = "năm", *, low: int = 1900, high: int = 2100, required: bool = False) -> int | None:
    value = (value or "").strip()
    if not value:
        if required:
            raise Refused(f"Hãy nhập {what}.")
        return None
    if not (value.isascii() and value.isdigit() and len(value) == 4) or not low <= int(value) <= high:
        raise Refused(f"«{what}»: «{value[:20]}» không phải là năm hợp lệ (từ {low} đến {high}).")
    return int(value)
