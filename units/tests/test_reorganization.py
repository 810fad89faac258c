"""Issue 5: the 2024 and 2025 reorganizations, from the package data, with history kept."""

import datetime as dt
from io import StringIO
from unittest import mock

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from accounts.models import Role, RoleAssignment
from assessments.models import Assessment
from assessments.services import last_year_record, previous_year_values
from demo.loader import run
from units import history
from units.models import Level, Lineage, Unit
from units.reform2025 import REFORM_DATE, import_2025

PASSWORD = "KieuMau@2026"


def ward(name, *, legacy=True):
    qs = Unit.objects.filter(name=name, level=Level.COMMUNE)
    return qs.get(valid_until__isnull=not legacy) if legacy is not None else qs.get()


class ImportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.report = import_2025(["56", "79"])

    def test_vinh_nguyen_went_into_nha_trang_on_1_7_2025(self):
        vn, nt = ward("Phường Vĩnh Nguyên"), ward("Phường Nha Trang", legacy=False)
        edge = Lineage.objects.get(predecessor=vn, successor=nt)
        self.assertEqual((edge.kind, edge.effective_date, edge.is_default_successor), ("merge", REFORM_DATE, True))
        self.assertEqual({e.predecessor.name for e in nt.predecessor_edges.all()},
                         {"Phường Vĩnh Nguyên", "Phường Vạn Thạnh", "Phường Lộc Thọ", "Phường Tân Tiến", "Phường Phước Hòa"})
        self.assertEqual([s.unit.name for s in history.successors_now(vn, dt.date(2026, 1, 1))], ["Phường Nha Trang"])
        self.assertEqual(nt.parent.name, "Tỉnh Khánh Hòa")
        self.assertIsNone(nt.parent.valid_until)  # the new province, no district level

    def test_my_phuoc_was_split_with_ben_cat_as_default_successor(self):
        mp = ward("Phường Mỹ Phước")
        edges = {e.successor.name: e for e in Lineage.objects.filter(predecessor=mp).select_related("successor")}
        self.assertEqual(set(edges), {"Phường Bến Cát", "Phường Long Nguyên"})
        self.assertTrue(all(e.kind == "split" for e in edges.values()))
        self.assertTrue(edges["Phường Bến Cát"].is_default_successor)
        self.assertFalse(edges["Phường Long Nguyên"].is_default_successor)
        self.assertEqual([s.unit.name for s in history.successors_now(mp, dt.date(2026, 1, 1))],
                         ["Phường Bến Cát", "Phường Long Nguyên"])  # the default first

    def test_the_six_nha_trang_wards_changed_on_1_11_2024(self):
        day = dt.date(2024, 11, 1)
        merged = {"Phường Phương Sơn": "Phường Phương Sài", "Phường Xương Huân": "Phường Vạn Thạnh",
                  "Phường Vạn Thắng": "Phường Vạn Thạnh", "Phường Phước Tiến": "Phường Tân Tiến",
                  "Phường Phước Tân": "Phường Tân Tiến", "Phường Tân Lập": "Phường Tân Tiến"}
        for old, new in merged.items():
            unit = Unit.objects.get(name=old, level=Level.COMMUNE)
            self.assertEqual(unit.valid_until, day, old)
            self.assertEqual(unit.parent.name, "Thành phố Nha Trang")
            self.assertEqual([(e.successor.name, e.effective_date) for e in unit.successor_edges.all()], [(new, day)], old)
        tan_tien = ward("Phường Tân Tiến")
        self.assertEqual((tan_tien.code, tan_tien.valid_from), ("22366", day))  # a new ward, formed that day
        self.assertIsNone(ward("Phường Phương Sài").valid_from)  # continued, absorbing Phương Sơn
        kh = Unit.objects.get(level=Level.PROVINCE, code="56", valid_until__isnull=False)
        self.assertEqual(history.wards_on(kh, dt.date(2023, 12, 31)).count(), 35)
        self.assertEqual(history.wards_on(kh, dt.date(2024, 10, 31)).count(), 35)
        self.assertEqual(history.wards_on(kh, dt.date(2024, 11, 1)).count(), 30)

    def test_an_dien_and_an_tay_became_wards_on_1_5_2024(self):
        bd = Unit.objects.get(level=Level.PROVINCE, code="74")
        self.assertEqual(history.wards_on(bd, dt.date(2024, 4, 30)).count(), 45)
        self.assertEqual(history.wards_on(bd, dt.date(2024, 5, 1)).count(), 47)
        old = Unit.objects.get(name="Xã An Điền")
        edge = old.successor_edges.get()
        self.assertEqual((edge.kind, edge.successor.name, edge.successor.code), ("reclassify", "Phường An Điền", old.code))

    def test_rerunning_changes_nothing_and_unknowns_are_reported_not_guessed(self):
        units, edges = Unit.objects.count(), Lineage.objects.count()
        again = import_2025(["56", "79"])
        self.assertEqual((again.units.created, again.units.updated, again.edges_created, again.edges_updated), (0, 0, 0, 0))
        self.assertEqual((Unit.objects.count(), Lineage.objects.count()), (units, edges))
        self.assertTrue(any("huyencondao" in line for line in self.report.unknown))  # an island district, no commune

    def test_a_mapping_to_an_unknown_code_is_reported_and_skipped(self):
        from units import reform2025

        real = reform2025._package_data

        def with_bad_key():
            converter, new_rows, old_rows = real()
            converter["DICT_PROVINCE_WARD_NO_DIVIDED"]["tinhkhanhhoa"]["phuongnhatrang"].append("tinhkhanhhoa_khongco_phuongma")
            converter["DICT_PROVINCE_WARD_NO_DIVIDED"]["tinhkhanhhoa"]["phuongkhongton"] = ["tinhkhanhhoa_thanhphonhatrang_phuongvinhnguyen"]
            return converter, new_rows, old_rows

        with mock.patch.object(reform2025, "_package_data", with_bad_key):
            report = import_2025(["56"])
        self.assertTrue(any("tinhkhanhhoa_khongco_phuongma" in line for line in report.unknown))
        self.assertTrue(any("phuongkhongton" in line for line in report.unknown))
        self.assertEqual(report.edges_created, 0)

    def test_the_command_prints_the_report(self):
        out = StringIO()
        call_command("import_units", "56", "--2025", stdout=out)
        self.assertIn("Danh mục 2025 (1 tỉnh)", out.getvalue())


class StoryTests(TestCase):
    """The demo's Khánh Hòa story, end to end, through the pages."""

    @classmethod
    def setUpTestData(cls):
        run(log=lambda *a: None)
        cls.kh_old = Unit.objects.get(level=Level.PROVINCE, code="56", valid_until__isnull=False)
        cls.kh_new = Unit.objects.get(level=Level.PROVINCE, code="56", valid_until__isnull=True)

    def login(self, username):
        self.client.login(username=username, password=PASSWORD)

    def test_a_2023_report_shows_the_province_as_it_was_35_wards(self):
        self.login("pv01.khanhhoa")
        r = self.client.get(reverse("province_matrix", args=[self.kh_new.pk]) + "?nam=2023")
        self.assertRedirects(r, reverse("province_matrix", args=[self.kh_old.pk]) + "?nam=2023")
        r = self.client.get(reverse("province_matrix", args=[self.kh_old.pk]) + "?nam=2023")
        self.assertEqual(len(r.context["matrix"].rows), 35)
        self.assertContains(r, "Phường Xương Huân")
        self.assertContains(r, "<strong>1/35</strong>", html=False)
        r = self.client.get(reverse("province_matrix", args=[self.kh_old.pk]) + "?nam=2025")
        self.assertEqual(len(r.context["matrix"].rows), 30)
        self.assertNotContains(r, "Phường Xương Huân")
        self.assertContains(r, "Tỉnh Khánh Hòa</a> (sáp nhập")  # where it went

    def test_the_current_year_opens_on_the_new_structure(self):
        self.login("pv01.khanhhoa")
        r = self.client.get(reverse("home"))
        self.assertRedirects(r, reverse("province_matrix", args=[self.kh_new.pk]))
        r = self.client.get(reverse("province_matrix", args=[self.kh_new.pk]))
        self.assertEqual(r.context["year"], 2026)
        names = [row.unit.name for row in r.context["matrix"].rows]
        self.assertIn("Phường Nha Trang", names)
        self.assertNotIn("Phường Vĩnh Nguyên", names)

    def test_the_successor_shows_the_old_wards_recognition_as_history(self):
        nt = ward("Phường Nha Trang", legacy=False)
        self.login("truong.nhatrang")
        r = self.client.get(reverse("scorecard", args=[nt.pk, 2026]))
        self.assertContains(r, "Phường Vĩnh Nguyên (cũ)")
        self.assertContains(r, "công nhận 2023")
        self.assertContains(r, "nay thuộc Phường Nha Trang")
        # and the old ward's page says where it went, its own record unchanged
        vn = ward("Phường Vĩnh Nguyên")
        r = self.client.get(reverse("scorecard", args=[vn.pk, 2023]))
        self.assertEqual(r.status_code, 200)  # the chief of the successor sees the history
        self.assertContains(r, "nay thuộc")
        self.assertEqual(vn.recognitions.get(year=2023).unit, vn)

    def test_the_first_year_of_a_merged_ward_sums_its_old_wards_counts(self):
        nt = ward("Phường Nha Trang", legacy=False)
        olds = [e.predecessor for e in nt.predecessor_edges.select_related("predecessor")]
        records = [Assessment.objects.get(unit=o, year=2025).values for o in olds]
        values, carried = last_year_record(nt.pk, 2026)
        self.assertEqual(values["so_vu_ttxh"], sum(v["so_vu_ttxh"] for v in records))
        self.assertEqual(values["so_khu_dan_cu"], sum(v["so_khu_dan_cu"] for v in records))
        self.assertNotIn("an_toan_antt", values)  # a yes/no answer is not summed
        self.assertEqual(sorted(carried.sources), sorted(o.name for o in olds))
        prev, sources = previous_year_values(nt.pk, 2026, {})
        self.assertEqual(sources["so_vu_ttxh"], "carried")
        self.login("truong.nhatrang")
        r = self.client.get(reverse("enter_figures", args=[nt.pk, 2026]))
        self.assertContains(r, "carried-note")
        self.assertContains(r, "Phường Vĩnh Nguyên")

    def test_a_split_wards_figures_are_not_carried(self):
        bc = ward("Phường Bến Cát", legacy=False)
        values, carried = last_year_record(bc.pk, 2026)
        self.assertEqual(values, {})
        self.assertIn("Phường Mỹ Phước được chia", carried.reason)

    def test_scope_follows_lineage_backwards_only(self):
        vn, nt = ward("Phường Vĩnh Nguyên"), ward("Phường Nha Trang", legacy=False)
        self.login("truong.vinhnguyen")  # a role on the old ward does not open the merged one
        self.assertEqual(self.client.get(reverse("scorecard", args=[nt.pk, 2026])).status_code, 404)
        self.assertEqual(self.client.get(reverse("scorecard", args=[vn.pk, 2025])).status_code, 200)
        self.login("pv01.binhduong")
        self.assertEqual(self.client.get(reverse("scorecard", args=[vn.pk, 2025])).status_code, 404)
        outsider = get_user_model().objects.create_user("ninhthuan", password=PASSWORD)
        RoleAssignment.objects.create(user=outsider, role=Role.PROGRAM_STAFF,
                                      unit=Unit.objects.get(level=Level.PROVINCE, code="58"))
        self.login("ninhthuan")
        self.assertEqual(self.client.get(reverse("scorecard", args=[vn.pk, 2025])).status_code, 404)

    def test_plans_keep_written_targets_and_gain_rebased_ones(self):
        from roadmaps.models import Plan
        from roadmaps.services import build

        plan = Plan.objects.get(province=self.kh_old)
        lines = {line.year: line for line in build(plan, today_year=2026).lines}
        self.assertEqual((lines[2025].target_cumulative, lines[2025].target_cumulative_rebased), (11, 9))
        self.assertEqual(lines[2030].target_cumulative, 35)
        territory = history.territory_wards(self.kh_old, dt.date(2030, 12, 31))
        self.assertEqual(lines[2030].target_cumulative_rebased, len(territory))
        self.assertIn("Phường Nha Trang", {w.name for w in territory})
        self.assertEqual(lines[2026].actual_cumulative, 0)  # no new ward holds a recognition of its own yet
        self.login("pv01.khanhhoa")
        r = self.client.get(reverse("roadmap", args=[self.kh_new.pk]))  # the new province follows the old plan
        self.assertContains(r, "reorganized-note")
