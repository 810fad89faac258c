"""load_norms refuses a folder, an unreadable path, YAML nested thousands deep and numbers of thousands of digits with a
Vietnamese message naming the file (and the line), never a traceback; nothing is loaded."""

from __future__ import annotations

import shutil
import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command
from django.test import TestCase

from resources import norms
from resources.models import EquipmentItem, LandNorm


class LoadNormsInputTests(TestCase):
    def setUp(self):
        self.folder = Path(tempfile.mkdtemp(prefix="kieumau-norms-"))
        self.addCleanup(shutil.rmtree, self.folder, ignore_errors=True)

    def refused(self, path) -> str:
        with self.assertRaises(CommandError) as caught:
            call_command("load_norms", str(path), stdout=StringIO())
        self.assertFalse(LandNorm.objects.exists() or EquipmentItem.objects.exists())
        message = str(caught.exception)
        self.assertIn("không nạp gì", message)
        return message

    def test_a_folder_is_refused_in_vietnamese(self):
        self.assertIn(f"{self.folder} là một thư mục", self.refused(self.folder))
        with self.assertRaises(norms.NormError):
            norms.load_file(self.folder)

    def test_a_path_too_long_is_refused_in_vietnamese(self):
        message = self.refused(self.folder / ("a" * 5000))
        self.assertIn("dài quá mức hệ thống tệp cho phép", message)
        self.assertLess(len(message), 600)

    def test_deep_nesting_and_huge_numbers_are_refused_with_the_file_and_the_line(self):
        for name, content, said, line in [
            ("sau.yaml", b"[" * 5000 + b"]" * 5000, "lồng nhau quá sâu", 1),
            ("so.yaml", b'province: "56"\ntitle: x\nland:\n  - {kind: loai-1, work_m2: ' + b"9" * 5000 + b"}\n",
             "quá nhiều chữ số", 4),
        ]:
            with self.subTest(name=name):
                path = self.folder / name
                path.write_bytes(content)
                message = self.refused(path)
                self.assertIn(str(path), message)
                self.assertIn(f"Dòng {line}", message)
                self.assertIn(said, message)
