from django.urls import reverse

from assessments import services
from kieumau.testing import PASSWORD, BaseTestCase

from .helpers import form_data


class ScorecardTests(BaseTestCase):
    def setUp(self):
        data = form_data({"so_vu_ttxh": 48})
        values = {k: v for k, v in data.items() if not k.startswith("prev_")}
        prev = {k[5:]: v for k, v in data.items() if k.startswith("prev_")}
        assert services.save_figures(self.ward, 2025, values, prev, self.staff, revision=0).ok
        self.url = reverse("scorecard", args=[self.ward.pk, 2025])

    def test_it_shows_each_criterion_with_its_explanation(self):
        self.client.login(username="officer", password=PASSWORD)
        r = self.client.get(self.url)
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "Chưa đạt chuẩn.")
        self.assertContains(r, 'id="tc-TC22"')
        self.assertContains(r, "Tội phạm về TTXH giảm 4% so với năm trước (48/50 vụ), yêu cầu giảm ≥ 6%")
        self.assertContains(r, "Nhập số liệu")

    def test_read_only_roles_see_no_entry_button(self):
        self.client.login(username="supervisor", password=PASSWORD)
        r = self.client.get(self.url)
        self.assertEqual(r.status_code, 200)
        self.assertNotContains(r, "Nhập số liệu")

    def test_a_year_without_figures_says_so(self):
        self.client.login(username="officer", password=PASSWORD)
        r = self.client.get(reverse("scorecard", args=[self.ward.pk, 2024]))
        self.assertContains(r, "Chưa nhập số liệu cho năm này.")

    def test_it_404s_outside_scope(self):
        self.client.login(username="outsider", password=PASSWORD)
        self.assertEqual(self.client.get(self.url).status_code, 404)
        self.client.login(username="officer", password=PASSWORD)  # a ward officer sees only their ward
        self.assertEqual(self.client.get(reverse("scorecard", args=[self.ward2.pk, 2025])).status_code, 404)

    def test_it_404s_for_a_province_or_absurd_year(self):
        self.client.login(username="staff", password=PASSWORD)
        self.assertEqual(self.client.get(reverse("scorecard", args=[self.province.pk, 2025])).status_code, 404)
        self.assertEqual(self.client.get(reverse("scorecard", args=[self.ward.pk, 1900])).status_code, 404)

    def test_it_rejects_post(self):
        self.client.login(username="staff", password=PASSWORD)
        self.assertEqual(self.client.post(self.url).status_code, 405)

    def test_query_count_is_small_and_fixed(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        self.client.login(username="staff", password=PASSWORD)
        self.client.get(self.url)  # the session's first request also records its checks
        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(self.client.get(self.url).status_code, 200)
        # session, user, second factor, scope, figures, results, evidence, workflow, timeline, reorganizations, the
        # panels other capabilities add (surveys: one query when the ward takes part in none; the resources and
        # emulation registers: one or two each), the other criteria versions: no per-row queries
        self.assertLessEqual(len(queries), 24)
