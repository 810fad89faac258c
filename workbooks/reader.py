"""Reading an opened workbook (workbooks.safety) back into cells, matched to the template by its metadata sheet.

The reader checks the workbook's shape only — the metadata, the sheets, the header codes, formulas, merged cells,
ward ids — and reports every problem with its sheet and cell. Whether a figure is valid and may be written is the
importer's business (workbooks.importer), through the same validation as the entry form.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter, range_boundaries

from frameworks import registry
from frameworks.models import Framework

from . import layout
from .safety import Opened


@dataclass(frozen=True)
class Problem:
    sheet: str
    cell: str  # "F7", or "" for the whole sheet or file
    message: str  # Vietnamese

    @property
    def where(self) -> str:
        if self.sheet and self.cell:
            return f"{self.sheet}!{self.cell}"
        return self.sheet


@dataclass
class SheetRow:
    sheet: str
    number: int  # the row number in the sheet
    unit_id: int
    code: str  # the ward code written in the row
    cells: dict  # column key → (value, "F7")


@dataclass
class Sheet:
    name: str
    framework: Framework
    columns: list  # layout.Column


@dataclass
class Upload:
    province_id: int | None = None
    year: int | None = None
    generated_at: str = ""
    sheets: list = field(default_factory=list)  # Sheet
    rows: list = field(default_factory=list)  # SheetRow
    problems: list = field(default_factory=list)  # Problem

    def problem(self, sheet: str, cell: str, message: str) -> None:
        self.problems.append(Problem(sheet, cell, message))


NOT_OURS = ("Tệp không phải mẫu nhập số liệu của KiểuMẫu (không có trang thông tin «_meta» của mẫu). Hãy tải mẫu "
            "trên trang «Nhập số liệu bằng Excel», điền rồi tải lên.")


def read(opened: Opened) -> Upload:
    book = opened.book
    upload = Upload()
    meta = _metadata(book, upload)
    if meta is None:
        return upload
    names = set(book.sheetnames)
    for name, code, version in meta["sheets"]:
        framework = Framework.objects.filter(code=code, version=version).first()
        if framework is None:
            upload.problem("", "", f"Mẫu ghi bộ tiêu chí «{code}» phiên bản {version}, không có trên KiểuMẫu: hãy tải mẫu mới.")
            continue
        if name not in names:
            extra = sorted(names - {layout.GUIDE, layout.META} - {n for n, _c, _v in meta["sheets"]})
            hint = f" Có trang lạ: {', '.join('«' + n + '»' for n in extra)} — trang đã bị đổi tên?" if extra else ""
            upload.problem(name, "", f"Không thấy trang «{name}» của mẫu (trang đã bị đổi tên hoặc xóa).{hint}")
            continue
        sheet = Sheet(name, framework, layout.columns(registry.compiled(framework)))
        upload.sheets.append(sheet)
        try:
            _read_sheet(book[name], sheet, opened.merges.get(name, []), upload)
        except (ValueError, TypeError, OverflowError):
            # openpyxl converts each cell as it reads it: a number cell written by hand in the file's XML as NaN,
            # inf or 0x10 (Excel never writes these) fails there, before any cell of ours is looked at
            upload.problem(name, "", f"Trang «{name}» có ô số không đọc được (NaN, vô cực hay số viết kiểu khác, do "
                                     "tệp bị sửa ngoài Excel). Hãy tải mẫu mới, điền lại bằng Excel rồi tải lên.")
    return upload


def _metadata(book, upload: Upload) -> dict | None:
    if layout.META not in book.sheetnames:
        upload.problem("", "", NOT_OURS)
        return None
    pairs, sheets = {}, []
    for row in book[layout.META].iter_rows(max_row=200, max_col=6, values_only=True):
        if not row or row[0] is None:
            continue
        if row[0] == "trang":
            if len(row) >= 4 and isinstance(row[1], str) and isinstance(row[2], str) and _int(row[3]) is not None:
                sheets.append((row[1], row[2], _int(row[3])))
            continue
        pairs[str(row[0])] = row[1] if len(row) > 1 else None
    if pairs.get("loai") != layout.KIND:
        upload.problem("", "", NOT_OURS)
        return None
    if _int(pairs.get("phien_ban_mau")) != layout.TEMPLATE_VERSION:
        upload.problem("", "", "Tệp là mẫu của một phiên bản khác của KiểuMẫu: hãy tải mẫu mới rồi chép số liệu sang.")
        return None
    upload.province_id, upload.year = _int(pairs.get("tinh_id")), _int(pairs.get("nam"))
    upload.generated_at = str(pairs.get("tao_luc") or "")
    if upload.province_id is None or upload.year is None or not sheets:
        upload.problem("", "", "Trang thông tin «_meta» của mẫu đã bị sửa (thiếu tỉnh, năm hoặc trang dữ liệu): "
                               "hãy tải mẫu mới.")
        return None
    return {"sheets": sheets}


def _int(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit() and len(value.strip()) < 12:
        return int(value.strip())
    return None


def _read_sheet(ws, sheet: Sheet, merges: list[str], upload: Upload) -> None:
    name, cols = sheet.name, sheet.columns
    width = len(cols)
    for ref in merges:
        try:
            _min_col, _min_row, _max_col, max_row = range_boundaries(ref)
        except (ValueError, TypeError):
            continue
        if max_row is None or max_row >= layout.CODE_ROW:
            upload.problem(name, ref.split(":")[0], f"Trang có ô gộp ({ref}): hãy bỏ gộp ô (Merge → Unmerge) rồi tải lên lại.")
    if any(p.sheet == name for p in upload.problems):
        return
    seen: dict[int, int] = {}
    header = False
    # safety.open_workbook refused any sheet with a row past the limit: this loop reads at most that many rows
    for number, cells in enumerate(ws.iter_rows(min_row=1, max_col=width + layout.EXTRA_COLUMNS), start=1):
        if number == layout.CODE_ROW:
            if not _header_ok(cells, cols, name, upload):
                return
            header = True
            continue
        if number < layout.FIRST_ROW:
            continue
        row = _data_row(cells, cols, name, number, upload)
        if row is None:
            continue
        if row.unit_id in seen:
            upload.problem(name, f"A{number}", f"Phường mã hệ thống {row.unit_id} có hai dòng (dòng {seen[row.unit_id]} "
                                               f"và dòng {number}): hãy giữ một dòng.")
            continue
        seen[row.unit_id] = number
        upload.rows.append(row)
    if not header:
        upload.problem(name, "", "Trang dữ liệu không còn dòng tiêu đề của mẫu: hãy dùng đúng mẫu đã tải.")


def _header_ok(cells, cols: list, name: str, upload: Upload) -> bool:
    for col in cols:
        value = cells[col.index - 1].value if col.index - 1 < len(cells) else None
        if str(value or "").strip() != col.key:
            upload.problem(name, f"{col.letter}{layout.CODE_ROW}",
                           f"Ô phải ghi mã «{col.key}», đang ghi «{_shown(value)}»: cột đã bị chèn, xóa, đổi chỗ hoặc "
                           "sửa tiêu đề. Hãy dùng đúng mẫu đã tải.")
            return False
    for cell_no, cell in enumerate(cells[len(cols):], start=len(cols) + 1):
        if cell.value is not None:
            upload.problem(name, f"{get_column_letter(cell_no)}{layout.CODE_ROW}",
                           "Cột này không có trong mẫu (đã chèn thêm cột?): hãy xóa cột rồi tải lên lại.")
            return False
    return True


def _data_row(cells, cols: list, name: str, number: int, upload: Upload) -> SheetRow | None:
    """The row's cells by column key, or None when the row is blank or unusable (its problems recorded)."""
    values = [c.value for c in cells]
    if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
        return None
    bad = False
    for cell_no, cell in enumerate(cells, start=1):
        if cell.data_type == "f":
            upload.problem(name, f"{get_column_letter(cell_no)}{number}",
                           f"Ô {get_column_letter(cell_no)}{number} chứa công thức ({_shown(cell.value)}): chỉ nhận giá trị. "
                           "Hãy chép rồi dán đặc biệt «chỉ giá trị» (Paste Special → Values).")
            bad = True
        elif cell_no > len(cols) and cell.value is not None and not (isinstance(cell.value, str) and not cell.value.strip()):
            upload.problem(name, f"{get_column_letter(cell_no)}{number}",
                           "Ô nằm ngoài các cột của mẫu: hãy xóa nội dung ô này.")
            bad = True
    unit_id = _int(values[layout.ID - 1]) if values else None
    if unit_id is None:
        upload.problem(name, f"A{number}", f"Dòng {number} không có mã hệ thống của phường (cột A, «Mã hệ thống»): "
                                           "hãy chép cả dòng từ mẫu, không gõ tay.")
        return None
    if bad:
        return None
    code = values[layout.CODE - 1] if len(values) >= layout.CODE else None
    row = SheetRow(name, number, unit_id, str(code).strip() if code is not None else "", {})
    for col in cols:
        if col.kind != "fixed":
            value = values[col.index - 1] if col.index - 1 < len(values) else None
            row.cells[col.key] = (value, f"{col.letter}{number}")
    return row


def _shown(value) -> str:
    text = "" if value is None else str(value)
    return text[:40] + ("…" if len(text) > 40 else "")
