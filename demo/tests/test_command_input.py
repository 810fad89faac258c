"""loadset: a plan or acknowledgements file that is not what ``prepare`` and the load generator write (deep JSON, a list,
missing keys, a huge unit id, NaN), a --writers outside 1–MAX_WRITERS or not in ASCII digits, an --out that is a folder
and an unknown step are refused in Vietnamese with exit 2, before the database is touched (SimpleTestCase: no query
allowed) and without writing a file."""

from __future__ import annotations

import json
import shutil
import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import SimpleTestCase

from demo import loadset

WRITER = {"username": "w1", "unit": 7, "name": "Phường Vĩnh Nguyên", "start_revision": 0}
PLAN = {"year": 2026, "audit_start": 0, "writers": [WRITER]}


class LoadsetInputTests(SimpleTestCase):
    def setUp(self):
        self.folder = Path(tempfile.mkdtemp(prefix="kieumau-loadset-"))
        self.addCleanup(shutil.rmtree, self.folder, ignore_errors=True)

    def file(self, name: str, content) -> str:
        path = self.folder / name
        path.write_bytes(content if isinstance(content, bytes) else json.dumps(content).encode())
        return str(path)

    def refused(self, *args) -> str:
        with self.assertRaises(CommandError) as caught:
            call_command("loadset", *args, stdout=StringIO(), stderr=StringIO())
        self.assertEqual(caught.exception.returncode, 2)
        return str(caught.exception)

    def check_refused(self, plan, acks) -> str:
        return self.refused("check", self.file("plan.json", plan), self.file("acks.json", acks))

    def test_files_that_are_not_json_objects_of_the_right_shape_are_refused(self):
        for plan, acks, said in [
            (b"[" * 100_000 + b"]" * 100_000, {}, "lồng nhau quá sâu"),
            (b'{"year": NaN, "writers": []}', {}, "«NaN» không phải là số JSON hợp lệ"),
            (b'{"year": ' + b"9" * 5000 + b"}", {}, "số quá dài"),
            ([], [], "Kế hoạch phải là một đối tượng JSON"),
            ({}, {}, "«year»"),
            ({"year": 2026, "audit_start": 0}, {}, "«writers»"),
            ({**PLAN, "writers": [{**WRITER, "unit": 10**30}]}, {}, "«unit»"),
            ({**PLAN, "writers": [{**WRITER, "unit": "7"}]}, {}, "«unit»"),
            ({**PLAN, "writers": ["w1"]}, {}, "writers[0]"),
            ({**PLAN, "audit_start": -1}, {}, "«audit_start»"),
            ({**PLAN, "year": True}, {}, "«year»"),
            (PLAN, [], "Tệp xác nhận phải là một đối tượng JSON"),
            (PLAN, {"w1": {"count": "NaN"}}, "«count»"),
            (PLAN, {"w1": {"count": -1}}, "«count»"),
            (PLAN, {"w1": {"count": 2}}, "thiếu «field»"),
            (b"\xff\xfe", {}, "không phải văn bản UTF-8"),
        ]:
            with self.subTest(plan=str(plan)[:40], acks=acks):
                self.assertIn(said, self.check_refused(plan, acks))

    def test_unreadable_files_are_refused_in_vietnamese(self):
        self.assertIn("không có tệp hoặc thư mục này", self.refused("check", str(self.folder / "a"), str(self.folder / "b")))
        self.assertIn("đây là một thư mục", self.refused("check", str(self.folder), str(self.folder)))
        self.assertIn("Cần hai tệp", self.refused("check", self.file("plan.json", PLAN)))

    def test_writers_outside_the_range_or_not_in_ascii_digits_are_refused_and_nothing_is_written(self):
        out = self.folder / "plan.json"
        for value in ("-1", "-1000", "0", str(loadset.MAX_WRITERS + 1), "9" * 5000, "NaN", "１２", "   "):
            with self.subTest(value=value[:20]):
                message = self.refused("prepare", "--out", str(out), "--writers", value)
                self.assertIn("--writers", message)
                self.assertFalse(out.exists())
        for value in (-1, 0, 10**9, True):
            with self.subTest(value=value), self.assertRaises(loadset.PlanError):
                loadset.prepare(out, value)

    def test_an_out_that_is_a_folder_is_refused_before_anything_is_written(self):
        self.assertIn("là một thư mục", self.refused("prepare", "--out", str(self.folder), "--writers", "1"))
        self.assertIn("dài quá", self.refused("prepare", "--out", str(self.folder / ("a" * 5000))))
        self.assertEqual(list(self.folder.iterdir()), [])

    def test_an_unknown_step_is_refused_in_vietnamese(self):
        self.assertEqual(self.refused("xoa-het"),
                         "Lỗi cách dùng: tham số step: giá trị «xoa-het» không hợp lệ; chọn một trong: prepare, check")
