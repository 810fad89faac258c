"""The data-entry template of a province-year as an XLSX workbook (openpyxl), in Vietnamese.

Input cells are unlocked; everything else (the ward columns, last year's figures that come from a record, figures a
register computes, the rows of wards the user may not change) is locked by sheet protection and shaded, so Excel
itself stops most mistakes. The reader trusts none of it: every cell is checked again on upload.
"""

from __future__ import annotations

from io import BytesIO

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation

from engine import fmt

from . import layout

HEAD = Font(bold=True)
HEAD_FILL = PatternFill("solid", fgColor="DDE7F1")
LOCKED_FILL = PatternFill("solid", fgColor="EDEDED")
UNLOCKED = Protection(locked=False)
WRAP = Alignment(wrap_text=True, vertical="top")


def build(province_name: str, province, year: int, rows: list, *, generated_at, generated_by: str = "") -> bytes:
    """``rows``: workbooks.wards.WardRow of the wards the user sees, in the matrix's order."""
    wb = Workbook()
    guide = wb.active
    guide.title = layout.GUIDE
    versions = sorted({(r.framework.code, r.framework.version) for r in rows}, key=lambda v: v[1])
    names = layout.sheet_names(versions) if versions else {}
    by_version = {v: [r for r in rows if (r.framework.code, r.framework.version) == v] for v in versions}
    sheets = []
    for version in versions:
        group = by_version[version]
        sheets.append((names[version], group[0].framework, len(group)))
        _data_sheet(wb.create_sheet(names[version]), group, province_name, year)
    generated_at = timezone.localtime(generated_at)
    _guide(guide, province_name, year, sheets, rows, generated_at)
    _meta(wb.create_sheet(layout.META), province, year, sheets, generated_at, generated_by)
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def framework_name(framework) -> str:
    """The framework's title with its version, once (version 2's title already names it)."""
    named = f"phiên bản {framework.version}"
    return framework.title if named in framework.title.lower() else f"{framework.title}, {named}"


def _guide(ws, province_name: str, year: int, sheets: list, rows: list, generated_at) -> None:
    ws.column_dimensions["A"].width = 110
    lines = [
        (f"Mẫu nhập số liệu đánh giá năm {year} — {province_name}", Font(bold=True, size=14)),
        (f"Tạo lúc {generated_at.strftime('%H:%M ngày %d/%m/%Y')}; {len(rows)} phường.", None),
    ]
    if any(r.assessment is not None and r.assessment.is_demo for r in rows):
        lines.append(("DỮ LIỆU MẪU: số liệu đang lưu là số liệu trình diễn, không phải số liệu thật.",
                      Font(bold=True, color="9C0006")))
    lines += [
        ("", None),
        ("Cách điền", HEAD),
        ("1. Điền số liệu vào trang dữ liệu: mỗi dòng một phường; mỗi cột một chỉ số. Dòng 3 là mã chỉ số "
         "(không sửa), dòng 4 là tên chỉ số, dòng 5 là đơn vị và loại số liệu.", None),
        ("2. Cột «Có / Không»: chọn trong danh sách. Cột số: chỉ nhập số từ 0 trở lên; cột «số nguyên» không có phần "
         "lẻ. Có thể gõ số theo cách của Excel hoặc viết 1.234 hoặc 12,5.", None),
        ("3. Ô đang có số là số liệu đã lưu trên KiểuMẫu. Xóa trắng một ô là xóa số liệu đó (như để trống trên trang "
         "nhập số liệu).", None),
        ("4. Ô tô xám là ô khóa, không sửa được: thông tin phường; số liệu năm trước đã có trong hồ sơ năm "
         "trước; số liệu do sổ theo dõi tính (sửa trên trang nhập số liệu, kèm lý do); dòng của hồ sơ đã gửi đi "
         "thẩm định, của phường đã chấm dứt hoặc bạn chỉ được xem. Cột «Hồ sơ» ghi lý do.", None),
        ("5. Không dùng công thức, không gộp ô, không đổi tên hay xóa trang, không chèn, xóa hoặc đổi chỗ cột. "
         "Thứ tự các dòng không quan trọng: mỗi dòng được nhận ra bằng mã hệ thống ở cột A.", None),
        ("6. Tải tệp đã điền lên trang «Nhập số liệu bằng Excel» của tỉnh. Trang sẽ cho xem trước mọi thay đổi "
         "(số cũ → số mới) và mọi lỗi kèm ô. Chỉ khi tệp không còn lỗi và bạn bấm xác nhận, số liệu mới được lưu, "
         "cùng một lần cho mọi phường.", None),
        (f"7. Giới hạn: tệp không quá {layout.MAX_BYTES // (1024 * 1024)} MB, không quá "
         f"{fmt.number(layout.MAX_ROWS)} dòng dữ liệu.", None),
        ("", None),
        ("Các trang dữ liệu", HEAD),
    ]
    for name, framework, count in sheets:
        lines.append((f"«{name}»: {count} phường — {framework_name(framework)}.", None))
    for text, font in lines:
        ws.append([text])
        cell = ws.cell(ws.max_row, 1)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if font:
            cell.font = font
    ws.protection.sheet = True


def _data_sheet(ws, rows: list, province_name: str, year: int) -> None:
    fw = rows[0].fw
    cols = layout.columns(fw)
    criterion_of = {code: c.code for c in fw.criteria for code in c.indicators}
    title = f"Số liệu năm {year} — {province_name} — {framework_name(rows[0].framework)}"
    ws.cell(layout.TITLE_ROW, 1, title).font = Font(bold=True)
    ws.cell(layout.GROUP_ROW, 1, "Tiêu chí")
    for col in cols:
        if col.kind == "fixed":
            ws.cell(layout.CODE_ROW, col.index, col.key)
            ws.cell(layout.LABEL_ROW, col.index, col.title)
            continue
        ind = col.indicator
        ws.cell(layout.GROUP_ROW, col.index, criterion_of.get(ind.code, ""))
        ws.cell(layout.CODE_ROW, col.index, col.key)
        label = f"Năm {year - 1} (năm trước): {ind.label}" if col.kind == "prev" else ind.label
        ws.cell(layout.LABEL_ROW, col.index, label)
        ws.cell(layout.UNIT_ROW, col.index, layout.type_hint(ind))
        ws.column_dimensions[col.letter].width = 16
    for row_no in (layout.GROUP_ROW, layout.CODE_ROW, layout.LABEL_ROW, layout.UNIT_ROW):
        for col in cols:
            cell = ws.cell(row_no, col.index)
            cell.font, cell.fill, cell.alignment = HEAD, HEAD_FILL, WRAP
    ws.row_dimensions[layout.LABEL_ROW].height = 105
    for letter, width in (("A", 10), ("B", 10), ("C", 28), ("D", 22)):
        ws.column_dimensions[letter].width = width
    validations = _Validations()
    last = layout.FIRST_ROW + len(rows) - 1
    for offset, row in enumerate(rows):
        _ward_row(ws, layout.FIRST_ROW + offset, row, cols)
    if rows:
        for col in cols:
            if col.kind == "fixed":
                continue
            key = "bool" if col.indicator.type == "bool" else layout.bounds(col.indicator)
            validations[key].add(f"{col.letter}{layout.FIRST_ROW}:{col.letter}{last}")
    for dv in validations.values():
        if dv.sqref:
            ws.add_data_validation(dv)
    ws.freeze_panes = ws.cell(layout.FIRST_ROW, layout.STATUS + 1)
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # widths may be changed: they are not data
    ws.protection.formatRows = False
    ws.protection.sort = False


class _Validations(dict):
    """One data validation per kind of cell, created when first asked for (bool, or a numeric type's bounds)."""

    def __missing__(self, key):
        if key == "bool":
            dv = DataValidation(type="list", formula1='"Có,Không"', allow_blank=True)
            dv.error = "Chọn «Có» hoặc «Không» trong danh sách."
        else:
            kind, low, high = key
            dv = DataValidation(type=kind, operator="between", formula1=str(low), formula2=str(high), allow_blank=True)
            dv.error = (f"Chỉ nhận số nguyên từ {low} đến {fmt.number(high)}." if kind == "whole"
                        else f"Chỉ nhận số từ {low} đến {fmt.number(high)}.")
        dv.errorTitle = "Giá trị không hợp lệ"
        dv.showErrorMessage = True
        self[key] = dv
        return dv


def _ward_row(ws, row_no: int, row, cols: list) -> None:
    fixed = {layout.ID: row.unit.pk, layout.CODE: row.unit.code, layout.NAME: row.unit.name,
             layout.STATUS: row.status + (f" — {row.lock}" if row.lock else "")}
    for col in cols:
        cell = ws.cell(row_no, col.index)
        if col.kind == "fixed":
            cell.value = fixed[col.index]
            cell.fill = LOCKED_FILL
            continue
        ind = col.indicator
        if col.kind == "prev":
            locked = row.prev_locked(ind.code)
            stored = row.last_year.get(ind.code) if locked else row.previous.get(ind.code)
        else:
            locked = ind.code in row.provided
            stored = row.locked_value(ind.code) if locked else row.values.get(ind.code)
        cell.value = layout.excel_value(ind.type, stored)
        if ind.type == "int":
            cell.number_format = "0"
        if locked or row.lock:
            cell.fill = LOCKED_FILL
        else:
            cell.protection = UNLOCKED
    ws.cell(row_no, layout.STATUS).alignment = Alignment(wrap_text=False)


def _meta(ws, province, year: int, sheets: list, generated_at, generated_by: str) -> None:
    """Key–value rows the reader matches an upload against; hidden and protected (not secret: every figure is
    checked again on upload, whatever the metadata says)."""
    ws.append(["loai", layout.KIND])
    ws.append(["phien_ban_mau", layout.TEMPLATE_VERSION])
    ws.append(["tinh_id", province.pk])
    ws.append(["tinh_ma", province.code])
    ws.append(["nam", year])
    ws.append(["tao_luc", generated_at.isoformat(timespec="seconds")])
    ws.append(["nguoi_tao", generated_by])
    for name, framework, count in sheets:
        ws.append(["trang", name, framework.code, framework.version, framework.digest, count])
    ws.sheet_state = "hidden"
    ws.protection.sheet = True
