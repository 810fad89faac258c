"""Opening an uploaded file as a workbook without trusting it.

Everything that could make the server slow or run out of memory is refused before openpyxl parses a cell: the size,
the content (a ZIP, with the parts of an XLSX), the zip's declared uncompressed sizes (Python's zipfile never
inflates a member past its declared size: a member that lies fails its CRC), and the number of rows of each sheet,
counted by a byte scan of its XML. The same scan collects merged ranges, which openpyxl's read-only mode does not
report. Only then is the workbook opened, read-only.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from io import BytesIO
from posixpath import join, normpath
from xml.etree import ElementTree

from openpyxl import load_workbook

from engine import fmt

from . import layout

_ROW = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s>/]")
_ROW_NUMBER = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row\s[^>]*?\br=\"([0-9]{1,9})\"")
_MERGE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?mergeCell\s[^>]*?ref=\"([A-Za-z0-9:$]{1,40})\"")
_OVERLAP = 512  # longer than any tag the scan looks for, kept between chunks
_CHUNK = 1 << 20
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_MB = 1024 * 1024
LAST_ROW = layout.FIRST_ROW + layout.MAX_ROWS - 1


class Unreadable(Exception):
    """The file is not a workbook this product can read; the message (Vietnamese) says why. Nothing is written."""


@dataclass
class Opened:
    book: object  # openpyxl workbook, read-only
    merges: dict = field(default_factory=dict)  # sheet name → ["A1:B2", ...]


def open_workbook(data: bytes) -> Opened:
    if not data:
        raise Unreadable("Tệp rỗng.")
    if len(data) > layout.MAX_BYTES:
        raise Unreadable(f"Tệp lớn quá {layout.MAX_BYTES // _MB} MB ({fmt.number(round(len(data) / _MB, 1))} MB).")
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise Unreadable("Tệp là sổ Excel dạng cũ (.xls) hoặc đã đặt mật khẩu: hãy mở bằng Excel, bỏ mật khẩu nếu có "
                         "và lưu lại dạng .xlsx.")
    if data[:4] != b"PK\x03\x04":
        raise Unreadable("Tệp không phải sổ Excel .xlsx (hãy tải mẫu trên KiểuMẫu, điền rồi lưu dạng .xlsx).")
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise Unreadable("Tệp .xlsx bị hỏng: không mở được như một tệp nén.") from None
    _check_archive(members)
    names = {m.filename for m in members}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise Unreadable("Tệp không phải sổ Excel .xlsx: thiếu các phần của một sổ tính.")
    merges = {}
    try:
        for sheet, path in _sheet_paths(archive).items():
            if path not in names:
                continue
            rows, highest, merged = _scan(archive, path)
            if rows > LAST_ROW:
                raise Unreadable(f"Trang «{sheet}» có hơn {fmt.number(LAST_ROW)} dòng: mẫu nhận tối đa "
                                 f"{fmt.number(layout.MAX_ROWS)} dòng dữ liệu. Không đọc tiếp.")
            if highest > LAST_ROW:
                raise Unreadable(f"Trang «{sheet}» có dòng số {fmt.number(highest)}: mẫu nhận tối đa "
                                 f"{fmt.number(layout.MAX_ROWS)} dòng dữ liệu (đến dòng {fmt.number(LAST_ROW)}).")
            merges[sheet] = merged
        book = load_workbook(BytesIO(data), read_only=True, data_only=False, keep_links=False)
    except Unreadable:
        raise
    except Exception:  # noqa: BLE001 - a hostile file can make the XML and zip layers raise anything
        raise Unreadable("Không đọc được tệp như một sổ Excel (tệp hỏng hoặc không đúng định dạng .xlsx).") from None
    return Opened(book, merges)


def _check_archive(members: list) -> None:
    if len(members) > layout.MAX_MEMBERS:
        raise Unreadable("Tệp nén chứa quá nhiều phần: không phải một sổ Excel bình thường.")
    total = 0
    for m in members:
        if m.flag_bits & 0x1:
            raise Unreadable("Tệp đã được đặt mật khẩu: hãy bỏ mật khẩu rồi tải lên lại.")
        total += m.file_size
        if m.file_size > _MB and m.file_size > layout.MAX_RATIO * max(m.compress_size, 1):
            raise Unreadable("Tệp bị từ chối: một phần của tệp nén giãn ra hơn "
                             f"{layout.MAX_RATIO} lần (dạng «bom nén»), không phải một sổ Excel bình thường.")
    if total > layout.MAX_UNCOMPRESSED:
        raise Unreadable(f"Tệp bị từ chối: khi giải nén lớn hơn {layout.MAX_UNCOMPRESSED // _MB} MB "
                         f"({fmt.number(total // _MB)} MB).")


def _sheet_paths(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → the zip member holding it, from the workbook part and its relationships (both small)."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels_name = "xl/_rels/workbook.xml.rels"
    targets = {}
    if rels_name in archive.namelist():
        for rel in ElementTree.fromstring(archive.read(rels_name)).iter(_REL):
            target = rel.get("Target", "")
            # a target is absolute ("/xl/worksheets/sheet1.xml") or relative to the workbook part's folder
            targets[rel.get("Id")] = normpath(target.lstrip("/") if target.startswith("/") else join("xl", target))
    sheets = workbook.find(f"{_MAIN}sheets")
    out = {}
    for sheet in sheets if sheets is not None else []:
        target = targets.get(sheet.get(_R_ID))
        if target:
            out[sheet.get("name", "")] = target
    return out


def _scan(archive: zipfile.ZipFile, path: str) -> tuple[int, int, list[str]]:
    """Rows, the highest row number and merged ranges of a sheet, by a byte scan that stops as soon as either
    passes the limit (openpyxl would otherwise fill the gap up to a far row with empty rows, one by one)."""
    rows, highest, merges, tail = 0, 0, [], b""
    with archive.open(path) as stream:
        while True:
            chunk = stream.read(_CHUNK)
            buffer = tail + chunk
            cut = len(buffer) - _OVERLAP if chunk else len(buffer)
            rows += sum(1 for m in _ROW.finditer(buffer) if m.start() < cut)
            highest = max([highest] + [int(m.group(1)) for m in _ROW_NUMBER.finditer(buffer) if m.start() < cut])
            merges += [m.group(1).decode("ascii") for m in _MERGE.finditer(buffer) if m.start() < cut]
            if rows > LAST_ROW or highest > LAST_ROW or not chunk:
                return rows, highest, merges
            tail = buffer[max(cut, 0):]
