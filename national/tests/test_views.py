"""The national page: who may open it, what it says, and a query count that does not grow with the country."""

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role, RoleAssignment
from assessments.models import CriterionResult
from kieumau.testing import BaseTestCase, FixedNow
from national import build as B
from national import progress as pg
from roadmaps import services

from .dataset import build_country


class NationalPageTests(FixedNow, BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.ministry = get_user_model().objects.create_user("bo", password="x")
        RoleAssignment.objects.create(user=cls.ministry, unit=None, role=Role.MINISTRY)
        cls.admin = get_user_model().objects.create_superuser("root", password="x")
        cls.pairs = build_country(cls.framework, pairs=1, wards=2)

    def url(self, year=None):
        return reverse("national") + (f"?nam={year}" if year else "")

    def test_it_works_for_the_ministry_and_an_administrator(self):
        for user in (self.ministry, self.admin):
            r = self.as_(user).get(self.url())
            self.assertEqual(r.status_code, 200)
            self.assertContains(r, "Toàn quốc")
            self.assertContains(r, "Tỉnh Mới 0")
            self.assertNotContains(r, "Tỉnh Cũ 0</a>")  # 2026 is shown on the new map
            self.assertContains(r, reverse("province_matrix", args=[self.pairs[0][1].pk]) + "?nam=2026")
            self.assertContains(r, "<svg")
            self.assertContains(r, 'class="table-wrap"')

    def test_it_is_404_for_everyone_else(self):
        for user in (self.staff, self.officer, self.supervisor, self.outsider, self.chief, self.approver):
            self.assertEqual(self.as_(user).get(self.url()).status_code, 404, user.username)

    def test_it_is_405_on_post_and_asks_for_a_login(self):
        self.assertEqual(self.as_(self.ministry).post(self.url()).status_code, 405)
        self.client.logout()
        r = self.client.get(self.url())
        self.assertEqual(r.status_code, 302)
        self.assertIn(reverse("login"), r["Location"])

    def test_the_ministry_starts_on_it_and_an_administrator_does_not(self):
        self.assertRedirects(self.as_(self.ministry).get(reverse("home")), self.url())
        self.assertEqual(self.as_(self.admin).get(reverse("home")).status_code, 200)

    def test_a_past_year_shows_that_years_map_and_a_bad_year_falls_back(self):
        r = self.as_(self.ministry).get(self.url(2024))
        self.assertContains(r, "Tỉnh Cũ 0")
        self.assertNotContains(r, "Tỉnh Mới 0")
        self.assertContains(r, "31/12/2024")
        for bad in ("1999", "abc", "2027"):
            self.assertContains(self.as_(self.ministry).get(reverse("national") + f"?nam={bad}"), "năm 2026")

    def test_the_figures(self):
        old, new, plan = self.pairs[0]
        n = B.build(2026, self.NOW.date())
        row = next(r for r in n.rows if r.province == new)
        self.assertEqual((row.wards, row.assessed, row.recognized), (2, 2, 1))  # the 2024 title carried into the new map
        self.assertEqual(row.plan, plan)  # the new province follows the plan its predecessor wrote
        self.assertEqual((row.progress.verdict, row.progress.target, row.progress.land_wards), (pg.MET, 1, 2))  # 50% of 2
        untouched = next(r for r in n.rows if r.province == self.province)
        self.assertEqual((untouched.wards, untouched.progress.verdict), (2, pg.NO_PLAN))  # Phường Cũ ended in 2022
        self.assertEqual(n.totals["wards"], sum(r.wards for r in n.rows))
        failing = CriterionResult.objects.filter(assessment__unit__parent=new, assessment__year=2026,
                                                 status__in=("fail", "missing"))
        expected = {}
        for code in failing.values_list("criterion__code", flat=True):
            expected[code] = expected.get(code, 0) + 1
        self.assertEqual({c: k for c, _t, k in row.missed}, dict(sorted(expected.items(), key=lambda i: -i[1])[:3]) if expected
                         else {})

    def test_it_agrees_with_the_roadmap_page(self):
        for year in (2024, 2025, 2026):
            for row in B.build(year, self.NOW.date()).rows:
                plan = services.plan_in_force(row.province)
                self.assertEqual(row.plan, plan)
                if plan is None:
                    continue
                line = next(li for li in services.build(plan, today_year=2026, opened=row.province).lines if li.year == year)
                self.assertEqual(row.progress.actual, line.actual_cumulative, (year, row.province))
                if line.status in ("met", "late"):
                    goal = line.target_cumulative_rebased if line.target_cumulative_rebased is not None else line.target_cumulative
                    self.assertEqual(row.progress.target, goal)

    def test_numbers_are_written_the_vietnamese_way(self):
        build_country(self.framework, pairs=1, wards=1, first=50)
        r = self.as_(self.ministry).get(self.url())
        self.assertContains(r, "(50%)")  # 1 of 2 recognized
        self.assertContains(r, "<svg", count=len(B.build(2026, self.NOW.date()).rows))


class ConstantQueriesTests(FixedNow, BaseTestCase):
    def count(self, year):
        client = self.as_(self.admin)
        client.get(reverse("national") + f"?nam={year}")  # the session and caches settle first
        with CaptureQueriesContext(connection) as ctx:
            self.assertEqual(client.get(reverse("national") + f"?nam={year}").status_code, 200)
        return len(ctx)

    def test_the_same_queries_for_a_small_and_a_larger_country(self):
        self.admin = get_user_model().objects.create_superuser("root", password="x")
        build_country(self.framework, pairs=1, wards=2)
        small = {year: self.count(year) for year in (2024, 2026)}
        build_country(self.framework, pairs=4, wards=6, first=10)
        large = {year: self.count(year) for year in (2024, 2026)}
        self.assertEqual(large, small)
        n = B.build(2026, self.NOW.date())
        self.assertEqual(sum(1 for r in n.rows if r.plan), 5)  # the larger country really is larger
