"""The registers' figures on the entry form, kept until the ward's land has an event (assessments.derived.provided_for
with a version): asked once, and never shown stale after a register's write, a norm changed in the admin or a day."""

from __future__ import annotations

import datetime as dt
from unittest import mock

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from assessments import derived
from emulation import services as emulation
from emulation.indicators import Registers
from feedback.indicators import CitizenFeedback
from frameworks import registry
from frameworks.registry import load_file
from kieumau import clock, fragments
from resources import norms, services
from resources.indicators import Resources
from resources.models import EquipmentItem, LandNorm

from .base import FILE, ResourcesTestCase
from .test_indicators import HQ, V2


def counting(cls):
    """Patch ``cls.values`` to count its calls (and still answer)."""
    real = cls.values
    calls = []

    def values(self, unit, year):
        calls.append((unit.pk, year))
        return real(self, unit, year)

    return mock.patch.object(cls, "values", values), calls


class KeptFiguresTest(ResourcesTestCase):
    def setUp(self):
        super().setUp()
        self.url = reverse("enter_figures", args=[self.ward.pk, 2026])
        self.web = self.as_(self.officer)

    def land(self) -> str:
        """The work land's figure as the entry form shows it (its input's value)."""
        html = self.web.get(self.url).content.decode()
        start = html.index('name="dien_tich_dat_m2"')
        tag = html[html.rindex("<", 0, start):html.index(">", start)]
        return tag.split('value="')[1].split('"')[0] if 'value="' in tag else ""

    def test_asked_once_then_after_each_write_on_the_wards_land(self):
        patch, calls = counting(Resources)
        feedback_patch, feedback_calls = counting(CitizenFeedback)
        with patch, feedback_patch:
            self.assertEqual(self.land(), "")
            self.assertEqual(self.land(), "")
            self.assertEqual(len(calls), 1)
            self.assertEqual(len(feedback_calls), 2)  # its forwarding moves a figure of a ward it does not name
            services.save_headquarters(self.ward, self.officer, HQ)
            self.assertEqual(self.land(), "750,5")
            self.assertEqual(len(calls), 2)
            norm = LandNorm.objects.get(province=self.province, ward_kind="loai-2")
            self.assertEqual(self.land(), "750,5")
            self.assertEqual(len(calls), 2)
            # a norm changed in the admin names no unit: it still moves the ward's version
            admin = Client()
            admin.force_login(get_user_model().objects.create_superuser("root", "root@example.vn", "x"))
            page = reverse("admin:resources_landnorm_change", args=[norm.pk])
            form = {"province": norm.province_id, "ward_kind": norm.ward_kind, "work_land_m2": "900",
                    "living_land_m2": str(norm.living_land_m2), "source": norm.source}
            self.assertEqual(admin.post(page, form).status_code, 302)
            self.web.get(self.url)
            self.assertEqual(len(calls), 3)
            self.assertIn("định mức 900 m²", self.web.get(self.url).content.decode())
            self.assertEqual(len(calls), 3)

    def test_a_new_day_asks_again(self):
        patch, calls = counting(Resources)
        with patch:
            self.web.get(self.url)
            self.web.get(self.url)
            with clock.fixed_at(dt.datetime(2026, 11, 24, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))):
                self.web.get(self.url)
        self.assertEqual(len(calls), 2)

    def test_another_wards_write_leaves_it_kept_and_a_model_moves_it(self):
        patch, calls = counting(Registers)
        with patch:
            self.assertNotIn('data-provided="so_mo_hinh_tu_quan"', self.web.get(self.url).content.decode())
            services.save_headquarters(self.ward2, self.officer, HQ)  # another ward of the province
            self.web.get(self.url)
            self.assertEqual(len(calls), 1)
            emulation.add_model(self.ward, self.officer, kind="self_managed", name="Tổ tự quản khu phố 3",
                                started_on=dt.date(2025, 1, 1))
            html = self.web.get(self.url).content.decode()
            self.assertEqual(len(calls), 2)
        self.assertIn('data-provided="so_mo_hinh_tu_quan"', html)


class KeptEqualsFreshTest(ResourcesTestCase):
    """After each kind of write to the registers, what the entry form keeps is what it would read afresh (criteria
    version 2: every figure the registers provide)."""

    def setUp(self):
        super().setUp()
        self.fw = registry.compiled(load_file(V2).framework)

    def check(self, what: str):
        kept = derived.provided_for(self.ward, 2026, self.fw, version=fragments.unit_versions(self.ward)[1])
        self.assertEqual(kept, derived.provided_for(self.ward, 2026, self.fw), what)
        return kept

    def test_each_write(self):
        self.check("nothing yet")
        services.save_headquarters(self.ward, self.officer, HQ)
        self.check("headquarters")
        items = {i.code: i for i in EquipmentItem.objects.filter(province=self.province)}
        services.save_holdings(self.ward, self.officer, {f"item_{i.pk}": 3 for i in items.values()})
        self.check("holdings")
        line = services.save_budget_line(self.ward, self.officer, 2026, {"source": "bo-cong-an", "purpose": "Xe",
                                                                         "planned": "100", "disbursed": "80"})
        self.check("a budget line added")
        line = services.save_budget_line(self.ward, self.officer, 2026, {"source": "bo-cong-an", "purpose": "Xe",
                                                                         "planned": "120", "disbursed": "80"}, line=line)
        self.check("a budget line changed")
        services.delete_budget_line(self.ward, self.officer, line)
        self.check("a budget line deleted")
        services.save_staffing(self.ward, self.officer, 2026, {"establishment": "20", "officers": "15", "officers_ok": "9"})
        self.check("staffing")
        text = FILE.read_text(encoding="utf-8")
        norms.load_text(text.replace("loai-2, work_m2: 800", "loai-2, work_m2: 850"), "56-khanh-hoa.yaml")
        self.assertIn("định mức 850 m²", self.check("the norms reloaded")["dinh_muc_dat_m2"].detail)
        reward = emulation.propose(self.ward, self.officer, recipient_kind="citizen", recipient_name="Bà Lê Thị Tư",
                                   movement="security", achievement="Báo tin kịp thời.", level="ward_chair",
                                   proposer_unit="Công an phường", proposer_person="", proposed_on=dt.date(2026, 3, 2))
        self.check("a reward proposed")
        emulation.decide(reward, self.staff, number="1/QĐ", date=dt.date(2026, 4, 1), signer="Chủ tịch UBND phường")
        self.assertEqual(self.check("a reward decided")["so_khen_thuong_nhan_dan"].value, 1)
        other = emulation.propose(self.ward, self.officer, recipient_kind="citizen", recipient_name="Ông Trần Văn Năm",
                                  movement="security", achievement="Tham gia tuần tra.", level="ward_chair",
                                  proposer_unit="Công an phường", proposer_person="", proposed_on=dt.date(2026, 3, 2))
        emulation.refuse(other, self.staff, reason="Chưa đủ tiêu chuẩn")
        self.check("a reward refused")
        model = emulation.add_model(self.ward, self.officer, kind="self_managed", name="Tổ tự quản khu phố 3",
                                    started_on=dt.date(2025, 1, 1))
        self.assertEqual(self.check("a model added")["so_mo_hinh_tu_quan"].value, 1)
        emulation.change_status(model, self.officer, status="stopped", since=dt.date(2026, 6, 1), note="Giải thể")
        self.check("a model stopped")

    def test_the_counted_day_moves_with_the_day(self):
        emulation.add_model(self.ward, self.officer, kind="self_managed", name="Tổ tự quản khu phố 3",
                            started_on=dt.date(2025, 1, 1))
        self.assertIn("ngày 23/11/2026", self.check("today")["so_mo_hinh_tu_quan"].detail)
        with clock.fixed_at(dt.datetime(2026, 11, 24, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))):
            self.assertIn("ngày 24/11/2026", self.check("the next day")["so_mo_hinh_tu_quan"].detail)


class AdminDeleteTest(ResourcesTestCase):
    def test_a_norm_deleted_from_the_list_moves_the_kept_figures_and_the_assessments(self):
        from frameworks import providers

        services.save_headquarters(self.ward, self.officer, HQ)
        web = self.as_(self.officer)
        url = reverse("enter_figures", args=[self.ward.pk, 2026])
        self.assertIn('data-provided="dinh_muc_dat_m2"', web.get(url).content.decode())
        seen = []
        providers.figures_changed.connect(lambda sender, unit_id, year, **kw: seen.append(unit_id), weak=False,
                                          dispatch_uid="admin-delete")
        self.addCleanup(providers.figures_changed.disconnect, dispatch_uid="admin-delete")
        admin = Client()
        admin.force_login(get_user_model().objects.create_superuser("root", "root@example.vn", "x"))
        norm = LandNorm.objects.get(province=self.province, ward_kind="loai-2")
        with self.captureOnCommitCallbacks(execute=True):
            r = admin.post(reverse("admin:resources_landnorm_changelist"),
                           {"action": "delete_selected", "_selected_action": [norm.pk], "post": "yes"})
        self.assertEqual(r.status_code, 302)
        self.assertFalse(LandNorm.objects.filter(pk=norm.pk).exists())
        self.assertEqual(seen, [self.ward.pk])  # the province's wards told, as after a change
        self.assertNotIn('data-provided="dinh_muc_dat_m2"', web.get(url).content.decode())
