"""import_figures: a path the file system refuses (a name too long, a folder on the way) exits 2 with a Vietnamese
line, never an OSError; a wrong argument is refused in Vietnamese with exit 2 (the shared kieumau.commands base)."""

from __future__ import annotations

import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import SimpleTestCase


class ImportFiguresPathTests(SimpleTestCase):
    def run_command(self, *args) -> tuple[int, str]:
        err = StringIO()
        try:
            call_command("import_figures", *args, stdout=StringIO(), stderr=err)
            code = 0
        except SystemExit as exit_:
            code = exit_.code
        return code, err.getvalue()

    def test_a_path_too_long_exits_2_in_vietnamese(self):
        with tempfile.TemporaryDirectory() as folder:
            code, err = self.run_command(str(Path(folder) / ("Khó khăn " * 2500)))
        self.assertEqual(code, 2)
        self.assertIn("Không đọc được tệp", err)
        self.assertIn("dài quá mức hệ thống tệp cho phép", err)
        self.assertLess(len(err), 600)

    def test_a_file_inside_a_file_exits_2_in_vietnamese(self):
        with tempfile.NamedTemporaryFile(suffix=".xlsx") as f:
            code, err = self.run_command(f"{f.name}/so-lieu.xlsx")
        self.assertEqual(code, 2)
        self.assertIn("Không tìm thấy tệp", err)

    def test_an_unknown_option_is_a_vietnamese_usage_error(self):
        with self.assertRaises(CommandError) as caught:
            call_command("import_figures", "x.xlsx", "--xoa-het", stdout=StringIO(), stderr=StringIO())
        self.assertEqual(caught.exception.returncode, 2)
        self.assertEqual(str(caught.exception), "Lỗi cách dùng: tham số không được hỗ trợ: --xoa-het")
