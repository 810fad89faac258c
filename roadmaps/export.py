"""Plan vs actual and the gap list as an XLSX workbook (openpyxl)."""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

STATUS = {"met": "Đạt", "late": "Chậm", "upcoming": "Chưa đến hạn", "none": ""}
HEAD = Font(bold=True)
FILL = PatternFill("solid", fgColor="DDE7F1")


def _header(ws, titles, widths):
    ws.append(titles)
    for cell in ws[ws.max_row]:
        cell.font, cell.fill = HEAD, FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for i, width in enumerate(widths):
        ws.column_dimensions[chr(ord("A") + i)].width = width


DEMO = "DỮ LIỆU MẪU: số liệu tổng hợp để trình diễn, không phải số liệu thật."


def workbook(r, province_name: str, *, demo: bool = False) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Kế hoạch và thực tế"
    if demo:
        ws.append([DEMO])
        ws[ws.max_row][0].font = Font(bold=True, color="9C0006")
    ws.append([f"Lộ trình — {province_name}"])
    ws.append([r.plan.title])
    ws.append([r.plan.source])
    ws.append([f"Số phường khi ban hành: {r.plan.base_units}"])
    ws.append([])
    _header(ws, ["Năm", "Mục tiêu mới", "Lũy kế theo văn bản", "Lũy kế tính lại", "Cách tính lại", "Thực tế lũy kế", "Tình trạng", "Mốc"],
            [8, 12, 18, 16, 36, 14, 14, 22])
    for line in r.lines:
        ws.append([line.year, line.target_new, line.target_cumulative, line.target_cumulative_rebased, line.rebase_note,
                   line.actual_cumulative, STATUS[line.status], line.milestone])
    if r.unplanned:
        ws.append([])
        ws.append([f"Chưa có kế hoạch ({len(r.unplanned)} phường ngoài địa bàn của kế hoạch): "
                   + ", ".join(w.name for w in r.unplanned)])
    gaps = wb.create_sheet("Phường gần đạt chuẩn")
    if demo:
        gaps.append([DEMO])
    gaps.append([f"Năm {r.latest_year}: xếp theo số tiêu chí còn thiếu"])
    _header(gaps, ["Thứ tự", "Phường", "Thuộc", "Số tiêu chí chưa đạt", "Tiêu chí", "Việc cần làm"], [8, 26, 24, 12, 10, 80])
    for rank, g in enumerate(r.gaps, start=1):
        if not g.failing:
            gaps.append([rank, g.unit.name, g.unit.parent.name if g.unit.parent else "", 0, "", "Đạt đủ 22 tiêu chí"])
        for code, _status, texts in g.failing:
            gaps.append([rank, g.unit.name, g.unit.parent.name if g.unit.parent else "", g.count, code, "; ".join(texts)])
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
