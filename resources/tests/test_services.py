"""Domain rules of the registers' writes: scoping of rows to their unit, the years told to the assessments, the
admin's norm edits audited, the province's access rules."""

from django.urls import reverse

from accounts.models import Role
from audit.models import AuditEvent
from frameworks import providers
from kieumau.posted import Refused
from resources import access, services
from resources.models import BudgetLine, LandNorm

from .base import ResourcesTestCase
from .test_indicators import HQ


class ServicesTest(ResourcesTestCase):
    def listen(self):
        seen = []
        providers.figures_changed.connect(lambda sender, unit_id, year, **kw: seen.append((unit_id, year)), weak=False,
                                          dispatch_uid="t-services")
        self.addCleanup(providers.figures_changed.disconnect, dispatch_uid="t-services")
        return seen

    def test_moving_a_line_to_another_year_refreshes_both_years(self):
        seen = self.listen()
        with self.captureOnCommitCallbacks(execute=True):
            line = services.save_budget_line(self.ward, self.officer, 2025, {"source": "bo-cong-an", "purpose": "x",
                                                                              "planned": "1"})
        with self.captureOnCommitCallbacks(execute=True):
            services.save_budget_line(self.ward, self.officer, 2026, {"source": "bo-cong-an", "purpose": "x", "planned": "1"},
                                      line)
        self.assertEqual(seen[0], (self.ward.pk, 2025))
        self.assertEqual(sorted(seen[1:]), [(self.ward.pk, 2025), (self.ward.pk, 2026)])
        event = AuditEvent.objects.get(action="resources.budget_line_changed")
        self.assertEqual(event.data["changes"], {"year": {"before": 2025, "after": 2026}})

    def test_a_ward_cannot_reach_another_wards_rows(self):
        other = services.save_budget_line(self.ward2, self.staff, 2026, {"source": "bo-cong-an", "purpose": "x", "planned": "1"})
        url = reverse("resources_ward", args=[self.ward.pk])
        c = self.as_(self.officer)
        r = c.post(url, {"action": "budget_delete", "line": other.pk})
        self.assertContains(r, "Không tìm thấy dòng kinh phí", status_code=400)
        r = c.post(url, {"action": "budget", "line": other.pk, "source": "bo-cong-an", "purpose": "y", "planned": "2"})
        self.assertEqual(r.status_code, 400)
        other.refresh_from_db()
        self.assertEqual(other.purpose, "x")
        self.assertTrue(BudgetLine.objects.filter(pk=other.pk).exists())

    def test_years_outside_the_register_are_refused(self):
        with self.assertRaises(Refused):
            services.save_budget_line(self.ward, self.officer, 2028, {"source": "bo-cong-an", "purpose": "x", "planned": "1"})
        with self.assertRaises(Refused) as ctx:
            services.save_headquarters(self.ward, self.officer, dict(HQ, year_built="2099"))
        self.assertIn("năm xây dựng", str(ctx.exception))
        self.assertFalse(AuditEvent.objects.filter(action__startswith="resources.").exclude(action="resources.norms_loaded").exists())

    def test_who_keeps_what(self):
        self.assertEqual(access.ward_for_user(self.officer, self.ward.pk)[1], True)
        self.assertEqual(access.ward_for_user(self.staff, self.ward2.pk)[1], True)
        self.assertEqual(access.ward_for_user(self.supervisor, self.ward.pk)[1], False)
        self.assertEqual(access.ward_for_user(self.city_reviewer, self.ward.pk)[1], False)
        self.assertEqual(access.ward_for_user(self.staff, self.gone.pk)[1], False)  # ended: read-only
        city_staff = self.user("city_staff", Role.PROGRAM_STAFF, self.city)  # program staff below the province: reads
        self.assertEqual(access.ward_for_user(city_staff, self.ward.pk)[1], False)
        self.assertEqual(access.province_for_user(self.staff, self.province.pk)[1], True)
        self.assertEqual(access.province_for_user(self.supervisor, self.province.pk)[1], False)

    def test_an_admin_edit_of_a_norm_is_audited_and_refreshes_the_wards(self):
        services.save_headquarters(self.ward, self.officer, HQ)
        seen = self.listen()
        admin = self.user("root", Role.ADMIN, self.province)
        admin.is_staff = admin.is_superuser = True
        admin.save()
        self.client.force_login(admin)
        norm = LandNorm.objects.get(province=self.province, ward_kind="loai-2")
        url = reverse("admin:resources_landnorm_change", args=[norm.pk])
        with self.captureOnCommitCallbacks(execute=True):
            r = self.client.post(url, {"province": self.province.pk, "ward_kind": "loai-2", "work_land_m2": "850",
                                       "living_land_m2": "400", "source": norm.source})
        self.assertEqual(r.status_code, 302, r.content.decode()[:2000])
        event = AuditEvent.objects.filter(action="admin.changed").latest("id")
        self.assertIn("work_land_m2", event.data["fields"])
        self.assertIn((self.ward.pk, 2026), seen)
