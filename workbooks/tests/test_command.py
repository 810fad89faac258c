"""manage.py import_figures: preview by default, --apply to store; exit 0 valid, 1 file errors, 2 unreadable/usage."""

from __future__ import annotations

import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import call_command

from assessments.models import Assessment
from audit.models import AuditEvent
from workbooks.models import PendingImport

from .support import YEAR, WorkbookCase, fill, typed


class ImportFigures(WorkbookCase):
    def run_command(self, data: bytes | None, *args) -> tuple[int, str, str]:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "so-lieu.xlsx"
            if data is not None:
                path.write_bytes(data)
            out, err = StringIO(), StringIO()
            try:
                call_command("import_figures", str(path), *args, stdout=out, stderr=err)
                code = 0
            except SystemExit as exit_:
                code = exit_.code
            return code, out.getvalue(), err.getvalue()

    def test_preview_then_apply(self):
        data = fill(self.download(), {(self.ward.pk, "so_cbcs"): 20, (self.ward.pk, "so_cbcs_htt"): 19})
        code, out, _err = self.run_command(data)
        self.assertEqual(code, 0)
        self.assertIn("Phường Vĩnh Nguyên — Tổng số cán bộ, chiến sĩ: (trống) → 20", out)
        self.assertIn("chạy lại với --apply", out)
        self.assertFalse(Assessment.objects.exists())
        code, out, _err = self.run_command(data, "--apply", "--user", "staff")
        self.assertEqual(code, 0, out)
        self.assertIn("Đã nhập số liệu của 1 phường", out)
        self.assertEqual(typed(Assessment.objects.get(unit=self.ward, year=YEAR).values), {"so_cbcs": 20, "so_cbcs_htt": 19})
        event = AuditEvent.objects.get(action="workbook.imported")
        self.assertEqual(event.actor, self.staff)
        # the same file again: valid, nothing left to change
        code, out, _err = self.run_command(data, "--apply")
        self.assertEqual(code, 0)
        self.assertIn("không có thay đổi nào", out)

    def test_apply_without_a_user_acts_for_the_whole_country(self):
        code, _out, _err = self.run_command(fill(self.download(), {(self.ward2.pk, "so_cbcs"): 4}), "--apply")
        self.assertEqual(code, 0)
        self.assertIsNone(AuditEvent.objects.get(action="workbook.imported").actor)
        self.assertIsNone(PendingImport.objects.get().owner)

    def test_errors_exit_1_and_write_nothing(self):
        data = fill(self.download(), {(self.ward.pk, "so_cbcs"): 5, (self.ward.pk, "so_cbcs_htt"): 6})
        before = self.counts()
        code, out, err = self.run_command(data, "--apply")
        self.assertEqual(code, 1)
        self.assertIn("Lỗi Dữ liệu!", out)
        self.assertIn("không được lớn hơn", out)
        self.assertIn("không lưu gì", err)
        self.assertEqual(self.counts(), before)

    def test_the_users_scope_applies(self):
        code, out, _err = self.run_command(fill(self.download(), {(self.ward2.pk, "so_cbcs"): 4}), "--user", "officer")
        self.assertEqual(code, 1)
        self.assertIn("ngoài phạm vi của bạn", out)

    def test_unreadable_and_usage_errors_exit_2(self):
        before = self.counts()
        for data, args, message in ((b"not a workbook", (), "không phải sổ Excel"), (None, (), "Không tìm thấy tệp"),
                                    (self.download(), ("--user", "nobody"), "Không có người dùng «nobody»")):
            code, _out, err = self.run_command(data, *args)
            self.assertEqual(code, 2, message)
            self.assertIn(message, err)
        self.assertEqual(self.counts(), before)

    def test_missing_argument_is_a_usage_error(self):
        err = StringIO()
        with self.assertRaises(SystemExit) as raised:
            from django.core.management import ManagementUtility

            import contextlib

            with contextlib.redirect_stderr(err):
                ManagementUtility(["manage.py", "import_figures"]).execute()
        self.assertEqual(raised.exception.code, 2)
        self.assertIn("Lỗi cách dùng", err.getvalue())
