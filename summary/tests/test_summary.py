import datetime as dt

from django.test import SimpleTestCase
from django.urls import reverse

from difficulties.models import Difficulty
from kieumau import clock
from reporting.tests.support import ReportingTestCase
from summary import charts


class ChartTests(SimpleTestCase):
    def test_stacked_widths_sum_to_the_whole(self):
        segs = charts.stacked([("on_time", "Đúng hạn", 3), ("late", "Muộn", 0), ("missing", "Thiếu", 1)])
        self.assertEqual([(s.key, s.x, s.width) for s in segs], [("on_time", 0.0, 75.0), ("missing", 75.0, 25.0)])
        self.assertEqual(charts.stacked([("a", "A", 0)]), [])

    def test_columns_scale_to_the_largest(self):
        cols = charts.columns([("2024", 2, 1), ("2025", 4, None)])
        self.assertEqual([(c.x, c.target_h, c.actual_h) for c in cols], [(0, 45.0, 22.5), (100, 90.0, 0.0)])
        self.assertEqual(cols[1].actual_y, 100.0)


class SummaryPageTests(ReportingTestCase):
    def test_the_period_summary(self):
        Difficulty.objects.create(program=self.program, body=self.dept, title="Thiếu kinh phí trụ sở", text="x", raised_by=self.reporter)
        url = reverse("period_summary", args=[self.province.pk])
        with clock.fixed_at(dt.datetime(2026, 11, 23, 10, tzinfo=dt.timezone.utc)):
            for user, code in [(self.staff, 200), (self.supervisor, 200), (self.reporter, 404), (self.outsider, 404), (self.chief, 404)]:
                with self.subTest(user=user.username):
                    self.client.force_login(user)
                    self.assertEqual(self.client.get(url + "?ky=2026-H1").status_code, code)
            self.client.force_login(self.staff)
            r = self.client.get(url + "?ky=2026-H1")
            for text in ("6 tháng đầu năm 2026", "Sở Tài chính", "Họp nghe báo cáo", "Thiếu kinh phí trụ sở", "Giám sát, kiểm tra",
                         "Tiến độ lộ trình", "<svg", "data-print"):
                self.assertContains(r, text)
            self.assertEqual(self.client.get(url + "?ky=2040").status_code, 404)
            self.assertEqual(self.client.post(url).status_code, 405)
