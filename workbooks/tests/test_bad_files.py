"""The bad-file corpus: each file gets a clear Vietnamese message, and nothing at all is written."""

from __future__ import annotations

import time
import zipfile
from io import BytesIO

from openpyxl import Workbook

from workbooks import layout

from .support import WorkbookCase, fill


def _zip(members: dict) -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in members.items():
            z.writestr(name, content)
    return out.getvalue()


class NotWorkbooks(WorkbookCase):
    def test_plain_text(self):
        self.assertRefused(b"ma,so_cbcs\n22375,20\n", "không phải sổ Excel .xlsx", name="so-lieu.csv")

    def test_empty_file(self):
        self.assertRefused(b"", "Tệp rỗng")

    def test_old_xls_or_encrypted(self):
        self.assertRefused(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "dạng cũ (.xls)")

    def test_broken_zip(self):
        self.assertRefused(b"PK\x03\x04" + b"\x00" * 100, "bị hỏng")

    def test_a_zip_that_is_not_a_workbook(self):
        self.assertRefused(_zip({"readme.txt": "hello"}), "thiếu các phần của một sổ tính")

    def test_a_zip_with_workbook_parts_that_are_garbage(self):
        self.assertRefused(_zip({"[Content_Types].xml": "<x", "xl/workbook.xml": "not xml"}), "Không đọc được tệp")

    def test_zip_bomb_is_refused_before_it_is_inflated(self):
        out = BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", "<Types/>")
            z.writestr("xl/workbook.xml", "<workbook/>")
            with z.open("xl/worksheets/sheet1.xml", "w") as member:
                for _ in range(40):
                    member.write(b" " * (1 << 20))  # 40 MB of spaces: about 40 KB compressed
        data = out.getvalue()
        self.assertLess(len(data), 200_000)
        started = time.monotonic()
        self.assertRefused(data, "bom nén")
        self.assertLess(time.monotonic() - started, 2)

    def test_declared_sizes_over_the_limit(self):
        out = BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:  # stored: no ratio, just too much
            z.writestr("[Content_Types].xml", "<Types/>")
            z.writestr("xl/workbook.xml", "<workbook/>")
        data = bytearray(out.getvalue())
        # declare 60 MB uncompressed for the first member in the central directory (the file lies about itself)
        at = data.find(b"PK\x01\x02")
        data[at + 24:at + 28] = (60 * 1024 * 1024).to_bytes(4, "little")
        self.assertRefused(bytes(data), "Tệp bị từ chối")

    def test_too_large(self):
        self.assertRefused(b"PK\x03\x04" + b"\0" * (layout.MAX_BYTES + 1), "Tệp lớn quá 5 MB")

    def test_no_file(self):
        response = self.as_(self.staff).post(f"/excel/tinh/{self.province.pk}/2026/tai-len/", {})
        self.assertEqual(response.status_code, 400)


class WrongTemplates(WorkbookCase):
    def test_a_workbook_that_is_not_our_template(self):
        book = Workbook()
        book.active.append(["Phường", "Số CBCS"])
        out = BytesIO()
        book.save(out)
        self.assertRefused(out.getvalue(), "không phải mẫu nhập số liệu của KiểuMẫu")

    def test_metadata_sheet_deleted(self):
        self.assertRefused(fill(self.download(), {}, edit=lambda b: b.remove(b["_meta"])), "không có trang thông tin «_meta»")

    def test_metadata_edited(self):
        def edit(book):
            book["_meta"]["B5"] = None
        self.assertRefused(fill(self.download(), {}, edit=edit), "đã bị sửa")

    def test_template_of_another_year(self):
        self.assertRefused(self.download(year=2025), "là mẫu của Tỉnh Khánh Hòa năm 2025, không phải của Tỉnh Khánh Hòa năm 2026")

    def test_template_of_another_province(self):
        data = self.download(user=self.outsider, province=self.other_province)
        self.assertRefused(data, "là mẫu của Tỉnh Bình Dương năm 2026")

    def test_renamed_sheet(self):
        def rename(book):
            book["Dữ liệu"].title = "Data"
        self.assertRefused(fill(self.download(), {}, edit=rename), "Không thấy trang «Dữ liệu»", "Có trang lạ: «Data»")

    def test_inserted_column(self):
        self.assertRefused(fill(self.download(), {}, edit=lambda b: b["Dữ liệu"].insert_cols(6)),
                           "Dữ liệu!F3", "Ô phải ghi mã «ubnd_phuong_ldxs»")

    def test_formula_in_a_data_cell(self):
        data = fill(self.download(), {(self.ward.pk, "so_cbcs"): "=10+10"})
        cell = self.cell(data, self.ward, "so_cbcs")
        self.assertRefused(data, f"Dữ liệu!{cell}", f"Ô {cell} chứa công thức")

    def test_merged_cells_in_the_data_area(self):
        self.assertRefused(fill(self.download(), {}, edit=lambda b: b["Dữ liệu"].merge_cells("E6:F6")),
                           "Dữ liệu!E6", "ô gộp (E6:F6)")

    def test_ten_thousand_rows_are_refused_quickly(self):
        def grow(book):
            ws = book["Dữ liệu"]
            for i in range(10_000):
                ws.append([100_000 + i, "1", "x", "", "Có"])
        data = fill(self.download(), {}, edit=grow)
        started = time.monotonic()
        self.assertRefused(data, "mẫu nhận tối đa 5.000 dòng dữ liệu")
        self.assertLess(time.monotonic() - started, 2)

    def test_a_far_away_row_is_refused_without_reading_the_gap(self):
        def far(book):
            book["Dữ liệu"]["A900000"] = 1
        started = time.monotonic()
        self.assertRefused(fill(self.download(), {}, edit=far), "có dòng số 900.000")
        self.assertLess(time.monotonic() - started, 2)

    def test_a_cell_outside_the_columns(self):
        def note(book):
            ws = book["Dữ liệu"]
            ws.cell(6, ws.max_column + 3, "ghi chú")
        self.assertRefused(fill(self.download(), {}, edit=note), "nằm ngoài các cột của mẫu")


class WrongRows(WorkbookCase):
    def test_text_in_a_number_cell(self):
        data = fill(self.download(), {(self.ward.pk, "so_cbcs"): "hai mươi"})
        self.assertRefused(data, f"Dữ liệu!{self.cell(data, self.ward, 'so_cbcs')}", "«hai mươi» không phải là số")

    def test_a_part_larger_than_its_total(self):
        data = fill(self.download(), {(self.ward.pk, "so_cbcs"): 10, (self.ward.pk, "so_cbcs_htt"): 12})
        self.assertRefused(data, f"Dữ liệu!{self.cell(data, self.ward, 'so_cbcs_htt')}",
                           "không được lớn hơn «Tổng số cán bộ, chiến sĩ» (10)")

    def test_a_negative_number_and_a_fraction_of_a_person(self):
        data = fill(self.download(), {(self.ward.pk, "so_cbcs"): -1, (self.ward2.pk, "so_cbcs"): 2.5})
        self.assertRefused(data, "Không được là số âm", "Phải là số nguyên")

    def test_yes_no_cell_with_something_else(self):
        data = fill(self.download(), {(self.ward.pk, "dang_bo_phuong_htxs"): "chắc có"})
        self.assertRefused(data, "Chỉ nhận Đạt hoặc Không đạt")

    def test_an_unknown_ward(self):
        def add(book):
            book["Dữ liệu"].append([999_999, "99999", "Phường Lạ", ""])
        self.assertRefused(fill(self.download(), {}, edit=add),
                           "Mã hệ thống 999999 không phải một phường của Tỉnh Khánh Hòa năm 2026")

    def test_a_ward_of_another_province(self):
        def add(book):
            book["Dữ liệu"].append([self.other_ward.pk, self.other_ward.code, self.other_ward.name, ""])
        self.assertRefused(fill(self.download(), {}, edit=add), f"Mã hệ thống {self.other_ward.pk} không phải một phường")

    def test_a_ward_outside_the_users_scope(self):
        def add(book):
            book["Dữ liệu"].append([self.ward2.pk, self.ward2.code, self.ward2.name, "", "Có"])
        data = fill(self.download(user=self.officer), {}, edit=add)
        self.assertRefused(data, "Phường Phước Long ngoài phạm vi của bạn", user=self.officer)

    def test_a_row_without_its_id_or_with_a_changed_code(self):
        def edit(book):
            ws = book["Dữ liệu"]
            ws["A6"] = None
            ws["B7"] = "00000"
        self.assertRefused(fill(self.download(), {}, edit=edit), "Dòng 6 không có mã hệ thống", "Mã phường ghi «00000»")

    def test_the_same_ward_twice(self):
        def twice(book):
            ws = book["Dữ liệu"]
            ws.append([c.value for c in ws[6]][:4])
        self.assertRefused(fill(self.download(), {}, edit=twice), "có hai dòng")

    def test_a_date_in_a_number_cell(self):
        import datetime as dt

        self.assertRefused(fill(self.download(), {(self.ward.pk, "so_cbcs"): dt.datetime(2026, 1, 2)}), "Ô chứa ngày, giờ")

    def test_every_problem_is_listed_not_just_the_first(self):
        data = fill(self.download(), {(self.ward.pk, "so_cbcs"): "x", (self.ward2.pk, "so_cbcs"): "y",
                                      (self.ward2.pk, "dinh_bien"): -3})
        response = self.assertRefused(data, "Tệp có 3 lỗi", f"Dữ liệu!{self.cell(data, self.ward, 'so_cbcs')}",
                                      f"Dữ liệu!{self.cell(data, self.ward2, 'so_cbcs')}")
        self.assertEqual(response.content.decode().count("<td>Dữ liệu!"), 3)
