"""The administrative document format of Nghị định 30/2020/NĐ-CP (Phụ lục I), and the Party's variant, in python-docx.

Every document KiểuMẫu sends up the chain is built from these pieces, so the format lives in one place:
A4; margins top/bottom 20 mm, left 30 mm, right 15 mm; Times New Roman; body 14 pt; a header block of two columns
(parent body and issuing body with a short rule, "Số: …/…" on the left; Quốc hiệu and Tiêu ngữ with a rule as long as
the line, then place and date in italics on the right); the type name and trích yếu in bold; the signer's authority,
title and name; "Nơi nhận:"; page numbers centred in the header from page 2.

The Party's format (Hướng dẫn 36-HD/VPTW) replaces the Quốc hiệu with "ĐẢNG CỘNG SẢN VIỆT NAM" and marks the
issuing body with an asterisk under its name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from .metrics import width_pt

FONT = "Times New Roman"
BODY_PT = 14
QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
PARTY = "ĐẢNG CỘNG SẢN VIỆT NAM"
QUOC_HIEU_PT, TIEU_NGU_PT, DATE_PT = 12, 13, 13  # Phụ lục I allows 12–13, 13–14 and 13–14: the smaller sizes keep each on one line
STATE, PARTY_FORMAT = "state", "party"

PAGE_W, PAGE_H = Mm(210), Mm(297)
TOP = BOTTOM = Mm(20)
LEFT, RIGHT = Mm(30), Mm(15)
TEXT_W_MM = 210 - 30 - 15
LEFT_COL_MM, RIGHT_COL_MM = 60, TEXT_W_MM - 60  # the header block's columns (ô 2–3 and ô 1–4 of Phụ lục I)


@dataclass
class Heading:
    """What goes in the header block and under the signature."""

    parent: str                 # "BỘ CÔNG AN" (upper case, regular)
    issuer: str                 # "CÔNG AN TỈNH KHÁNH HÒA" (upper case, bold)
    number: str                 # "Số:       /BC-CAT" (the number is left for the văn thư to fill at signing)
    place: str                  # "Khánh Hòa"
    date_line: str              # documents.dates.date_line(...)
    kind: str                   # "BÁO CÁO"
    summary: str                # the trích yếu
    form: str = STATE


@dataclass
class Signer:
    authority: str = ""         # "KT. GIÁM ĐỐC" / "T/M ĐẢNG ỦY" (empty when signing in one's own right)
    title: str = ""             # "PHÓ GIÁM ĐỐC"
    name: str = ""


@dataclass
class Closing:
    signers: list[Signer]
    recipients: list[str] = field(default_factory=list)


def new_document() -> Document:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE_W, PAGE_H
    section.top_margin, section.bottom_margin = TOP, BOTTOM
    section.left_margin, section.right_margin = LEFT, RIGHT
    section.header_distance = Mm(10)
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(BODY_PT)
    _all_scripts(style.element.get_or_add_rPr())
    style.paragraph_format.space_after = Pt(0)
    _page_numbers(section)
    return doc


def _all_scripts(rpr) -> None:
    """Times New Roman for every script slot, so Word never falls back to another font for Vietnamese letters."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)


def _page_numbers(section) -> None:
    """Page numbers centred in the header, from page 2 on (the first page's header is empty)."""
    section.different_first_page_header_footer = True
    p = section.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run()
    run.font.size = Pt(BODY_PT)
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, None), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            run._r.append(el)
        elif text:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
            run._r.append(el)
        else:
            el = OxmlElement("w:t")
            el.text = "2"
            run._r.append(el)


def _no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def _widths(table, widths_mm) -> None:
    """Fixed column widths that Word and LibreOffice both keep: the grid, every cell, and a fixed layout."""
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    for col, w in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths_mm):
        col.set(qn("w:w"), str(int(Mm(w).twips)))
    for row in table.rows:
        for cell, w in zip(row.cells, widths_mm):
            cell.width = Mm(w)


def _line(cell_or_doc, text: str, *, size: float = BODY_PT, bold=False, italic=False, align=WD_ALIGN_PARAGRAPH.CENTER,
          first=False):
    p = cell_or_doc.paragraphs[0] if first else cell_or_doc.add_paragraph()
    p.alignment = align
    run = p.add_run(text)
    run.font.size, run.font.bold, run.font.italic = Pt(size), bold, italic
    return p


def _pt(mm: float) -> float:
    return mm * 72 / 25.4


def rule(container, length_pt: float, column_mm: float):
    """A solid rule ``length_pt`` long, centred in a column ``column_mm`` wide: an empty paragraph whose bottom
    border runs between its indents (Word draws a paragraph border from the left indent to the right one)."""
    p = container.add_paragraph()
    side = max((_pt(column_mm) - length_pt) / 2, 0)
    p.paragraph_format.left_indent = p.paragraph_format.right_indent = Pt(side)
    p.paragraph_format.space_after = Pt(2)
    p.paragraph_format.line_spacing = Pt(2)
    ppr = p._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for k, v in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(k), v)
    bdr.append(bottom)
    ppr.append(bdr)
    return p


def header_block(doc, h: Heading) -> None:
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(table)
    _widths(table, (LEFT_COL_MM, RIGHT_COL_MM))
    left, right = table.rows[0].cells
    _line(left, h.parent, size=13, first=True)
    _line(left, h.issuer, size=13, bold=True)
    if h.form == PARTY_FORMAT:
        _line(left, "*", size=13)
    else:
        rule(left, min(0.4 * width_pt(h.issuer, 13, bold=True), 0.5 * _pt(LEFT_COL_MM)), LEFT_COL_MM)
    _line(left, h.number, size=13)
    if h.form == PARTY_FORMAT:
        _line(right, PARTY, size=15, bold=True, first=True)
        rule(right, width_pt(PARTY, 15, bold=True), RIGHT_COL_MM)
    else:
        _line(right, QUOC_HIEU, size=QUOC_HIEU_PT, bold=True, first=True)
        _line(right, TIEU_NGU, size=TIEU_NGU_PT, bold=True)
        rule(right, width_pt(TIEU_NGU, TIEU_NGU_PT, bold=True), RIGHT_COL_MM)
    _line(right, "", size=6)
    _line(right, f"{h.place}, {h.date_line}", size=DATE_PT, italic=True)
    spacer = doc.add_paragraph()
    spacer.paragraph_format.space_after = Pt(6)
    _line(doc, h.kind, size=14, bold=True)
    for part in h.summary.split("\n"):
        _line(doc, part, size=14, bold=True)
    rule(doc, 0.33 * max(width_pt(part, 14, bold=True) for part in h.summary.split("\n")), TEXT_W_MM)
    doc.add_paragraph().paragraph_format.space_after = Pt(6)


def para(doc, text: str, *, bold=False, italic=False, indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY, size=BODY_PT):
    """A body paragraph: justified, first line indented 1 cm, 6 pt after."""
    p = doc.add_paragraph()
    p.alignment = align
    p.paragraph_format.first_line_indent = Mm(10) if indent else None
    p.paragraph_format.space_after = Pt(6)
    p.paragraph_format.line_spacing = 1.15
    run = p.add_run(text)
    run.font.size, run.font.bold, run.font.italic = Pt(size), bold, italic
    return p


def heading(doc, text: str):
    return para(doc, text, bold=True)


def grid(doc, header: list[str], rows: list[list[str]], widths_mm: list[float], *, size: float = 12, numeric=()):
    """A bordered table (the "Table Grid" look), header in bold; ``numeric`` columns right-aligned."""
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, header):
        _line(cell, text, size=size, bold=True, first=True)
    for row in rows:
        cells = table.add_row().cells
        for i, (cell, text) in enumerate(zip(cells, row)):
            align = WD_ALIGN_PARAGRAPH.RIGHT if i in numeric else WD_ALIGN_PARAGRAPH.LEFT
            _line(cell, str(text), size=size, align=align, first=True)
    _widths(table, widths_mm)
    doc.add_paragraph().paragraph_format.space_after = Pt(6)
    return table


def closing(doc, c: Closing) -> None:
    """Signatures (one, or two side by side on minutes) and the "Nơi nhận:" block."""
    doc.add_paragraph()
    if len(c.signers) == 1:
        table = doc.add_table(rows=1, cols=2)
        _no_borders(table)
        _widths(table, (TEXT_W_MM - 85, 85))
        _recipients(table.rows[0].cells[0], c.recipients)
        _signature(table.rows[0].cells[1], c.signers[0])
    else:
        table = doc.add_table(rows=1, cols=len(c.signers))
        _no_borders(table)
        _widths(table, [TEXT_W_MM / len(c.signers)] * len(c.signers))
        for cell, s in zip(table.rows[0].cells, c.signers):
            _signature(cell, s)
        doc.add_paragraph()
        box = doc.add_table(rows=1, cols=1)
        _no_borders(box)
        _recipients(box.rows[0].cells[0], c.recipients)


def _recipients(cell, recipients: list[str]) -> None:
    _line(cell, "Nơi nhận:", size=12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT, first=True)
    for r in recipients:
        _line(cell, f"- {r}", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)


def _signature(cell, s: Signer) -> None:
    first = True
    for text in (s.authority, s.title):
        if text:
            _line(cell, text, size=14, bold=True, first=first)
            first = False
    for _ in range(4):  # room for the signature and the seal
        _line(cell, "", size=14, first=first)
        first = False
    _line(cell, s.name or "", size=14, bold=True)
