"""Supervision: supervisors write only their own visits and findings and stay read-only elsewhere (the role matrix);
the visited ward or body answers; the supervisor follows up until closed."""


from django.urls import reverse

from accounts.models import Role
from audit.models import AuditEvent
from difficulties.models import Difficulty
from meetings.models import Meeting
from reporting.models import Report
from kieumau.testing import FixedNow
from reporting.tests.support import ReportingTestCase
from supervision.models import Finding, Visit



class SupervisionTests(FixedNow, ReportingTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.other_supervisor = cls.user("other_supervisor", Role.SUPERVISOR, cls.province)

    def record(self, user, target=None, **extra):
        data = {"ct": self.program.code, "kind": "supervision", "organisation": "Ban Pháp chế HĐND tỉnh",
                "target": target or f"u-{self.ward.pk}", "visited_on": "2026-11-20", "summary": "Giám sát tiêu chí"}
        data.update(extra)
        return self.as_(user).post(reverse("province_visits", args=[self.province.pk]), data)

    def test_a_visit_from_record_to_closing(self):
        r = self.record(self.supervisor)
        visit = Visit.objects.get()
        url = reverse("visit", args=[visit.pk])
        self.assertRedirects(r, url)
        s = self.as_(self.supervisor)
        s.post(url, {"action": "add", "text": "Sổ tiếp nhận thiếu hạn giải quyết", "recommendation": "Bổ sung", "due": "2026-12-10"})
        f = Finding.objects.get()
        self.assertTrue(self.chief.notifications.exists())
        # closing before any response is refused
        self.assertContains(s.post(url, {"action": "close", "finding": f.pk, "text": "Đạt"}), "đã có trả lời", status_code=400)
        # the ward's chief answers; the supervisor asks for more, then closes
        self.as_(self.chief).post(url, {"action": "respond", "finding": f.pk, "text": "Đã bổ sung sổ"})
        f.refresh_from_db()
        self.assertEqual(f.state, "answered")
        s = self.as_(self.supervisor)
        s.post(url, {"action": "follow_up", "finding": f.pk, "text": "Cần niêm yết công khai"})
        f.refresh_from_db()
        self.assertEqual(f.state, "open")
        self.as_(self.officer).post(url, {"action": "respond", "finding": f.pk, "text": "Đã niêm yết"})
        self.as_(self.supervisor).post(url, {"action": "close", "finding": f.pk, "text": "Đạt yêu cầu"})
        f.refresh_from_db()
        self.assertEqual((f.state, f.steps.count()), ("closed", 4))
        self.assertEqual(AuditEvent.objects.filter(object_type="supervision.visit").count(), 6)

    def test_supervisors_write_only_their_own(self):
        self.record(self.supervisor)
        visit = Visit.objects.get()
        url = reverse("visit", args=[visit.pk])
        add = {"action": "add", "text": "Phát hiện", "due": ""}
        cases = [(self.other_supervisor, 200, 403), (self.staff, 200, 403), (self.chief, 200, 403), (self.reporter, 404, 404),
                 (self.outsider, 404, 404), (self.other_chief, 404, 404), (self.approver, 200, 403)]
        for user, read, write in cases:
            with self.subTest(user=user.username):
                self.assertEqual(self.as_(user).get(url).status_code, read)
                self.assertEqual(self.as_(user).post(url, add).status_code, write)
        self.assertFalse(Finding.objects.exists())
        # only supervisors record visits; others who see the province read the list
        for user, code in [(self.staff, 403), (self.chief, 404), (self.reporter, 404), (self.approver, 403)]:
            with self.subTest(records=user.username):
                self.assertEqual(self.record(user).status_code, code)
        self.assertEqual(Visit.objects.count(), 1)
        self.assertEqual(self.as_(self.supervisor).put(url).status_code, 405)

    def test_supervisors_are_read_only_on_the_rest_of_the_program(self):
        c = self.as_(self.supervisor)
        report_url = self.url()
        self.assertEqual(c.get(report_url).status_code, 200)
        self.assertEqual(c.post(report_url, {"action": "submit"}).status_code, 403)
        self.assertEqual(c.post(report_url, {"action": "return", "comment": "x"}).status_code, 403)
        d = Difficulty.objects.create(program=self.program, body=self.dept, title="Khó khăn", text="x", raised_by=self.reporter)
        self.assertEqual(c.get(reverse("difficulty", args=[d.pk])).status_code, 200)
        self.assertEqual(c.post(reverse("difficulty", args=[d.pk]), {"action": "answer", "answer": "x"}).status_code, 403)
        r = c.post(reverse("schedule_meeting"), {"program": self.program.code, "slot": f"province|{self.province.pk}|2026-H2",
                                                 "day": "2026-12-01"})
        self.assertEqual(r.status_code, 403)
        self.assertFalse(Report.objects.exists() or Meeting.objects.exists())
        d.refresh_from_db()
        self.assertEqual(d.state, "open")

    def test_a_body_answers_its_findings(self):
        self.record(self.supervisor, target=f"b-{self.dept.pk}")
        visit = Visit.objects.get()
        url = reverse("visit", args=[visit.pk])
        self.as_(self.supervisor).post(url, {"action": "add", "text": "Chưa bố trí kinh phí"})
        f = Finding.objects.get()
        self.assertEqual(self.as_(self.far_reporter).get(url).status_code, 404)
        self.as_(self.reporter).post(url, {"action": "respond", "finding": f.pk, "text": "Đã trình UBND tỉnh"})
        f.refresh_from_db()
        self.assertEqual(f.state, "answered")
        # the inbox shows the supervisor what waits for their follow-up
        self.assertContains(self.as_(self.supervisor).get(reverse("todo")), "chờ bạn đánh giá")

    def test_bad_input_writes_nothing(self):
        for extra, message in [({"visited_on": "2026-12-30"}, "không được sau hôm nay"), ({"summary": " "}, "Hãy ghi"),
                               ({"target": "u-999999"}, "Hãy chọn phường"), ({"visited_on": "30/02/2026"}, "không đúng dạng ngày"),
                               ({"kind": "x"}, "Hãy chọn hình thức")]:
            with self.subTest(extra=extra):
                r = self.record(self.supervisor, **extra)
                self.assertContains(r, message, status_code=400)
        self.assertFalse(Visit.objects.exists())
