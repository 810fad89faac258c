"""Download → fill → upload → preview → confirm: the same figures stored, once, in one audited change."""

from __future__ import annotations

from io import BytesIO

from django.urls import reverse
from openpyxl import load_workbook

from assessments import workflow
from assessments.models import Assessment
from assessments.services import save_figures
from audit.models import AuditEvent
from frameworks.registry import DATA_DIR, load_file
from kieumau.testing import make_unit
from units.models import Level
from workbooks.models import PendingImport

from .support import YEAR, WorkbookCase, columns, fill, row_of, typed


class RoundTrip(WorkbookCase):
    FIGURES = {"so_cbcs": 20, "so_cbcs_htt": 18, "dang_bo_phuong_htxs": "Có", "ubnd_phuong_ldxs": "Không",
               "dien_tich_dat_m2": 1250.5, "dinh_muc_dat_m2": "1.000", "so_vu_vi_pham_ung_xu": 0}
    STORED = {"so_cbcs": 20, "so_cbcs_htt": 18, "dang_bo_phuong_htxs": True, "ubnd_phuong_ldxs": False,
              "dien_tich_dat_m2": "1250.5", "dinh_muc_dat_m2": "1000", "so_vu_vi_pham_ung_xu": 0}

    def _filled(self):
        data = self.download()
        figures = {(self.ward.pk, code): value for code, value in self.FIGURES.items()}
        figures[(self.ward2.pk, "so_cbcs")] = 12
        return fill(data, figures)

    def test_round_trip_stores_the_same_values(self):
        response = self.upload(self._filled())
        self.assertEqual(response.status_code, 302)
        pending = PendingImport.objects.get()
        self.assertEqual(pending.wards, 2)
        # 8 cells typed; the registers' figures a new assessment takes are shown too (locked cells)
        self.assertEqual(len([c for c in pending.changes if "Phản" not in c["label"] and "ý kiến" not in c["label"]]), 8)
        self.assertFalse(Assessment.objects.exists(), "the preview writes nothing")
        page = self.client.get(response.url)
        self.assertContains(page, "(trống)")
        self.assertContains(page, "Dữ liệu!")
        self.assertContains(page, "1.250,5")
        self.assertContains(page, f"Xác nhận lưu {pending.cells} thay đổi")
        confirmed = self.client.post(reverse("workbook_confirm", args=[pending.pk]), {"digest": pending.digest}, follow=True)
        self.assertContains(confirmed, f"Đã nhập số liệu của 2 phường ({pending.cells} ô)")
        stored = Assessment.objects.get(unit=self.ward, year=YEAR)
        self.assertEqual(typed(stored.values), self.STORED)
        self.assertEqual(typed(Assessment.objects.get(unit=self.ward2, year=YEAR).values), {"so_cbcs": 12})
        imported = AuditEvent.objects.get(action="workbook.imported")
        self.assertEqual((imported.actor, imported.unit, imported.data["wards"], imported.data["cells"]),
                         (self.staff, self.province, 2, pending.cells))
        self.assertEqual(imported.data["digest"], pending.digest)
        self.assertEqual(AuditEvent.objects.filter(action="assessment.figures_saved").count(), 2)
        self.assertIsNotNone(stored.meets_standard)  # evaluated as the form's save does

        # the next download carries the stored figures back, and uploading it unchanged changes nothing
        again = self.download()
        book = load_workbook(BytesIO(again))
        cols, row = columns(book), row_of(book, self.ward.pk)
        self.assertEqual(book["Dữ liệu"][f"{cols['dien_tich_dat_m2']}{row}"].value, 1250.5)
        self.assertEqual(book["Dữ liệu"][f"{cols['dang_bo_phuong_htxs']}{row}"].value, "Có")
        before = AuditEvent.objects.count()
        unchanged = self.upload(again)
        self.assertEqual(unchanged.status_code, 302)
        self.assertEqual(AuditEvent.objects.count(), before)
        self.assertEqual(PendingImport.objects.count(), 1)

    def test_confirming_twice_applies_once(self):
        self.upload(self._filled())
        pending = PendingImport.objects.get()
        url = reverse("workbook_confirm", args=[pending.pk])
        self.client.post(url, {"digest": pending.digest})
        revision = Assessment.objects.get(unit=self.ward).revision
        events = AuditEvent.objects.count()
        second = self.client.post(url, {"digest": pending.digest}, follow=True)
        self.assertContains(second, "đã được nhập lúc")
        self.assertEqual(Assessment.objects.get(unit=self.ward).revision, revision)
        self.assertEqual(AuditEvent.objects.count(), events)

    def test_stale_preview_is_refused(self):
        save_figures(self.ward, YEAR, {"so_cbcs": "5"}, {}, self.officer, revision=0)
        self.upload(fill(self.download(), {(self.ward.pk, "so_cbcs"): 7, (self.ward2.pk, "so_cbcs"): 9}))
        pending = PendingImport.objects.get()
        save_figures(self.ward, YEAR, {"so_cbcs": "6"}, {}, self.officer, revision=1)  # someone saves meanwhile
        before = AuditEvent.objects.count()
        response = self.client.post(reverse("workbook_confirm", args=[pending.pk]), {"digest": pending.digest}, follow=True)
        self.assertContains(response, "đã được sửa sau khi bạn xem trước")
        self.assertEqual(typed(Assessment.objects.get(unit=self.ward).values), {"so_cbcs": 6})
        self.assertFalse(Assessment.objects.filter(unit=self.ward2).exists())
        self.assertEqual(AuditEvent.objects.count(), before)
        pending.refresh_from_db()
        self.assertEqual(pending.status, PendingImport.Status.STALE)

    def test_wrong_digest_and_cancel(self):
        self.upload(self._filled())
        pending = PendingImport.objects.get()
        response = self.client.post(reverse("workbook_confirm", args=[pending.pk]), {"digest": "x"}, follow=True)
        self.assertContains(response, "không khớp")
        self.client.post(reverse("workbook_cancel", args=[pending.pk]))
        pending.refresh_from_db()
        self.assertEqual(pending.status, PendingImport.Status.CANCELLED)
        self.client.post(reverse("workbook_confirm", args=[pending.pk]), {"digest": pending.digest})
        self.assertFalse(Assessment.objects.exists())

    def test_one_ward_failing_at_confirmation_rolls_back_all(self):
        self.upload(self._filled())
        pending = PendingImport.objects.get()
        # the plan no longer validates for one ward (as if its rules changed under it): nothing at all is kept
        pending.plan[1]["values"] = {"so_cbcs": "abc"}
        pending.save()
        response = self.client.post(reverse("workbook_confirm", args=[pending.pk]), {"digest": pending.digest}, follow=True)
        self.assertContains(response, "Chưa lưu gì")
        self.assertFalse(Assessment.objects.exists())
        self.assertFalse(AuditEvent.objects.filter(action__in=["workbook.imported", "assessment.figures_saved"]).exists())
        pending.refresh_from_db()
        self.assertEqual(pending.status, PendingImport.Status.FAILED)

    def test_blank_cell_clears_a_stored_figure(self):
        save_figures(self.ward, YEAR, {"so_cbcs": "5", "dinh_bien": "6"}, {}, self.officer, revision=0)
        self.upload(fill(self.download(), {(self.ward.pk, "so_cbcs"): None}))
        pending = PendingImport.objects.get()
        self.assertEqual(pending.changes[0]["before"], "5")
        self.assertEqual(pending.changes[0]["after"], "(trống)")
        self.client.post(reverse("workbook_confirm", args=[pending.pk]), {"digest": pending.digest})
        self.assertEqual(typed(Assessment.objects.get(unit=self.ward).values), {"dinh_bien": 6})

    def test_ward_officer_round_trip_on_their_ward_only(self):
        data = self.download(user=self.officer)
        book = load_workbook(BytesIO(data))
        self.assertEqual([r[0].value for r in book["Dữ liệu"].iter_rows(min_row=6)], [self.ward.pk])
        response = self.upload(fill(data, {(self.ward.pk, "so_cbcs"): 3}), user=self.officer)
        pending = PendingImport.objects.get(owner=self.officer)
        self.client.post(reverse("workbook_confirm", args=[pending.pk]), {"digest": pending.digest})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Assessment.objects.get(unit=self.ward).updated_by, self.officer)


class Locks(WorkbookCase):
    def test_locked_cells_and_rows(self):
        save_figures(self.ward2, YEAR, {"so_cbcs": "5"}, {}, self.officer, revision=0)
        Assessment.objects.filter(unit=self.ward2).update(status=workflow.SUBMITTED)
        book = load_workbook(BytesIO(self.download()))
        ws, cols = book["Dữ liệu"], columns(book)
        self.assertTrue(ws.protection.sheet)
        self.assertFalse(ws[f"{cols['so_cbcs']}{row_of(book, self.ward.pk)}"].protection.locked)
        self.assertTrue(ws[f"A{row_of(book, self.ward.pk)}"].protection.locked)
        self.assertTrue(ws[f"{cols['so_cbcs']}{row_of(book, self.ward2.pk)}"].protection.locked)
        self.assertIn("Đã nộp", ws[f"D{row_of(book, self.ward2.pk)}"].value)
        self.assertEqual(book["_meta"].sheet_state, "hidden")
        kinds = {dv.type for dv in ws.data_validations.dataValidation}
        self.assertEqual(kinds, {"list", "whole", "decimal"})

    def test_a_submitted_assessment_refuses_changes(self):
        save_figures(self.ward2, YEAR, {"so_cbcs": "5"}, {}, self.officer, revision=0)
        Assessment.objects.filter(unit=self.ward2).update(status=workflow.SUBMITTED)
        data = fill(self.download(), {(self.ward2.pk, "so_cbcs"): 9})
        self.assertRefused(data, "Phường Phước Long: Hồ sơ đang «Đã nộp»", "Dữ liệu!M")


class TwoVersions(WorkbookCase):
    """2026 is on version 2 (prev() columns), but a ward's assessment pinned to version 1 gets its own sheet."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.v2 = load_file(DATA_DIR / "bca-5764-2021.v2.yaml").framework
        cls.ward3 = make_unit("22381", "Phường Vĩnh Hải", Level.COMMUNE, cls.city)
        Assessment.objects.create(unit=cls.ward2, year=YEAR, framework=cls.framework, values={"so_cbcs": 4}, revision=1)
        Assessment.objects.create(unit=cls.ward, year=YEAR - 1, framework=cls.framework, values={"so_vu_ttxh": 10})

    def test_one_sheet_per_version_and_last_year_columns(self):
        book = load_workbook(BytesIO(self.download()))
        self.assertEqual(book.sheetnames, ["Hướng dẫn", "Dữ liệu (phiên bản 1)", "Dữ liệu (phiên bản 2)", "_meta"])
        v2 = "Dữ liệu (phiên bản 2)"
        cols, ws = columns(book, v2), book[v2]
        self.assertIn("truoc:so_vu_ttxh", cols)
        locked = ws[f"{cols['truoc:so_vu_ttxh']}{row_of(book, self.ward.pk, v2)}"]
        self.assertEqual((locked.value, locked.protection.locked), (10, True))
        typed = ws[f"{cols['truoc:so_vu_ttxh']}{row_of(book, self.ward3.pk, v2)}"]
        self.assertFalse(typed.protection.locked)  # no record last year: typed by hand, as on the form

    def test_round_trip_with_last_year_figures(self):
        v2 = "Dữ liệu (phiên bản 2)"
        data = fill(self.download(), {(self.ward3.pk, "truoc:so_vu_ttxh"): 8, (self.ward3.pk, "so_vu_ttxh"): 7,
                                      (self.ward.pk, "so_vu_ttxh"): 9}, sheet=v2)
        data = fill(data, {(self.ward2.pk, "so_cbcs"): 6}, sheet="Dữ liệu (phiên bản 1)")
        self.assertEqual(self.upload(data).status_code, 302)
        pending = PendingImport.objects.get()
        self.client.post(reverse("workbook_confirm", args=[pending.pk]), {"digest": pending.digest})
        commune = Assessment.objects.get(unit=self.ward3, year=YEAR)
        self.assertEqual((commune.framework, typed(commune.values), commune.previous_values),
                         (self.v2, {"so_vu_ttxh": 7}, {"so_vu_ttxh": 8}))
        self.assertEqual(typed(Assessment.objects.get(unit=self.ward2, year=YEAR).values), {"so_cbcs": 6})

    def test_a_last_year_figure_from_the_record_cannot_be_changed(self):
        v2 = "Dữ liệu (phiên bản 2)"
        data = fill(self.download(), {(self.ward.pk, "truoc:so_vu_ttxh"): 3}, sheet=v2)
        self.assertRefused(data, "năm trước đã có trong hồ sơ (10)")

    def test_a_row_moved_to_the_other_version_sheet_is_refused(self):
        def move(book):
            src, dst = book["Dữ liệu (phiên bản 1)"], book["Dữ liệu (phiên bản 2)"]
            dst.append([src.cell(6, c).value for c in range(1, 5)])
        self.assertRefused(fill(self.download(), {}, edit=move), "đánh giá theo bộ tiêu chí phiên bản 1")
