"""Issue 5: the 2024 and 2025 reorganizations, from the package data, with history kept."""

import datetime as dt
from io import StringIO
from unittest import mock

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from accounts.models import Role, RoleAssignment
from assessments.models import Assessment
from assessments.services import last_year_record, previous_year_values
from demo.loader import run
from units import history, territory
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
        on = lambda day: territory.communes(kh, day, day).wards().count()  # noqa: E731
        self.assertEqual((on(dt.date(2023, 12, 31)), on(dt.date(2024, 10, 31)), on(dt.date(2024, 11, 1))), (35, 35, 30))

    def test_an_dien_and_an_tay_became_wards_on_1_5_2024(self):
        bd = Unit.objects.get(level=Level.PROVINCE, code="74")
        on = lambda day: territory.communes(bd, day, day).wards().count()  # noqa: E731
        self.assertEqual((on(dt.date(2024, 4, 30)), on(dt.date(2024, 5, 1))), (45, 47))
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
    """The demo's story across the 2025 map, through the pages, as each demo role meets it (issue 10, items 1–6)."""

    @classmethod
    def setUpTestData(cls):
        run(log=lambda *a: None)
        cls.kh_old = Unit.objects.get(level=Level.PROVINCE, code="56", valid_until__isnull=False)
        cls.kh_new = Unit.objects.get(level=Level.PROVINCE, code="56", valid_until__isnull=True)
        cls.bd = Unit.objects.get(level=Level.PROVINCE, code="74")
        cls.hcm = Unit.objects.get(level=Level.PROVINCE, code="79", valid_until__isnull=True)

    def login(self, username):
        self.client.logout()
        self.assertTrue(self.client.login(username=username, password=PASSWORD))

    def matrix(self, province, year):
        cache.clear()  # the page's data are read from the context of the fragment made afresh (kieumau/fragments.py)
        r = self.client.get(reverse("province_matrix", args=[province.pk]), {"nam": year})
        self.assertEqual(r.status_code, 200)
        return r, r.context["matrix"]

    def test_the_new_provinces_earlier_years_show_the_wards_of_then_on_its_land_grouped_by_old_province(self):
        self.login("pv01.khanhhoa")
        r, m = self.matrix(self.kh_new, 2023)
        self.assertEqual(len(m.rows), 35 + 12)  # Khánh Hòa's 35 wards and Ninh Thuận's 12
        self.assertEqual([g.label for g in m.row_groups], ["Tỉnh Khánh Hòa (đến 30/06/2025)", "Tỉnh Ninh Thuận (đến 30/06/2025)"])
        self.assertContains(r, "Phường Xương Huân")
        self.assertContains(r, "<strong>1/47</strong>", html=False)  # the pilot
        _r, m = self.matrix(self.kh_new, 2024)
        self.assertEqual((len(m.rows), m.assessed), (30 + 12, 42))
        _r, m = self.matrix(self.kh_new, 2025)  # assessed on the wards that exist at the end of 2025
        self.assertEqual((len(m.rows), m.assessed, len(m.row_groups)), (16, 16, 1))
        self.assertIn("Phường Nha Trang", [row.unit.name for row in m.rows])
        r, m = self.matrix(self.kh_old, 2023)  # the old province, told apart by its end date
        self.assertEqual(len(m.rows), 35)
        self.assertContains(r, "<h1>Tỉnh Khánh Hòa (đến 30/06/2025)", html=False)
        self.assertContains(r, f'href="/tinh/{self.kh_new.pk}/?nam=2023"')  # where it went, linked: the viewer may open it

    def test_the_current_year_opens_on_the_new_structure(self):
        self.login("pv01.khanhhoa")
        self.assertRedirects(self.client.get(reverse("home")), reverse("province_matrix", args=[self.kh_new.pk]))
        cache.clear()
        r = self.client.get(reverse("province_matrix", args=[self.kh_new.pk]))
        self.assertEqual(r.context["year"], 2026)
        names = [row.unit.name for row in r.context["matrix"].rows]
        self.assertIn("Phường Nha Trang", names)
        self.assertNotIn("Phường Vĩnh Nguyên", names)

    def test_the_new_provinces_recognitions_include_its_predecessors_with_what_became_of_each(self):
        self.login("pv01.khanhhoa")
        r = self.client.get(reverse("recognitions", args=[self.kh_new.pk]))
        rows = r.context["rows"]
        by_ward = {(row.recognition.unit.name, row.recognition.year): row for row in rows}
        self.assertEqual(set(by_ward), {("Phường Vĩnh Nguyên", 2023), ("Phường Phước Hải", 2024), ("Phường Cam Linh", 2024),
                                        ("Phường Nha Trang", 2025), ("Phường Bắc Nha Trang", 2025)})
        pilot = by_ward[("Phường Vĩnh Nguyên", 2023)]
        self.assertEqual((pilot.now.holder.name, pilot.now.carried), ("Phường Nha Trang", True))
        self.assertEqual([(c.year, c.outcome) for c in pilot.checks], [(2024, "maintained"), (2025, "maintained")])
        self.assertContains(r, "Phường Nha Trang kế thừa")
        self.assertContains(r, "Tỉnh Khánh Hòa (đến 30/06/2025)")

    def test_a_predecessor_provinces_staff_follow_their_land_read_only_with_links_that_work(self):
        self.login("pv01.binhduong")
        r = self.client.get(reverse("home"), follow=True)
        self.assertEqual(r.redirect_chain[-1][0], reverse("province_matrix", args=[self.bd.pk]))
        m = r.context["matrix"]
        self.assertEqual((m.year, len(m.rows)), (2026, 24))  # the wards of Thành phố Hồ Chí Minh formed from Bình Dương's
        self.assertNotContains(r, f'href="/tinh/{self.hcm.pk}/')
        self.assertContains(r, "Thành phố Hồ Chí Minh")
        self.assertEqual(self.client.get(reverse("province_matrix", args=[self.hcm.pk])).status_code, 404)
        ben_cat = ward("Phường Bến Cát", legacy=False)
        page = self.client.get(reverse("scorecard", args=[ben_cat.pk, 2025]))
        self.assertEqual(page.status_code, 200)
        self.assertNotContains(page, "Nhập số liệu")
        self.assertEqual(self.client.get(reverse("enter_figures", args=[ben_cat.pk, 2026])).status_code, 403)
        r, m = self.matrix(self.bd, 2024)
        self.assertEqual((len(m.rows), m.meeting), (47, 6))
        recognitions = self.client.get(reverse("recognitions", args=[self.bd.pk])).context["rows"]
        self.assertEqual(len(recognitions), 6 + 5)  # Mỹ Phước and five in 2024, five on its land in 2025
        my_phuoc = next(row for row in recognitions if row.recognition.unit.name == "Phường Mỹ Phước")
        self.assertEqual(my_phuoc.now.holder.name, "Phường Bến Cát")  # divided: the default successor carries it

    def test_the_roadmap_counts_across_the_change_on_the_plans_own_land(self):
        from roadmaps.models import Plan
        from roadmaps.services import build

        plan = Plan.objects.get(province=self.kh_old)
        r = build(plan, today_year=2026, opened=self.kh_new)
        lines = {line.year: line for line in r.lines}
        self.assertEqual([lines[y].actual_cumulative for y in (2023, 2024, 2025, 2026)], [1, 3, 4, 4])
        self.assertEqual((lines[2025].target_cumulative, lines[2025].target_cumulative_rebased), (11, 4))  # 30% of 11
        self.assertEqual((lines[2030].target_cumulative, lines[2030].target_cumulative_rebased), (35, 11))
        self.assertEqual([w.name for w in r.unplanned],  # in Vietnamese order: Đ after D
                         ["Phường Bảo An", "Phường Đô Vinh", "Phường Đông Hải", "Phường Ninh Chử", "Phường Phan Rang"])
        self.login("pv01.khanhhoa")
        page = self.client.get(reverse("roadmap", args=[self.kh_new.pk]))
        self.assertContains(page, f'href="/tinh/{self.kh_new.pk}/lo-trinh.xlsx"')
        self.assertContains(page, f'<nav class="crumbs"><a href="/tinh/{self.kh_new.pk}/">Tỉnh Khánh Hòa</a>', html=False)
        self.assertContains(page, 'id="unplanned"')
        self.assertContains(page, "reorganized-note")

    def test_the_successor_shows_the_old_wards_recognition_and_carries_it(self):
        nt = ward("Phường Nha Trang", legacy=False)
        self.login("truong.nhatrang")
        r = self.client.get(reverse("scorecard", args=[nt.pk, 2026]))
        self.assertContains(r, "Phường Vĩnh Nguyên (cũ)")
        self.assertContains(r, "công nhận 2023")
        self.assertContains(r, "Phường Nha Trang kế thừa")
        vn = ward("Phường Vĩnh Nguyên")
        r = self.client.get(reverse("scorecard", args=[vn.pk, 2023]))
        self.assertEqual(r.status_code, 200)  # the chief of the successor reads the history
        self.assertContains(r, "nay thuộc")
        self.assertEqual(vn.recognitions.get(year=2023).unit, vn)

    def test_the_inbox_shows_what_to_do_now_soonest_deadline_first(self):
        self.login("truong.nhatrang")
        waiting = self.client.get(reverse("todo")).context["waiting"]
        self.assertEqual([(t.assessment.unit.name, t.assessment.year, t.deadline) for t in waiting],
                         [("Phường Nha Trang", 2026, dt.date(2026, 12, 15))])
        self.login("kiemtra.khanhhoa")
        waiting = self.client.get(reverse("todo")).context["waiting"]
        self.assertEqual([(t.assessment.unit.name, t.assessment.status) for t in waiting], [("Phường Ba Ngòi", "submitted")])
        self.login("canbo.vinhnguyen")  # their ward has ended: told where it went, nothing to do there
        self.assertEqual(self.client.get(reverse("todo")).context["waiting"], [])
        home = self.client.get(reverse("home"))
        self.assertContains(home, "01/07/2025")
        self.assertContains(home, reverse("scorecard", args=[ward("Phường Nha Trang", legacy=False).pk, 2026]))

    def test_dissolved_wards_unfinished_drafts_were_closed_with_the_reason(self):
        from audit.models import AuditEvent

        vn, xh = ward("Phường Vĩnh Nguyên"), Unit.objects.get(name="Phường Xương Huân")
        self.assertEqual(Assessment.objects.get(unit=xh, year=2023).status, "closed")
        event = AuditEvent.objects.filter(action="assessment.closed", unit=xh).get()
        self.assertIn("01/11/2024", event.comment)
        self.assertEqual(Assessment.objects.get(unit=vn, year=2023).status, "recognized")  # finished: kept as it was
        self.assertFalse(Assessment.objects.filter(unit__valid_until__lte=dt.date(2026, 11, 23)).exclude(
            status__in=["recognized", "closed"]).exists())

    def test_unit_years_that_cannot_be_assessed_are_refused_with_the_reason(self):
        vn, nt = ward("Phường Vĩnh Nguyên"), ward("Phường Nha Trang", legacy=False)
        self.login("truong.vinhnguyen")
        r = self.client.get(reverse("enter_figures", args=[vn.pk, 2026]), follow=True)
        self.assertContains(r, "01/07/2025")
        self.assertFalse(Assessment.objects.filter(unit=vn, year__gte=2025).exists())
        self.login("truong.nhatrang")
        self.assertEqual(self.client.get(reverse("enter_figures", args=[nt.pk, 2027])).status_code, 404)
        r = self.client.get(reverse("enter_figures", args=[vn.pk, 2024]), follow=True)  # the successor's chief
        self.assertContains(r, "lịch sử")
        self.assertEqual(Assessment.objects.get(unit=vn, year=2024).status, "closed")

    def test_the_first_year_of_a_merged_ward_sums_its_old_wards_counts(self):
        nt = ward("Phường Nha Trang", legacy=False)
        olds = [e.predecessor for e in nt.predecessor_edges.select_related("predecessor")]
        records = [Assessment.objects.get(unit=o, year=2024).values for o in olds]
        values, carried = last_year_record(nt.pk, 2025)
        self.assertEqual(values["so_vu_ttxh"], sum(v["so_vu_ttxh"] for v in records))
        self.assertEqual(values["so_khu_dan_cu"], sum(v["so_khu_dan_cu"] for v in records))
        self.assertNotIn("an_toan_antt", values)  # a yes/no answer is not summed
        self.assertEqual(sorted(carried.sources), sorted(o.name for o in olds))
        prev, sources = previous_year_values(nt.pk, 2025, {})
        self.assertEqual(sources["so_vu_ttxh"], "carried")

    def test_a_split_wards_figures_are_not_carried(self):
        bc = ward("Phường Bến Cát", legacy=False)
        values, carried = last_year_record(bc.pk, 2025)
        self.assertEqual(values, {})
        self.assertIn("Phường Mỹ Phước được chia", carried.reason)

    def test_scope_follows_lineage_backwards_and_forwards_read_only(self):
        vn, nt = ward("Phường Vĩnh Nguyên"), ward("Phường Nha Trang", legacy=False)
        self.login("truong.vinhnguyen")  # a role on the old ward reads the ward it became, and writes nothing there
        self.assertEqual(self.client.get(reverse("scorecard", args=[nt.pk, 2026])).status_code, 200)
        self.assertEqual(self.client.get(reverse("enter_figures", args=[nt.pk, 2026])).status_code, 403)
        self.assertEqual(self.client.get(reverse("scorecard", args=[vn.pk, 2024])).status_code, 200)
        self.login("pv01.binhduong")
        self.assertEqual(self.client.get(reverse("scorecard", args=[vn.pk, 2024])).status_code, 404)
        outsider = get_user_model().objects.create_user("ninhthuan", password=PASSWORD)
        RoleAssignment.objects.create(user=outsider, role=Role.PROGRAM_STAFF,
                                      unit=Unit.objects.get(level=Level.PROVINCE, code="58"))
        self.login("ninhthuan")
        self.assertEqual(self.client.get(reverse("scorecard", args=[vn.pk, 2024])).status_code, 404)
