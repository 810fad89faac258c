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

    def test_the_timeline_shows_the_newest_events_and_the_rest_on_demand(self):
        import re
        from unittest import mock

        from assessments import review
        from assessments.models import Assessment

        for crimes in (47, 46):  # two more saves: three events in all
            data = form_data({"so_vu_ttxh": crimes})
            values = {k: v for k, v in data.items() if not k.startswith("prev_")}
            prev = {k[5:]: v for k, v in data.items() if k.startswith("prev_")}
            revision = Assessment.objects.get(unit=self.ward, year=2025).revision
            assert services.save_figures(self.ward, 2025, values, prev, self.staff, revision=revision).ok

        def timeline(response) -> str:
            return re.search(r'<ol class="timeline" id="timeline"[^>]*>(.*?)</ol>', response.content.decode(), re.S).group(1)

        def events_shown(response) -> list[str]:
            return re.findall(r'<li><span class="muted small">', timeline(response))

        self.client.login(username="staff", password=PASSWORD)
        self.assertEqual(len(events_shown(self.client.get(self.url))), 3)  # all of them: no line about older ones
        self.assertNotContains(self.client.get(self.url), "sự kiện cũ hơn")
        with mock.patch.object(review, "TIMELINE_SHOWN", 2):
            from django.core.cache import cache

            cache.clear()  # the kept body is built again under the smaller bound
            r = self.client.get(self.url)
            self.assertEqual(len(events_shown(r)), 2)
            self.assertIn("47 → 46", timeline(r))  # the newest two
            self.assertNotIn("— → 48", timeline(r))  # not the first save
            self.assertContains(r, "Còn 1 sự kiện cũ hơn không hiện ở đây.")
            self.assertContains(r, '<ol class="timeline" id="timeline" start="2">')  # numbered as in the whole one
            self.assertContains(r, '<a href="?lich-su=day-du#timeline">Xem toàn bộ diễn biến</a>')
            whole = self.client.get(self.url + "?lich-su=day-du")
            self.assertEqual(len(events_shown(whole)), 3)
            self.assertIn("— → 48", timeline(whole))
            self.assertNotContains(whole, "sự kiện cũ hơn")

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
