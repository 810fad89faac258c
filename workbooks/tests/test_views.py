"""Who may open, download, upload and confirm: 200 / 404 outside scope / 403 read-only / 405 wrong method."""

from __future__ import annotations

from io import BytesIO

from django.contrib.auth import get_user_model
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import Role, RoleAssignment
from assessments.models import Assessment
from workbooks.models import PendingImport

from .support import YEAR, WorkbookCase, fill


class Pages(WorkbookCase):
    def url(self, name="workbook_province", *args):
        return reverse(name, args=args or [self.province.pk])

    def test_province_page(self):
        response = self.as_(self.staff).get(self.url() + "?nam=2025")
        self.assertContains(response, "Nhập số liệu bằng Excel")
        self.assertContains(response, f"/excel/tinh/{self.province.pk}/2025/mau.xlsx")
        self.assertContains(response, 'enctype="multipart/form-data"')
        self.assertContains(response, 'class="table-wrap"', count=0)  # no uploads yet, no errors

    def test_a_bad_year_falls_back_to_this_year_and_a_year_outside_the_program_is_404(self):
        self.assertContains(self.as_(self.staff).get(self.url() + "?nam=abc"), "năm 2026")
        self.assertEqual(self.client.get(self.url("workbook_template", self.province.pk, 2019)).status_code, 404)
        self.assertEqual(self.client.get(self.url("workbook_template", self.province.pk, 2027)).status_code, 404)

    def test_outside_scope_is_404(self):
        client = self.as_(self.outsider)
        self.assertEqual(client.get(self.url()).status_code, 404)
        self.assertEqual(client.get(self.url("workbook_template", self.province.pk, YEAR)).status_code, 404)
        self.assertEqual(client.post(self.url("workbook_upload", self.province.pk, YEAR)).status_code, 404)
        self.assertEqual(client.get(self.url("workbook_province", self.ward.pk)).status_code, 404)  # not a province

    def test_anonymous_is_sent_to_log_in(self):
        self.assertEqual(self.client.get(self.url()).status_code, 302)

    def test_read_only_roles_download_but_may_not_upload(self):
        ministry = get_user_model().objects.create_user("bo", password="x")
        RoleAssignment.objects.create(user=ministry, role=Role.MINISTRY, unit=None)
        for user in (self.supervisor, ministry):
            client = self.as_(user)
            page = client.get(self.url())
            self.assertContains(page, "Bạn chỉ được xem")
            self.assertNotContains(page, 'enctype="multipart/form-data"')
            self.assertEqual(client.get(self.url("workbook_template", self.province.pk, YEAR)).status_code, 200)
        data = self.download()
        before = self.counts()
        self.assertEqual(self.upload(fill(data, {(self.ward.pk, "so_cbcs"): 3}), user=self.supervisor).status_code, 403)
        self.assertEqual(self.counts(), before)

    def test_a_ward_officer_sees_their_ward_only(self):
        page = self.as_(self.officer).get(self.url())
        self.assertContains(page, "Mẫu có 1 phường")
        self.assertNotContains(page, f'href="{reverse("province_matrix", args=[self.province.pk])}')  # they cannot open it
        book = load_workbook(BytesIO(self.download(user=self.officer)))
        self.assertEqual(book["Dữ liệu"].max_row, 6)

    def test_wrong_methods_are_405(self):
        client = self.as_(self.staff)
        self.assertEqual(client.post(self.url()).status_code, 405)
        self.assertEqual(client.post(self.url("workbook_template", self.province.pk, YEAR)).status_code, 405)
        self.assertEqual(client.get(self.url("workbook_upload", self.province.pk, YEAR)).status_code, 405)
        self.upload(fill(self.download(), {(self.ward.pk, "so_cbcs"): 3}))
        pending = PendingImport.objects.get()
        self.assertEqual(client.post(self.url("workbook_preview", pending.pk)).status_code, 405)
        self.assertEqual(client.get(self.url("workbook_confirm", pending.pk)).status_code, 405)
        self.assertEqual(client.get(self.url("workbook_cancel", pending.pk)).status_code, 405)

    def test_an_upload_is_its_owners_alone(self):
        self.upload(fill(self.download(), {(self.ward.pk, "so_cbcs"): 3}))
        pending = PendingImport.objects.get()
        other = self.as_(self.chief)  # may write the same ward, but did not upload this file
        self.assertEqual(other.get(self.url("workbook_preview", pending.pk)).status_code, 404)
        self.assertEqual(other.post(self.url("workbook_confirm", pending.pk), {"digest": pending.digest}).status_code, 404)
        self.assertEqual(other.post(self.url("workbook_cancel", pending.pk)).status_code, 404)
        self.assertFalse(Assessment.objects.exists())

    def test_preview_page_and_recent_uploads(self):
        response = self.upload(fill(self.download(), {(self.ward.pk, "so_cbcs"): 3}))
        page = self.client.get(response.url)
        self.assertContains(page, "Phường Vĩnh Nguyên")
        self.assertContains(page, "Tổng số cán bộ, chiến sĩ")
        self.assertContains(page, '<div class="table-wrap">')  # scrolls sideways on a phone
        self.assertContains(self.client.get(self.url()), "Các lần tải lên gần đây")

    def test_a_valid_file_that_changes_nothing(self):
        response = self.upload(self.download())
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response.url.startswith(self.url()))  # back to the page, with a message; nothing to confirm
        self.assertFalse(PendingImport.objects.exists())
