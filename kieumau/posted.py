"""Reading what a form posted into plain values, with refusals worded for the user (Vietnamese, saying where)."""

from __future__ import annotations

import datetime as dt
import re

from django import forms

MAX_TEXT = 8000  # a free-text answer, finding or difficulty (a few pages)
# control characters other than tab and line breaks: never typed, PostgreSQL refuses NUL, exports choke on the rest
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_DATE = forms.DateField(input_formats=["%Y-%m-%d", "%d/%m/%Y"], required=False)


class Refused(Exception):
    """A write the rules do not allow, or input that cannot be read; the message is shown and nothing is written."""


def text(value, what: str, *, required: bool = True, limit: int = MAX_TEXT) -> str:
    value = (value or "").strip()
    if required and not value:
        raise Refused(f"Hãy ghi {what}.")
    if len(value) > limit:
        raise Refused(f"Phần «{what}» dài quá {limit} ký tự.")
    if CONTROL.search(value):
        raise Refused(f"Phần «{what}» có ký tự điều khiển không đọc được; hãy gõ lại.")
    return value


def date(value) -> dt.date | None:
    """A date typed as 2026-11-23 (the date picker) or 23/11/2026; None when left empty."""
    try:
        return _DATE.clean(value or "")
    except forms.ValidationError:
        raise Refused(f"Ngày «{(value or '')[:20]}» không đúng dạng ngày/tháng/năm.") from None


def integer(value) -> int | None:
    """A row id from a form (ASCII digits only); None for anything else."""
    value = value or ""
    return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else None


def plain(value, what: str, *, required: bool = True, limit: int = MAX_TEXT) -> str:
    """``text``, also refused when it carries markup or control characters (gate.text: never stored, the user is told)."""
    from gate.text import problem

    value = text(value, what, required=required, limit=limit)
    if why := problem(value, f"Phần «{what}»"):
        raise Refused(why)
    return value


def choice(value, choices, what: str) -> str:
    """One of a TextChoices' values (``choices``); anything else refused."""
    value = (value or "").strip()
    if value not in choices.values:
        raise Refused(f"Hãy chọn {what} trong danh sách.")
    return value
