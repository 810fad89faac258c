"""Turn raw input (form strings, JSON values) into typed indicator values.

Every problem is reported per field in Vietnamese; callers save nothing when
``errors`` is not empty. Numbers are read the Vietnamese way too: "1.234"
is one thousand two hundred thirty-four and "1,5" is one and a half.

Stored form (JSON-safe): int → int, bool → bool, num → decimal string
("123.45"), so no binary float ever carries a figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from . import fmt
from .framework import Framework

MAX_INT = 10**9
MAX_NUM = Decimal(10) ** 12
MAX_PLACES = 4

_TRUE = {"1", "true", "yes", "có", "co", "đạt", "dat", "x", "on"}
_FALSE = {"0", "false", "no", "không", "khong", "không đạt", "khong dat", "off"}
# ASCII only (re.ASCII): Python's \d, str.isdigit(), int() and Decimal() also read Arabic-Indic, full-width or
# superscript digits, which nobody means when typing a figure.
_GROUPED_INT = re.compile(r"^[0-9]{1,3}(\.[0-9]{3})+$", re.ASCII)
_INT = re.compile(r"[0-9]+", re.ASCII)
_NEGATIVE_INT = re.compile(r"-\s*[0-9]+", re.ASCII)
_FRACTIONAL = re.compile(r"-?[0-9]+[.,][0-9]+", re.ASCII)
_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?", re.ASCII)
# Longer than any figure we accept (10^12 with 4 decimals, grouped): refused before converting, so a 5,000-digit
# string never reaches int() (whose own limit answers in English).
MAX_TEXT = 24


@dataclass
class Parsed:
    values: dict = field(default_factory=dict)  # code -> stored form
    errors: dict = field(default_factory=dict)  # code -> Vietnamese message

    @property
    def ok(self) -> bool:
        return not self.errors


def parse_values(framework: Framework, raw: dict, *, codes=None) -> Parsed:
    """Parse ``raw`` (code → value); blank values are simply absent.

    ``codes`` limits which indicators are accepted (e.g. only those read by
    ``prev()`` for previous-year figures).
    """
    out = Parsed()
    if not isinstance(raw, dict):
        out.errors["__all__"] = "Cần một bảng mã chỉ số → giá trị"
        return out
    allowed = set(framework.indicators) if codes is None else set(codes)
    for code, value in raw.items():
        if code not in allowed:
            out.errors[code] = (
                "Chỉ số không có trong bộ tiêu chí" if code not in framework.indicators
                else "Chỉ số này không nhập số liệu năm trước"
            )
            continue
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        try:
            out.values[code] = parse_one(framework.indicators[code].type, value)
        except ValueError as exc:
            out.errors[code] = str(exc)
    check_totals(framework, out)
    return out


def parse_one(type_: str, value):
    if type_ == "bool":
        return _parse_bool(value)
    if type_ == "int":
        return _parse_int(value)
    return _parse_num(value)


def _parse_bool(value) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _TRUE:
        return True
    if isinstance(value, str) and value.strip().lower() in _FALSE:
        return False
    raise ValueError("Chỉ nhận Đạt hoặc Không đạt (có/không)")


def _parse_int(value) -> int:
    if isinstance(value, bool):
        raise ValueError("Cần một số nguyên, không phải đúng/sai")
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise ValueError("Phải là số nguyên (không có phần lẻ)")
        number = int(value)
    elif isinstance(value, str):
        text = _plain(value, MAX_INT)
        if _GROUPED_INT.match(text):
            text = text.replace(".", "")
        if _NEGATIVE_INT.fullmatch(text):
            raise ValueError("Không được là số âm")
        if _FRACTIONAL.fullmatch(text):
            raise ValueError("Phải là số nguyên (không có phần lẻ)")
        if not _INT.fullmatch(text):
            raise ValueError(_not_a_number(value))
        number = int(text)
    else:
        raise ValueError("Cần một số nguyên")
    if number < 0:
        raise ValueError("Không được là số âm")
    if number > MAX_INT:
        raise ValueError(f"Số quá lớn (tối đa {fmt.number(MAX_INT)})")
    return number


def _parse_num(value) -> str:
    if isinstance(value, bool):
        raise ValueError("Cần một số, không phải đúng/sai")
    if isinstance(value, (int, float)):
        text = repr(value)
    elif isinstance(value, str):
        text = _plain(value, int(MAX_NUM))
        if "," in text:  # Vietnamese: dots group thousands, the comma is the decimal mark
            text = text.replace(".", "").replace(",", ".")
        elif _GROUPED_INT.match(text):
            text = text.replace(".", "")
    else:
        raise ValueError("Cần một số")
    if not _DECIMAL.fullmatch(text):
        raise ValueError(_not_a_number(value))
    try:
        number = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the regex above admits only valid decimals
        raise ValueError("Không phải là số") from None
    if number < 0:
        raise ValueError("Không được là số âm")
    if number > MAX_NUM:
        raise ValueError(f"Số quá lớn (tối đa {fmt.number(int(MAX_NUM))})")
    if -number.as_tuple().exponent > MAX_PLACES:
        raise ValueError(f"Tối đa {MAX_PLACES} chữ số thập phân")
    normal = number.normalize()
    return f"{normal:f}" if normal != normal.to_integral() else str(int(normal))


def _plain(value: str, limit: int) -> str:
    """The figure without spaces; refused when longer than any figure could be."""
    text = value.strip().replace(" ", "").replace("\u00a0", "")
    if len(text) > MAX_TEXT:
        digits = text.lstrip("-").replace(".", "").replace(",", "")
        raise ValueError(f"Số quá lớn (tối đa {fmt.number(limit)})" if _INT.fullmatch(digits) else _not_a_number(value))
    return text


def _not_a_number(value) -> str:
    shown = str(value).strip()
    shown = shown[:30] + ("…" if len(shown) > 30 else "")
    return f"«{shown}» không phải là số: chỉ dùng chữ số 0–9 (có thể viết 1.234 hoặc 12,5)"


def check_totals(framework: Framework, parsed: Parsed) -> None:
    """A part may not exceed its total (``max:`` in the framework); name both fields."""
    for code, ind in framework.indicators.items():
        if ind.max is None or code in parsed.errors or ind.max in parsed.errors:
            continue
        part, total = parsed.values.get(code), parsed.values.get(ind.max)
        if part is None or total is None:
            continue
        if Decimal(str(part)) > Decimal(str(total)):
            other = framework.indicators[ind.max]
            del parsed.values[code]  # a field with an error is never evaluated (the live preview leaves it out)
            parsed.errors[code] = (
                f"«{ind.label}» ({fmt.number(Decimal(str(part)))}) không được lớn hơn "
                f"«{other.label}» ({fmt.number(Decimal(str(total)))})"
            )
