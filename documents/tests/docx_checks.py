"""Reads a generated DOCX back (python-docx) and lists where it departs from Nghị định 30/2020's format (Phụ lục I).

Used by the tests on every document KiểuMẫu makes; an empty list means the format holds.
"""

from __future__ import annotations

import io
import re

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm

from documents.metrics import width_pt

DATE = re.compile(r"^.+, ngày (0[1-9]|[12][0-9]|3[01]) tháng (01|02|[3-9]|1[0-2]) năm [0-9]{4}$")


def _mm(length) -> float:
    return length / Mm(1)


def _runs_size(p) -> float | None:
    sizes = {r.font.size.pt for r in p.runs if r.font.size is not None and r.text.strip()}
    return sizes.pop() if len(sizes) == 1 else None


def _bold(p) -> bool:
    return all(r.font.bold for r in p.runs if r.text.strip())


def _italic(p) -> bool:
    return all(r.font.italic for r in p.runs if r.text.strip())


def _rule_length_pt(p, column_mm: float) -> float | None:
    ppr = p._p.pPr
    if ppr is None or ppr.find(qn("w:pBdr")) is None or ppr.find(qn("w:pBdr")).find(qn("w:bottom")) is None:
        return None
    left = p.paragraph_format.left_indent or 0
    right = p.paragraph_format.right_indent or 0
    return column_mm * 72 / 25.4 - left / 12700 - right / 12700


def problems(content: bytes, *, party: bool = False, signers: int = 1) -> list[str]:
    doc = Document(io.BytesIO(content))
    out = []
    s = doc.sections[0]
    if abs(_mm(s.page_width) - 210) > 0.5 or abs(_mm(s.page_height) - 297) > 0.5:
        out.append("khổ giấy không phải A4")
    for name, value, low, high in (("trên", s.top_margin, 20, 25), ("dưới", s.bottom_margin, 20, 25),
                                   ("trái", s.left_margin, 30, 35), ("phải", s.right_margin, 15, 20)):
        if not low - 0.1 <= _mm(value) <= high + 0.1:
            out.append(f"lề {name} {_mm(value):.1f} mm ngoài {low}–{high} mm")
    normal = doc.styles["Normal"].font
    if normal.name != "Times New Roman" or not 13 <= normal.size.pt <= 14:
        out.append("phông chữ thân bài không phải Times New Roman 13–14")
    every = [p for p in doc.paragraphs] + [p for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    for p in every:
        for r in p.runs:
            if r.font.name not in (None, "Times New Roman"):
                out.append(f"phông {r.font.name} ở «{r.text[:30]}»")
    head = doc.tables[0]
    left, right = head.rows[0].cells
    texts = [p.text for p in right.paragraphs]
    top = right.paragraphs[0]
    if party:
        if top.text != "ĐẢNG CỘNG SẢN VIỆT NAM" or not _bold(top):
            out.append("thiếu «ĐẢNG CỘNG SẢN VIỆT NAM» in đậm")
        if any("CỘNG HÒA" in t for t in texts):
            out.append("văn bản Đảng còn Quốc hiệu")
        if "*" not in [p.text for p in left.paragraphs]:
            out.append("thiếu dấu * dưới tên cơ quan (văn bản Đảng)")
    else:
        if top.text != "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" or not _bold(top) or not 12 <= (_runs_size(top) or 0) <= 13:
            out.append("Quốc hiệu không đúng (chữ in hoa, đậm, cỡ 12–13)")
        motto = right.paragraphs[1]
        if motto.text != "Độc lập - Tự do - Hạnh phúc" or not _bold(motto) or not 13 <= (_runs_size(motto) or 0) <= 14:
            out.append("Tiêu ngữ không đúng (đậm, cỡ 13–14)")
        else:
            length = _rule_length_pt(right.paragraphs[2], _mm(right.width))
            text = width_pt(motto.text, _runs_size(motto), bold=True)
            if length is None or abs(length - text) > 0.08 * text:
                out.append("thiếu đường kẻ dưới Tiêu ngữ dài bằng dòng chữ")
        issuer = left.paragraphs[1]
        length = _rule_length_pt(left.paragraphs[2], _mm(left.width))
        full = width_pt(issuer.text, _runs_size(issuer) or 13, bold=True)
        if not _bold(issuer) or issuer.text != issuer.text.upper():
            out.append("tên cơ quan ban hành phải in hoa, đậm")
        if length is None or not (min(full, _mm(left.width) * 72 / 25.4) / 3 - 1 <= length <= full / 2 + 1):
            out.append("đường kẻ dưới tên cơ quan không dài 1/3–1/2 dòng chữ")
    if left.paragraphs[0].text != left.paragraphs[0].text.upper() or not left.paragraphs[0].text:
        out.append("thiếu tên cơ quan chủ quản (in hoa)")
    number = [p.text for p in left.paragraphs if p.text.startswith("Số")]
    if not number or not re.search(r"(/|-)(BC|QĐ|BB)[-/]", number[0]):
        out.append("thiếu dòng «Số: …/…» có chữ viết tắt tên loại văn bản")
    dated = [p for p in right.paragraphs if DATE.match(p.text)]
    if not dated or not _italic(dated[0]):
        out.append("thiếu dòng địa danh, ngày tháng năm in nghiêng đúng dạng (ngày 05 tháng 02 năm 2026)")
    body = doc.paragraphs
    kinds = [i for i, p in enumerate(body) if p.text in ("BÁO CÁO", "QUYẾT ĐỊNH", "BIÊN BẢN")]
    if not kinds or not _bold(body[kinds[0]]):
        out.append("thiếu tên loại văn bản in đậm")
    else:
        after = body[kinds[0] + 1]
        if not after.text or not _bold(after):
            out.append("thiếu trích yếu in đậm")
    places = [c for t in doc.tables for row in t.rows for c in row.cells]
    received = [p for c in places for p in c.paragraphs if p.text == "Nơi nhận:"]
    if not received or not (_bold(received[0]) and _italic(received[0])):
        out.append("thiếu khối «Nơi nhận:» (đậm, nghiêng)")
    signing = [c for t in doc.tables[1:] for row in t.rows for c in row.cells
               if c.paragraphs and _bold(c.paragraphs[0]) and c.paragraphs[0].text.isupper() and c.paragraphs[-1].text]
    if len(signing) < signers:
        out.append(f"thiếu chức vụ và họ tên {signers} người ký")
    if not s.different_first_page_header_footer:
        out.append("số trang không bắt đầu từ trang 2")
    if any(p.text.strip() for p in s.first_page_header.paragraphs):
        out.append("trang 1 có số trang")
    header = s.header.paragraphs[0]
    if "PAGE" not in "".join(header._p.itertext()) or header.alignment != 1:
        out.append("thiếu số trang ở giữa phần đầu trang")
    return out
