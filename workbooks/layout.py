"""The shape of the data-entry workbook, shared by the writer and the reader so the two can never disagree.

A workbook has a "Hướng dẫn" sheet (instructions), one data sheet per criteria-framework version among the wards of
the province-year (wards of one province usually share a version; a ward whose assessment was pinned to another
version gets its own sheet rather than columns that do not apply to it), and a hidden metadata sheet that names the
template kind, the province, the year and each data sheet's framework, so an upload is matched to its template.

A data sheet: rows 1–5 are headers (row 3 holds the machine codes the reader checks), one row per ward from row 6.
Columns: the ward's system id, official code, name and record status (locked), then one column per indicator in the
framework's order; an indicator read by ``prev()`` gets a "last year" column right before its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from openpyxl.utils import get_column_letter

from engine.inputs import MAX_INT, MAX_NUM

KIND = "kieumau.mau-nhap-so-lieu"
TEMPLATE_VERSION = 1
GUIDE = "Hướng dẫn"
META = "_meta"
TITLE_ROW, GROUP_ROW, CODE_ROW, LABEL_ROW, UNIT_ROW = 1, 2, 3, 4, 5
FIRST_ROW = 6

# Hostile-file limits (workbooks.safety and the reader).
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000  # data rows; a province has a few hundred wards at most
MAX_UNCOMPRESSED = 50 * 1024 * 1024  # all members of the zip together, as declared by the zip itself
MAX_RATIO = 100  # a member larger than 1 MB compressed more than 100:1 is a zip bomb, not a spreadsheet
MAX_MEMBERS = 1000
EXTRA_COLUMNS = 30  # columns right of the template read to tell the user they hold something


@dataclass(frozen=True)
class Column:
    index: int  # 1-based
    key: str  # written in the code row: "id", "ma", "ten", "ho_so", an indicator code, or "truoc:<code>"
    kind: str  # "fixed" | "value" | "prev"
    indicator: object = None  # engine.framework.Indicator for value and prev columns
    title: str = ""  # the fixed columns' header

    @property
    def letter(self) -> str:
        return get_column_letter(self.index)

    @property
    def code(self) -> str:
        return self.indicator.code if self.indicator is not None else ""


FIXED = (("id", "Mã hệ thống"), ("ma", "Mã phường"), ("ten", "Tên phường"), ("ho_so", "Hồ sơ"))
ID, CODE, NAME, STATUS = 1, 2, 3, 4
PREV_PREFIX = "truoc:"


def columns(fw) -> list[Column]:
    """The columns of a data sheet for a compiled framework."""
    out = [Column(i, key, "fixed", title=title) for i, (key, title) in enumerate(FIXED, start=1)]
    prev = set(fw.prev_codes)
    for code, ind in fw.indicators.items():
        if code in prev:
            out.append(Column(len(out) + 1, PREV_PREFIX + code, "prev", ind))
        out.append(Column(len(out) + 1, code, "value", ind))
    return out


def sheet_names(versions: list[tuple[str, int]]) -> dict[tuple[str, int], str]:
    """(framework code, version) → data sheet name: "Dữ liệu" alone, else one per version."""
    if len(versions) == 1:
        return {versions[0]: "Dữ liệu"}
    return {v: f"Dữ liệu (phiên bản {v[1]})" for v in versions}


def bounds(ind) -> tuple[str, object, object]:
    """(Excel validation type, minimum, maximum) of a numeric indicator; percent figures stay within 0–100."""
    if ind.type == "int":
        return "whole", 0, MAX_INT
    if ind.unit.strip() == "%":
        return "decimal", 0, 100
    return "decimal", 0, MAX_NUM


def type_hint(ind) -> str:
    """What a cell takes, as the header's unit row says it."""
    unit = f"{ind.unit}; " if ind.unit else ""
    if ind.type == "bool":
        return "Có / Không"
    if ind.type == "int":
        return f"{unit}số nguyên ≥ 0"
    _kind, low, high = bounds(ind)
    return f"{unit}số từ {low} đến {high}" if high == 100 else f"{unit}số ≥ 0"


def excel_value(type_: str, stored):
    """A stored figure (engine.inputs' stored form) as a cell value."""
    if stored is None:
        return None
    if type_ == "bool":
        return "Có" if stored else "Không"
    if type_ == "num":
        number = Decimal(str(stored))
        return int(number) if number == number.to_integral() else number
    return stored
