import json
from io import BytesIO, StringIO

from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from openpyxl import load_workbook

from demo.loader import run
from roadmaps.models import Plan
from units.models import Level, Unit


def new_wards_from(new_province: str, old_prefix: str) -> int:
    """Independently of the importer: 2025 phường formed (wholly or partly) from the old province's units."""
    from pathlib import Path

    import vietnamadminunits
    from vietnamadminunits.database import query

    data = json.loads((Path(vietnamadminunits.__file__).parent / "data" / "converter_2025.json").read_text("utf-8"))
    keys = {k for k, olds in data["DICT_PROVINCE_WARD_NO_DIVIDED"][new_province].items() if any(o.startswith(old_prefix) for o in olds)}
    for old, targets in data["DICT_PROVINCE_WARD_DIVIDED"][new_province].items():
        if old.startswith(old_prefix):
            keys |= {t["newWardKey"] for t in targets}
    kinds = {r["wardKey"]: r["wardType"] for r in query(f"SELECT wardKey, wardType FROM admin_units WHERE provinceKey = '{new_province}'")}
    return sum(kinds.get(k) == "Phường" for k in keys)


class SeedPlanTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        run(log=lambda *a: None)

    def roadmap(self, code):
        out = StringIO()
        call_command("roadmap", code, "--format", "json", stdout=out)
        return json.loads(out.getvalue())

    def test_binh_duong_reproduces_the_written_cumulative_targets(self):
        data = self.roadmap("74")
        self.assertEqual(data["province"], "74")
        years = {y["year"]: y for y in data["years"]}
        self.assertEqual([years[y]["target_cumulative"] for y in range(2024, 2031)], [6, 14, 21, 28, 35, 42, 45])
        self.assertEqual([years[y]["target_new"] for y in range(2024, 2031)], [6, 8, 7, 7, 7, 7, 3])
        self.assertEqual(years[2025]["target_cumulative_rebased"], 14)  # 8 more, within the 47 wards it had then
        # 100% re-based on the wards of Bình Dương's territory in 2030, now inside TP. Hồ Chí Minh
        self.assertEqual(years[2030]["target_cumulative_rebased"], new_wards_from("thanhphohochiminh", "tinhbinhduong_"))
        self.assertEqual([years[y]["actual_cumulative"] for y in (2024, 2025)], [6, 11])  # 6 carried into 2025, 5 new
        self.assertEqual([years[y]["status"] for y in (2024, 2025)], ["met", "late"])

    def test_khanh_hoa_thirty_percent_as_written_and_re_based(self):
        years = {y["year"]: y for y in self.roadmap("56")["years"]}
        # 2025 is assessed on the new map: 30% of the 11 wards on the old Khánh Hòa's land, rounded up
        self.assertEqual((years[2025]["target_cumulative"], years[2025]["target_cumulative_rebased"]), (11, 4))
        self.assertEqual(years[2030]["target_cumulative"], 35)
        self.assertEqual(years[2023]["actual_cumulative"], 1)  # the pilot, Phường Vĩnh Nguyên
        self.assertEqual(years[2023]["status"], "met")

    def test_the_page_the_export_and_access(self):
        province = Plan.objects.get(province__code="56").province
        self.client.login(username="pv01.khanhhoa", password="KieuMau@2026")
        r = self.client.get(reverse("roadmap", args=[province.pk]))
        self.assertContains(r, "30% của 11 phường → 4 (làm tròn lên)")
        self.assertContains(r, "demo-banner")
        self.assertContains(r, 'id="roadmap-data"')
        self.assertContains(r, "cần thêm")  # gap suggestions on the closest wards
        xlsx = self.client.get(reverse("roadmap_xlsx", args=[province.pk]))
        book = load_workbook(BytesIO(b"".join([xlsx.content])))
        plan_sheet, gaps_sheet = book.worksheets
        rows = [r for r in plan_sheet.iter_rows(values_only=True) if r and r[0] == 2025]
        self.assertEqual(rows[0][2:4], (11, 4))
        self.assertIn("DỮ LIỆU MẪU", plan_sheet["A1"].value)
        self.assertGreater(gaps_sheet.max_row, 10)
        self.assertEqual(self.client.post(reverse("roadmap", args=[province.pk])).status_code, 405)
        self.client.login(username="pv01.binhduong", password="KieuMau@2026")
        self.assertEqual(self.client.get(reverse("roadmap", args=[province.pk])).status_code, 404)
        self.assertEqual(self.client.get(reverse("roadmap_xlsx", args=[province.pk])).status_code, 404)

    def test_unknown_province_is_an_error(self):
        from django.core.management import CommandError

        with self.assertRaises(CommandError):
            call_command("roadmap", "99", stdout=StringIO())

    def test_a_proposal_on_the_new_province_shows_on_the_old_ones_page(self):
        """The old Khánh Hòa (ended in 2025) shows its own plan, which the new one follows and adjusts: the kept plan
        of either page moves with a proposal made on the new one (an event naming it, of the old one's lineage)."""
        old = Plan.objects.get(province__code="56", replaced_by__isnull=True).province
        new = Unit.objects.get(level=Level.PROVINCE, code="56", valid_until__isnull=True)
        self.assertNotEqual(old.pk, new.pk)
        self.client.login(username="pv01.khanhhoa", password="KieuMau@2026")
        pages = [reverse("roadmap", args=[p.pk]) for p in (old, new)]
        for page in pages:
            self.assertNotContains(self.client.get(page), "Thêm phường sau hợp nhất tỉnh")
        r = self.client.post(reverse("propose_adjustment", args=[new.pk]),
                             {"year": "2030", "kind": "percent", "value": "90", "reason": "Thêm phường sau hợp nhất tỉnh"})
        self.assertEqual(r.status_code, 302)
        for page in pages:
            self.assertContains(self.client.get(page), "Thêm phường sau hợp nhất tỉnh")
