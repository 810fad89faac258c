"""load_agencies loads exactly the files it is given (all shipped ones when none is), and refuses a missing or bad
file in Vietnamese with exit 2, nothing written from it."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import tempfile
from pathlib import Path
from unittest import mock

from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase

from agencies.loader import DATA_DIR
from agencies.models import Body, Program, Task
from kieumau.testing import make_unit
from units.models import Level, Lineage

COMMAND = "agencies.management.commands.load_agencies.load_file"


class LoadAgenciesFilesTests(TestCase):
    @classmethod
    def setUpTestData(cls):  # Khánh Hòa only: Bình Dương's file cannot load here
        end = dt.date(2025, 7, 1)
        kh = make_unit("56", "Tỉnh Khánh Hòa", Level.PROVINCE, valid_until=end)
        for i, name in enumerate(["Thành phố Nha Trang", "Thành phố Cam Ranh", "Thị xã Ninh Hòa"]):
            make_unit(f"5{i:02d}", name, Level.DISTRICT, kh, valid_until=end)
        kh_new = make_unit("56", "Tỉnh Khánh Hòa", Level.PROVINCE, valid_from=end)
        Lineage.objects.create(predecessor=kh, successor=kh_new, kind="merge", effective_date=end)

    def setUp(self):
        self.folder = Path(tempfile.mkdtemp(prefix="kieumau-agencies-"))
        self.addCleanup(shutil.rmtree, self.folder, ignore_errors=True)

    def counts(self):
        return Program.objects.count(), Body.objects.count(), Task.objects.count()

    def refused(self, *files) -> str:
        before = self.counts()
        with self.assertRaises(CommandError) as caught:
            call_command("load_agencies", *map(str, files), stdout=io.StringIO(), stderr=io.StringIO())
        self.assertEqual(caught.exception.returncode, 2)
        self.assertEqual(self.counts(), before)
        return str(caught.exception)

    def test_the_file_given_is_the_one_loaded(self):
        out = io.StringIO()
        call_command("load_agencies", str(DATA_DIR / "khanh-hoa.yaml"), stdout=out, stderr=io.StringIO())
        self.assertEqual(list(Program.objects.values_list("province__code", flat=True)), ["56"])
        self.assertIn("khanh-hoa.yaml", out.getvalue())
        self.assertNotIn("binh-duong", out.getvalue())

    def test_without_a_file_every_shipped_file_is_loaded(self):
        with mock.patch(COMMAND) as load:
            load.return_value.warnings = []
            call_command("load_agencies", stdout=io.StringIO())
        self.assertEqual([c.args[0] for c in load.call_args_list], sorted(str(p) for p in DATA_DIR.glob("*.yaml")))

    def test_a_missing_file_or_a_folder_is_refused_before_anything_is_loaded(self):
        with mock.patch(COMMAND) as load:
            self.assertIn("không có tệp này", self.refused(DATA_DIR / "khanh-hoa.yaml", self.folder / "khong-co.yaml"))
            self.assertIn("không phải là tệp", self.refused(self.folder))
            self.assertIn("dài quá", self.refused(self.folder / ("a" * 5000)))
        load.assert_not_called()

    def test_a_bad_file_is_refused_in_vietnamese(self):
        for name, content in [("rong.yaml", b""), ("rac.yaml", bytes(range(256))), ("sau.yaml", b"[" * 5000 + b"]" * 5000),
                              ("so.yaml", b"code: " + b"9" * 5000 + b"\n"), ("the.yaml", b"x: !!python/object/apply:os.system ['true']\n"),
                              ("sai.yaml", b"program: []\n")]:
            with self.subTest(name=name):
                path = self.folder / name
                path.write_bytes(content)
                err = io.StringIO()
                before = self.counts()
                with self.assertRaises(CommandError) as caught:
                    call_command("load_agencies", str(path), stdout=io.StringIO(), stderr=err)
                self.assertEqual(caught.exception.returncode, 2)
                self.assertIn("không nạp được", str(caught.exception))
                self.assertIn(f"{path}: không nạp được", err.getvalue())
                self.assertEqual(self.counts(), before)
