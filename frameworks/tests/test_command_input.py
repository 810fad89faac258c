"""load_framework (and the YAML reader under every data file: engine.yamlsource) refuses a folder, an unreadable path,
YAML nested thousands deep and numbers of thousands of digits with a Vietnamese message naming the file and the line,
never a traceback; nothing is loaded."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from io import StringIO
from pathlib import Path
from unittest import mock

from django.core.management import CommandError, call_command
from django.test import SimpleTestCase, TestCase

from engine import yamlsource
from engine.framework import FrameworkError
from frameworks import registry
from frameworks.models import Framework

BAD = {
    "sau.yaml": (b"[" * 5000 + b"]" * 5000, "lồng nhau quá sâu", 1),
    "so.yaml": (b"code: bca\nversion: " + b"9" * 5000 + b"\n", "quá nhiều chữ số", 2),
    "ngay.yaml": (b"code: bca\nversion: 1\neffective_from: 2026-02-30\n", "ngày không có thật", 3),
}


class LoadFrameworkInputTests(TestCase):
    def setUp(self):
        self.folder = Path(tempfile.mkdtemp(prefix="kieumau-fw-"))
        self.addCleanup(shutil.rmtree, self.folder, ignore_errors=True)

    def refused(self, path) -> str:
        with self.assertRaises(CommandError) as caught:
            call_command("load_framework", str(path), stdout=StringIO())
        self.assertFalse(Framework.objects.exists())
        return str(caught.exception)

    def test_a_folder_is_refused_in_vietnamese(self):
        message = self.refused(self.folder)
        self.assertIn("Tệp bộ tiêu chí không hợp lệ", message)
        self.assertIn(f"{self.folder}: Đây là một thư mục", message)
        with self.assertRaises(FrameworkError):
            registry.load_file(self.folder)

    def test_a_path_too_long_is_refused_in_vietnamese(self):
        message = self.refused(self.folder / ("a" * 5000))
        self.assertIn("dài quá mức hệ thống tệp cho phép", message)
        self.assertLess(len(message), 600)  # the 5000-character name is shortened

    def test_deep_nesting_and_huge_numbers_name_the_file_and_the_line(self):
        for name, (content, said, line) in BAD.items():
            with self.subTest(name=name):
                path = self.folder / name
                path.write_bytes(content)
                message = self.refused(path)
                self.assertIn("Tệp bộ tiêu chí không hợp lệ", message)
                self.assertIn(f"{name}:{line}:", message)
                self.assertIn(said, message)

    def test_a_missing_file_is_still_said_as_such(self):
        self.assertIn("Không tìm thấy tệp", self.refused(self.folder / "khong-co.yaml"))


class YamlSourceTests(SimpleTestCase):
    def refused(self, text: str) -> yamlsource.SourceError:
        with self.assertRaises(yamlsource.SourceError) as caught:
            yamlsource.load(text)
        return caught.exception

    def test_nesting_beyond_the_limit_is_refused_with_its_line(self):
        e = self.refused("a:\n  b: " + "[" * (yamlsource.MAX_DEPTH + 5) + "]" * (yamlsource.MAX_DEPTH + 5) + "\n")
        self.assertIn("lồng nhau quá sâu", e.message)
        self.assertEqual(e.line, 2)
        nested = "[" * (yamlsource.MAX_DEPTH - 1) + "1" + "]" * (yamlsource.MAX_DEPTH - 1)
        data, _lines = yamlsource.load(f"a: {nested}\n")  # at the limit: read
        self.assertIsInstance(data["a"], list)

    def test_running_out_of_stack_is_a_source_error_too(self):
        with mock.patch.object(yamlsource, "MAX_DEPTH", 10**6):
            self.assertIn("lồng nhau quá sâu", self.refused("[" * 5000 + "]" * 5000).message)

    def test_values_the_constructors_cannot_make_are_refused_with_their_line_and_path(self):
        e = self.refused("a: 1\nb:\n  - " + "9" * 5000 + "\n")
        self.assertEqual((e.line, e.path), (3, "b[0]"))
        self.assertIn("quá nhiều chữ số", e.message)
        self.assertLess(len(e.message), 100)
        e = self.refused("? " + "9" * 5000 + "\n: x\n")
        self.assertIn("quá nhiều chữ số", e.message)
        self.assertIn("ngày không có thật", self.refused("a: 2026-02-30\n").message)
        self.assertEqual(yamlsource.load("a: 12\nb: 2026-02-28\n")[0], {"a": 12, "b": dt.date(2026, 2, 28)})
