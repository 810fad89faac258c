"""The Ministry's demo login walks the whole product read-only: every main page of every app opens (never a 500), writes
are refused, and its national page agrees with each province's roadmap."""

import json
from io import StringIO

from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from accounts.models import Role, RoleAssignment
from accounts.session_policy import records_decisions
from demo.loader import DEMO_PASSWORD, run
from kieumau import clock
from national import build as B
from units.models import Level, Unit


class MinistryDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.printed, cls.second_factors = run(log=lambda *a: None)
        cls.hcm = Unit.objects.get(level=Level.PROVINCE, code="79", valid_from__isnull=False)
        cls.khanh_hoa = Unit.objects.get(level=Level.PROVINCE, code="56", valid_from__isnull=False)
        cls.binh_duong = Unit.objects.get(level=Level.PROVINCE, code="74")
        cls.ward = Unit.objects.get(level=Level.COMMUNE, name="Phường Nha Trang", valid_from__isnull=False)

    def setUp(self):
        self.assertTrue(self.client.login(username="bo.v05", password=DEMO_PASSWORD))

    def test_the_demo_has_one_ministry_login_read_only_without_a_second_factor(self):
        ra = RoleAssignment.objects.get(user__username="bo.v05")
        self.assertEqual((ra.role, ra.unit), (Role.MINISTRY, None))
        self.assertIn(("bo.v05", DEMO_PASSWORD), [row[:2] for row in self.printed])
        self.assertNotIn("bo.v05", [row[0] for row in self.second_factors])  # like supervisors: it decides nothing
        self.assertFalse(records_decisions(ra.user))
        self.assertRedirects(self.client.get(reverse("home")), reverse("national"))

    def pages(self) -> list[str]:
        urls = [reverse(name) for name in ("national", "todo", "password_change", "otp_setup")]
        for province in (self.hcm, self.khanh_hoa, self.binh_duong):
            urls += [reverse(name, args=[province.pk]) for name in (
                "province_matrix", "province_versions", "recognitions", "roadmap", "roadmap_xlsx", "bodies",
                "reporting_dashboard", "province_difficulties", "province_meetings", "province_visits", "period_summary",
                "resources_province", "emulation_rewards", "emulation_rewards_print", "emulation_models",
                "emulation_propaganda", "province_surveys")]
        urls += [reverse("scorecard", args=[self.ward.pk, year]) for year in (2025, 2026)]
        urls += [reverse(name, args=[self.ward.pk]) for name in ("ward_meetings", "resources_ward", "emulation_ward")]
        return urls

    def test_it_reads_every_main_page(self):
        for url in self.pages():
            self.assertEqual(self.client.get(url).status_code, 200, url)

    def test_it_never_meets_a_500_and_writes_nothing(self):
        from feedback.models import Case

        # citizens' personal data stays with the ward's police line, as for supervisors (feedback.access): 404, not 500
        case = Case.objects.first()
        self.assertEqual(self.client.get(reverse("feedback_case", args=[case.pk])).status_code, 404)
        self.assertEqual(self.client.get(reverse("enter_figures", args=[self.ward.pk, 2026])).status_code, 403)
        self.assertEqual(self.client.post(reverse("enter_figures", args=[self.ward.pk, 2026]), {}).status_code, 403)
        self.assertIn(self.client.post(reverse("propose_adjustment", args=[self.khanh_hoa.pk]), {}).status_code, (403, 404))

    def test_its_page_agrees_with_the_roadmap_command(self):
        rows = {r.province.pk: r for r in B.build(2026, clock.today()).rows}
        out = StringIO()
        call_command("roadmap", "74", "--format", "json", stdout=out)
        years = {y["year"]: y for y in json.loads(out.getvalue())["years"]}
        hcm = rows[self.hcm.pk]  # Thành phố Hồ Chí Minh follows Bình Dương's plan on Bình Dương's land
        self.assertEqual((hcm.progress.target, hcm.progress.actual), (years[2026]["target_cumulative_rebased"],
                                                                      years[2026]["actual_cumulative"]))
        r = self.client.get(reverse("national"))
        self.assertContains(r, "demo-banner")
        self.assertContains(r, self.khanh_hoa.name)
