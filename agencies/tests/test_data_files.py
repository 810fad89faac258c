"""The shipped data files: Bình Dương's 22 bodies of Phần IV items 2–22 and its five cities (item 23), Khánh Hòa's
Party bodies; successions after 1/3/2025 and 1/7/2025; the contract of `reporting_status`; bad files refused."""

import datetime as dt
import io
import json

from django.core.management import call_command
from django.test import TestCase

from agencies.loader import DATA_DIR, DataError, load_data, load_file
from agencies.models import Body, Succession, Task
from kieumau.testing import make_unit
from reporting.management.commands.reporting_status import run
from units.models import Level, Lineage

CITIES = ["Thành phố Thủ Dầu Một", "Thành phố Thuận An", "Thành phố Dĩ An", "Thành phố Tân Uyên", "Thành phố Bến Cát"]
SEED_BODIES = ["Sở Lao động - Thương binh và Xã hội", "Sở Thông tin và Truyền thông", "Sở Văn hóa, Thể thao và Du lịch",
               "Sở Tư pháp", "Sở Nội vụ", "Sở Kế hoạch và Đầu tư", "Sở Tài chính", "Sở Tài nguyên và Môi trường",
               "Sở Xây dựng", "Sở Giao thông vận tải"]


class DataFileTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        end = dt.date(2025, 7, 1)
        cls.bd = make_unit("74", "Tỉnh Bình Dương", Level.PROVINCE, valid_until=end)
        for i, name in enumerate(CITIES):
            make_unit(f"7{i:02d}", name, Level.DISTRICT, cls.bd, valid_until=end)
        cls.hcm = make_unit("79", "Thành phố Hồ Chí Minh", Level.PROVINCE, valid_from=end)
        Lineage.objects.create(predecessor=cls.bd, successor=cls.hcm, kind="merge", effective_date=end)
        cls.kh = make_unit("56", "Tỉnh Khánh Hòa", Level.PROVINCE, valid_until=end)
        for i, name in enumerate(["Thành phố Nha Trang", "Thành phố Cam Ranh", "Thị xã Ninh Hòa"]):
            make_unit(f"5{i:02d}", name, Level.DISTRICT, cls.kh, valid_until=end)
        cls.kh_new = make_unit("56", "Tỉnh Khánh Hòa", Level.PROVINCE, valid_from=end)
        Lineage.objects.create(predecessor=cls.kh, successor=cls.kh_new, kind="merge", effective_date=end)
        cls.bd_load = load_file(DATA_DIR / "binh-duong.yaml")
        cls.kh_load = load_file(DATA_DIR / "khanh-hoa.yaml")

    def test_binh_duong_2025_h1_lists_the_seeds_bodies_and_cities(self):
        out, code = run("74", "2025-H1")
        self.assertEqual(code, 0)
        self.assertEqual((out["province"], out["period"], out["deadline"]), ("74", "2025-H1", "2025-06-14"))
        self.assertEqual(len(out["bodies"]), 27)  # 22 bodies of items 2–22 and the 5 cities of item 23
        names = [b["name"] for b in out["bodies"]]
        for name in SEED_BODIES:
            self.assertIn(name, names)
        self.assertEqual(sum(1 for n in names if n.startswith("Ủy ban nhân dân thành phố")), 5)
        held = {b["name"]: b["held_by"] for b in out["bodies"]}
        self.assertEqual(held["Sở Kế hoạch và Đầu tư"], "Sở Tài chính")  # merged on 1/3/2025
        self.assertEqual(held["Sở Giao thông vận tải"], "Sở Xây dựng")
        self.assertIsNone(held["Sở Tư pháp"])
        self.assertEqual(out["counts"]["missing"], 27)
        self.assertEqual(set(out["counts"]), {"pending", "draft", "on_time", "late", "missing", "returned"})
        self.assertEqual((out["completeness"], out["timeliness"]), (0.0, 0.0))
        json.dumps(out)

    def test_after_1_7_2025_the_code_74_is_gone_and_79_carries_the_program(self):
        out, code = run("74", "2025")
        self.assertEqual(code, 2)
        self.assertTrue(out["errors"])
        out, code = run("79", "2025")
        self.assertEqual(code, 0)
        self.assertEqual(len(out["bodies"]), 22)  # the cities' committees ended with the district level
        # every Bình Dương body ended on 1/7/2025: its task is held by the body of Thành phố Hồ Chí Minh it went into
        self.assertTrue(all(b["held_by"] for b in out["bodies"]), [b for b in out["bodies"] if not b["held_by"]])

    def test_khanh_hoa(self):
        out, code = run("56", "SK2023")
        self.assertEqual((code, out["deadline"]), (0, "2023-12-14"))
        self.assertEqual(len(out["bodies"]), 13)
        out, code = run("56", "2026")
        self.assertEqual(code, 0)
        self.assertEqual(len(out["bodies"]), 10)  # the three city/town Party committees ended on 1/7/2025

    def test_the_command_prints_json_and_exits_2_without_a_traceback(self):
        stdout = io.StringIO()
        call_command("reporting_status", "74", "--period", "2025-H1", "--format", "json", stdout=stdout)
        self.assertEqual(json.loads(stdout.getvalue())["province"], "74")
        for args in (["99", "--period", "2025"], ["74", "--period", "2025-Q3"], ["74", "--period", "2019"]):
            stdout = io.StringIO()
            with self.assertRaises(SystemExit) as e:
                call_command("reporting_status", *args, stdout=stdout)
            self.assertEqual(e.exception.code, 2)
            self.assertTrue(json.loads(stdout.getvalue())["errors"])

    def test_every_ended_body_with_a_task_has_one_place_for_it_or_ends_with_the_district_level(self):
        for task in Task.objects.select_related("holder"):
            body = task.holder
            if body.valid_until is None:
                continue
            defaults = Succession.objects.filter(predecessor=body, is_default=True).count()
            self.assertTrue(defaults == 1 or body.district_id is not None, body.code)

    def test_loading_again_changes_nothing(self):
        before = (Body.objects.count(), Task.objects.count(), Succession.objects.count())
        load_file(DATA_DIR / "binh-duong.yaml")
        self.assertEqual(before, (Body.objects.count(), Task.objects.count(), Succession.objects.count()))

    def test_a_bad_file_writes_nothing_and_says_where(self):
        before = Body.objects.count()
        bad = {"program": {"code": "x", "province": "74", "province_on": "2024-01-01", "title": "t", "source": "s",
                           "start_year": 2024, "end_year": 2030},
               "bodies": [{"code": "a", "name": "A", "kind": "nope"}],
               "tasks": [{"item": "1", "body": "zz", "text": "x"}], "changes": [{"from": "a", "to": "b", "kind": "merge"}]}
        with self.assertRaises(DataError) as e:
            load_data(bad)
        text = " ".join(e.exception.problems)
        self.assertIn("bodies[1]", text)
        self.assertIn("tasks[1]", text)
        self.assertIn("changes[1]", text)
        self.assertEqual(Body.objects.count(), before)
