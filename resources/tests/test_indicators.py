"""TC03, TC04 and TC05's figures from the registers (frameworks.providers), applied to editable assessments."""

import datetime as dt
import inspect
from decimal import Decimal
from unittest import skipUnless

from assessments.models import Assessment
from assessments.services import save_figures
from frameworks import providers
from frameworks.registry import DATA_DIR, load_file
from kieumau import clock
from resources import services
from resources.indicators import FROM_YEAR, Resources
from resources.models import EquipmentItem, Headquarters

from .base import ResourcesTestCase

HQ = {"ward_kind": "loai-2", "work_land_m2": "750,5", "living_land_m2": "400", "legal_status": "co-gcn",
      "follows_design": "1", "year_built": "2015", "condition": "tot", "planned_works": ""}
V2 = DATA_DIR / "bca-5764-2021.v2.yaml"


class ProviderTest(ResourcesTestCase):
    def values(self, year=2026, unit=None):
        return Resources().values(unit or self.ward, year)

    def fill(self):
        services.save_headquarters(self.ward, self.officer, HQ)
        items = {i.code: i for i in EquipmentItem.objects.filter(province=self.province)}
        # loai-2: all 13 items above 0; two short: mo-to (3 of 5) and camera-ca-nhan (none of 6)
        held = {f"item_{i.pk}": 99 for i in items.values()}
        held[f"item_{items['mo-to'].pk}"] = "3"
        held[f"item_{items['camera-ca-nhan'].pk}"] = ""  # blank: none held
        services.save_holdings(self.ward, self.officer, held)
        services.save_budget_line(self.ward, self.officer, 2026, {"source": "bo-cong-an", "purpose": "Xe", "planned": "100,5",
                                                                  "disbursed": "80"})
        services.save_budget_line(self.ward, self.officer, 2026, {"source": "ngan-sach-phuong", "purpose": "Sửa trụ sở",
                                                                  "planned": "0,125", "disbursed": "0,125"})
        services.save_budget_line(self.ward, self.officer, 2025, {"source": "bo-cong-an", "purpose": "Cũ", "planned": "7"})
        services.save_staffing(self.ward, self.officer, 2026, {"establishment": "20", "chiefs": "1", "chiefs_ok": "1",
                                                               "deputies": "3", "deputies_ok": "2", "officers": "14",
                                                               "officers_ok": "14"})

    def test_registered_below_assessments(self):
        self.assertTrue({"dien_tich_dat_m2", "so_hang_muc_thieu", "dinh_bien"} <= providers.provided_codes())
        import assessments.derived
        import assessments.services
        for module in (assessments.derived, assessments.services):
            self.assertNotIn("resources", inspect.getsource(module))

    def test_values_sources_and_links(self):
        self.fill()
        v = self.values()
        got = {code: p.value for code, p in v.items()}
        self.assertEqual(got, {
            "dien_tich_dat_m2": "750.5", "dinh_muc_dat_m2": "800", "dien_tich_dat_sinh_hoat_m2": "400",
            "dinh_muc_dat_sinh_hoat_m2": "400", "tru_so_dung_mau": True,
            "so_hang_muc_dinh_muc": 13, "so_hang_muc_thieu": 2,
            "kinh_phi_du_toan_trieu": "100.625", "kinh_phi_cap_trieu": "80.125",
            "dinh_bien": 20, "so_cbcs": 18, "so_cbcs_dat_tieu_chuan": 17})
        self.assertEqual(v["dien_tich_dat_m2"].source, "Sổ trụ sở, đất đai")
        self.assertEqual(v["so_hang_muc_thieu"].source, "Sổ trang bị")
        self.assertEqual(v["kinh_phi_cap_trieu"].source, "Sổ kinh phí")
        self.assertEqual(v["so_cbcs"].source, "Sổ biên chế")
        self.assertIn("Xe mô tô tuần tra (thiếu 2)", v["so_hang_muc_thieu"].detail)
        self.assertIn("Camera ghi hình cá nhân (thiếu 6)", v["so_hang_muc_thieu"].detail)
        self.assertIn("100,63", v["kinh_phi_du_toan_trieu"].detail)  # 2 places in the sentence, exact in the value
        self.assertTrue(v["dinh_bien"].url.startswith(f"/nguon-luc/phuong/{self.ward.pk}/?nam=2026#bien-che"))
        self.assertEqual(self.as_(self.officer).get(v["dinh_bien"].url).status_code, 200)

    def test_nothing_before_2026_and_nothing_without_rows(self):
        self.assertEqual(FROM_YEAR, 2026)
        self.assertEqual(self.values(), {})
        self.fill()
        self.assertEqual(self.values(2025), {})
        self.assertEqual(self.values(2027).keys(), {"dien_tich_dat_m2", "dinh_muc_dat_m2", "dien_tich_dat_sinh_hoat_m2",
                                                     "dinh_muc_dat_sinh_hoat_m2", "tru_so_dung_mau", "so_hang_muc_dinh_muc",
                                                     "so_hang_muc_thieu"})  # present registers; no 2027 funding/staffing
        # a ward with funding only: no headquarters, no equipment, no staffing figures
        services.save_budget_line(self.ward2, self.staff, 2026, {"source": "cong-an-tinh", "purpose": "x", "planned": "1"})
        self.assertEqual(set(self.values(unit=self.ward2)), {"kinh_phi_du_toan_trieu", "kinh_phi_cap_trieu"})
        # headquarters of a kind without a norm row: its own figures, no norm figures
        services.save_headquarters(self.ward2, self.staff, dict(HQ, ward_kind="loai-3"))
        from resources.models import LandNorm
        LandNorm.objects.filter(province=self.province, ward_kind="loai-3").delete()
        got = set(self.values(unit=self.ward2))
        self.assertIn("dien_tich_dat_m2", got)
        self.assertNotIn("dinh_muc_dat_m2", got)
        self.assertNotIn("so_hang_muc_thieu", got)  # no holdings recorded

    def test_changed_refreshes_an_editable_assessment(self):
        a = save_figures(self.ward, 2026, {"dinh_bien": "5", "dien_tich_dat_m2": "10"}, {}, self.officer, revision=0).assessment
        with self.captureOnCommitCallbacks(execute=True):
            services.save_staffing(self.ward, self.officer, 2026, {"establishment": "20", "officers": "15", "officers_ok": "9"})
        with self.captureOnCommitCallbacks(execute=True):
            services.save_headquarters(self.ward, self.officer, HQ)
        a = Assessment.objects.get(pk=a.pk)
        self.assertEqual((a.values["dinh_bien"], a.values["so_cbcs"], a.values["so_cbcs_dat_tieu_chuan"]), (20, 15, 9))
        self.assertEqual((a.values["dien_tich_dat_m2"], a.values["dinh_muc_dat_m2"]), ("750.5", "800"))
        self.assertNotIn("so_hang_muc_thieu", a.values)  # not an indicator of version 1
        self.assertEqual(a.derived["dinh_bien"]["source"], "Sổ biên chế")

    @skipUnless(V2.exists(), "criteria version 2 not written yet")
    def test_changed_refreshes_a_version_2_assessment(self):
        fw = load_file(V2).framework
        a = Assessment.objects.create(unit=self.ward, year=2026, framework=fw)
        self.fill()
        with self.captureOnCommitCallbacks(execute=True):
            services.save_budget_line(self.ward, self.officer, 2026, {"source": "long-ghep", "purpose": "y", "planned": "1"})
        a.refresh_from_db()
        provided = self.values()
        self.assertEqual(set(provided), set(Resources.codes))  # every code of the provider is in version 2
        self.assertLessEqual(set(provided), set(a.derived))
        for code, item in provided.items():
            self.assertEqual(a.values[code], item.value, code)
        self.assertEqual((a.values["so_hang_muc_thieu"], a.values["kinh_phi_du_toan_trieu"]), (2, "101.625"))

    def test_the_current_year_is_refreshed_after_headquarters_and_norm_changes(self):
        seen = []
        providers.figures_changed.connect(lambda sender, unit_id, year, **kw: seen.append((unit_id, year)), weak=False,
                                          dispatch_uid="t")
        self.addCleanup(providers.figures_changed.disconnect, dispatch_uid="t")
        with self.captureOnCommitCallbacks(execute=True):
            services.save_headquarters(self.ward, self.officer, HQ)
        from resources import norms
        with self.captureOnCommitCallbacks(execute=True):
            norms.load_file(norms.DATA_DIR / "56-khanh-hoa.yaml")
        self.assertEqual(seen, [(self.ward.pk, clock.today().year)] * 2)
        self.assertTrue(Headquarters.objects.filter(unit=self.ward, work_land_m2=Decimal("750.5")).exists())
        self.assertEqual(clock.today(), dt.date(2026, 11, 23))
