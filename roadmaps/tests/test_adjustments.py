"""Plan adjustments: the arithmetic (pure, property-tested) and the propose → decide → new version flow."""

import datetime as dt
from fractions import Fraction
from unittest import mock

from django.contrib.auth import get_user_model
from django.test import SimpleTestCase
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from audit.models import AuditEvent
from kieumau import clock
from kieumau.testing import BaseTestCase
from roadmaps import plan as P
from roadmaps.models import Plan, PlanAdjustment, PlanTarget

TARGETS = [P.Target(2023, P.COUNT, Fraction(1)), P.Target(2025, P.PERCENT, Fraction(30)), P.Target(2030, P.PERCENT, Fraction(100))]


class AdjustedTests(SimpleTestCase):
    def test_a_year_is_replaced_or_added(self):
        out = P.adjusted(TARGETS, 35, 2030, P.PERCENT, Fraction(90), 2023, 2030)
        self.assertEqual([(t.year, t.value) for t in out], [(2023, 1), (2025, 30), (2030, 90)])
        out = P.adjusted(TARGETS, 35, 2027, P.COUNT, Fraction(3), 2023, 2030)
        self.assertEqual([t.year for t in out], [2023, 2025, 2027, 2030])

    def test_refusals_say_why(self):
        for args, text in [((2031, P.PERCENT, 50), "ngoài lộ trình"), ((2030, P.PERCENT, 101), "không quá 100%"),
                           ((2027, P.COUNT, Fraction(3, 2)), "số nguyên"), ((2030, P.PERCENT, 100), "không có gì"),
                           ((2030, P.PERCENT, 20), "thấp hơn năm trước"), ((2027, "x", 1), "Loại")]:
            with self.subTest(args=args), self.assertRaisesRegex(ValueError, text):
                P.adjusted(TARGETS, 35, args[0], args[1], Fraction(args[2]), 2023, 2030)

    @given(st.integers(min_value=2023, max_value=2030), st.sampled_from([P.COUNT, P.PERCENT]),
           st.fractions(min_value=0, max_value=120, max_denominator=100), st.integers(min_value=1, max_value=200))
    def test_an_accepted_plan_never_takes_back_recognitions(self, year, kind, value, base):
        try:
            out = P.adjusted(TARGETS, base, year, kind, value, 2023, 2030)
        except ValueError:
            return
        cumulative = [c for _new, c in P.cumulative_targets(out, base).values()]
        self.assertEqual(cumulative, sorted(cumulative))
        self.assertEqual(len({t.year for t in out}), len(out))


class PlanCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.plan = Plan.objects.create(province=cls.province, title="Lộ trình thử", source="NQ 01", base_units=2,
                                       start_year=2023, end_year=2030)
        PlanTarget.objects.create(plan=cls.plan, year=2025, kind="count", value=1)
        PlanTarget.objects.create(plan=cls.plan, year=2030, kind="percent", value=100)

    def as_(self, user):
        self.client.force_login(user)
        return self.client

    def propose(self, user, **extra):
        data = {"year": "2030", "kind": "percent", "value": "90", "reason": "Số phường tăng sau hợp nhất"}
        data.update(extra)
        return self.as_(user).post(reverse("propose_adjustment", args=[self.province.pk]), data)

    def decide(self, user, adj, decision="approve", note=""):
        return self.as_(user).post(reverse("decide_adjustment", args=[self.province.pk, adj.pk]), {"decision": decision, "note": note})


class AdjustmentPageTests(PlanCase):

    def test_proposed_then_approved_as_a_new_version(self):
        self.assertEqual(self.propose(self.staff).status_code, 302)
        adj = PlanAdjustment.objects.get()
        self.assertTrue(self.approver.notifications.exists())
        # a decision needs the second factor
        self.assertContains(self.decide(self.approver, adj), "xác thực hai bước", status_code=400)
        with mock.patch("accounts.second_factor.session_verified", return_value=True):
            self.assertEqual(self.decide(self.approver, adj).status_code, 302)
        self.plan.refresh_from_db()
        new = Plan.objects.get(version=2)
        self.assertEqual(self.plan.replaced_by, new)
        self.assertEqual({t.year: t.value for t in new.target_rows.all()}, {2025: 1, 2030: 90})
        self.assertEqual({t.year: t.value for t in self.plan.target_rows.all()}, {2025: 1, 2030: 100})  # the old one is kept
        r = self.as_(self.staff).get(reverse("roadmap", args=[self.province.pk]))
        self.assertContains(r, "Phiên bản đang áp dụng: <strong>2</strong>", html=False)
        self.assertContains(r, "Các phiên bản trước")
        self.assertEqual(list(AuditEvent.objects.filter(object_type="roadmaps.planadjustment").order_by("pk").values_list("action", flat=True)),
                         ["plan.adjustment_proposed", "plan.adjustment_approved"])
        # decided once
        with mock.patch("accounts.second_factor.session_verified", return_value=True):
            self.assertContains(self.decide(self.approver, adj, "reject", "x"), "đã được quyết định", status_code=400)

    def test_rejection_needs_a_reason(self):
        self.propose(self.staff)
        adj = PlanAdjustment.objects.get()
        with mock.patch("accounts.second_factor.session_verified", return_value=True):
            self.assertContains(self.decide(self.approver, adj, "reject"), "lý do", status_code=400)
            self.decide(self.approver, adj, "reject", "Giữ chỉ tiêu")
        adj.refresh_from_db()
        self.assertEqual(adj.state, "rejected")
        self.assertEqual(Plan.objects.count(), 1)

    def test_roles_and_methods(self):
        for user, code in [(self.approver, 403), (self.supervisor, 403), (self.chief, 404), (self.outsider, 404)]:
            with self.subTest(user=user.username):
                self.assertEqual(self.propose(user).status_code, code)
        self.propose(self.staff)
        adj = PlanAdjustment.objects.get()
        with mock.patch("accounts.second_factor.session_verified", return_value=True):
            for user, code in [(self.staff, 403), (self.supervisor, 403), (self.outsider, 404)]:
                self.assertEqual(self.decide(user, adj).status_code, code)
        self.assertEqual(self.as_(self.staff).get(reverse("propose_adjustment", args=[self.province.pk])).status_code, 405)
        adj.refresh_from_db()
        self.assertEqual(adj.state, "proposed")

    def test_bad_input_keeps_what_was_typed_and_writes_nothing(self):
        for extra, text in [({"value": "abc"}, "Chỉ tiêu mới"), ({"value": "90,555"}, "hai chữ số"), ({"reason": ""}, "lý do"),
                            ({"year": "20x0"}, "chọn năm"), ({"value": "101"}, "100%")]:
            with self.subTest(extra=extra):
                r = self.propose(self.staff, **extra)
                self.assertEqual(r.status_code, 400)
                self.assertContains(r, text, status_code=400)
        self.assertContains(self.propose(self.staff, value="abc"), "Số phường tăng sau hợp nhất", status_code=400)
        self.assertFalse(PlanAdjustment.objects.exists())

    def test_the_roadmap_command_reads_the_version_in_force(self):
        import io
        import json

        from django.core.management import call_command

        self.propose(self.staff)
        with mock.patch("accounts.second_factor.session_verified", return_value=True):
            self.decide(self.approver, PlanAdjustment.objects.get())
        out = io.StringIO()
        with clock.fixed_at(dt.datetime(2026, 11, 23, 10, tzinfo=dt.timezone.utc)):
            call_command("roadmap", "56", "--format", "json", stdout=out)
        years = {y["year"]: y for y in json.loads(out.getvalue())["years"]}
        self.assertEqual(years[2030]["target_cumulative"], 2)  # 90% of 2 wards, rounded up


class KeptPlanTests(PlanCase):
    """The page keeps the plan, its versions and the adjustments until an event on the plan's land (roadmaps.views):
    asked once, and never shown stale after a proposal, a decision, the admin's change or a plan loaded."""

    def page(self, user=None, province=None):
        return self.as_(user or self.staff).get(reverse("roadmap", args=[(province or self.province).pk]))

    def counted(self):
        from roadmaps import services

        calls = []
        real = services.plan_in_force
        return mock.patch.object(services, "plan_in_force", lambda p: calls.append(p.pk) or real(p)), calls

    def test_asked_once_then_after_each_event(self):
        patch, calls = self.counted()
        with patch:
            self.page()
            self.assertNotContains(self.page(), "Số phường tăng sau hợp nhất")
            self.assertEqual(len(calls), 1)
            self.propose(self.staff)
            self.assertContains(self.page(), "Số phường tăng sau hợp nhất")
            self.assertEqual(len(calls), 3)  # the proposal's own (a write reads the plan afresh), then the page's
            with mock.patch("accounts.second_factor.session_verified", return_value=True):
                self.decide(self.approver, PlanAdjustment.objects.get())
            r = self.page()
            self.assertContains(r, "Phiên bản đang áp dụng: <strong>2</strong>", html=False)
            self.assertContains(r, "Các phiên bản trước")
            self.assertEqual(len(calls), 5)
            self.page()
            self.assertEqual(len(calls), 5)

    def test_the_admins_change_shows(self):
        self.page()
        admin = get_user_model().objects.create_superuser("root", "root@example.vn", "x")
        self.client.force_login(admin)
        form = {"province": self.province.pk, "title": "Lộ trình đã sửa tên", "source": "NQ 01", "base_units": "2",
                "start_year": "2023", "end_year": "2030",
                **{f"{p}-{k}": v for p in ("target_rows", "milestones", "candidates")
                   for k, v in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"))}}
        r = self.client.post(reverse("admin:roadmaps_plan_change", args=[self.plan.pk]), form)
        self.assertEqual(r.status_code, 302, r.content[:2000])
        self.assertContains(self.page(), "Lộ trình đã sửa tên")

    def test_a_plan_loaded_where_there_was_none(self):
        from roadmaps import seeds

        self.assertEqual(self.page(self.outsider, self.other_province).status_code, 404)  # kept as "no plan"
        seeds.load(self.other_province.code)
        self.assertContains(self.page(self.outsider, self.other_province), seeds.SEEDS["74"]["title"])

    def test_no_password_hash_address_or_rights_are_kept(self):
        import pickle

        from roadmaps.views import _plan_versions_adjustments

        self.propose(self.staff)
        with mock.patch("accounts.second_factor.session_verified", return_value=True):
            self.decide(self.approver, PlanAdjustment.objects.get(), "reject", "Giữ chỉ tiêu")
        kept = pickle.dumps(_plan_versions_adjustments(self.province))
        self.assertIn("Số phường tăng".encode(), kept)
        self.assertIn(self.approver.username.encode(), kept)  # who decided, by name
        for user in (self.staff, self.approver):
            self.assertNotIn(user.password.encode(), kept)
            self.assertNotIn(user.email.encode(), kept)

    def test_a_kept_page_reads_nothing_of_the_plan(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        self.propose(self.staff)
        with mock.patch("accounts.second_factor.session_verified", return_value=True):
            self.decide(self.approver, PlanAdjustment.objects.get(), "reject", "Giữ chỉ tiêu")
        self.page()
        with CaptureQueriesContext(connection) as queries:
            r = self.page()
        self.assertContains(r, "Giữ chỉ tiêu")
        self.assertEqual([q["sql"] for q in queries if "roadmaps_" in q["sql"]], [])
        # the reader's own row only: a name shown from the kept rows reads no deferred field
        self.assertEqual(len([q for q in queries if 'FROM "auth_user"' in q["sql"]]), 1)
