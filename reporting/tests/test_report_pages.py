"""The report page through the role × action × scope matrix, the submit → return → resubmit cycle, bad input."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.models import AuditEvent
from kieumau import clock
from reporting.models import Report, ReportAttachment

from .support import ReportingTestCase

class ReportPageTests(ReportingTestCase):
    def as_(self, user):
        self.client.force_login(user)
        return self.client

    def content(self, **extra):
        data = {"action": "submit", f"done_{self.task_dept.pk}": "Đã bố trí kinh phí.", f"fig_{self.task_dept.pk}_kinh_phi": "1.200",
                "difficulties": "Thiếu cán bộ", "proposals": ""}
        data.update(extra)
        return data

    def test_who_sees_a_report(self):
        cases = [(self.reporter, 200), (self.staff, 200), (self.supervisor, 200), (self.officer, 404),
                 (self.outsider, 404), (self.far_reporter, 404), (self.chief, 404)]
        for user, code in cases:
            with self.subTest(user=user.username):
                self.assertEqual(self.as_(user).get(self.url()).status_code, code)

    def test_who_may_write_and_return(self):
        for user in (self.staff, self.supervisor):
            with self.subTest(user=user.username):
                self.assertEqual(self.as_(user).post(self.url(), self.content()).status_code, 403)
        self.assertEqual(self.as_(self.reporter).post(self.url(), self.content(action="return", comment="x")).status_code, 403)
        self.assertEqual(self.as_(self.supervisor).post(self.url(), {"action": "return", "comment": "x"}).status_code, 403)
        for user in (self.officer, self.outsider, self.far_reporter):
            self.assertEqual(self.as_(user).post(self.url(), self.content()).status_code, 404)
        self.assertFalse(Report.objects.exists())

    def test_other_methods_are_refused(self):
        self.assertEqual(self.as_(self.reporter).put(self.url()).status_code, 405)
        self.assertEqual(self.as_(self.staff).post(reverse("bodies", args=[self.province.pk])).status_code, 405)

    def test_not_logged_in_goes_to_the_login_page(self):
        self.assertEqual(self.client.get(self.url()).status_code, 302)

    def test_unknown_period_or_holder_is_404(self):
        c = self.as_(self.reporter)
        self.assertEqual(c.get(self.url(period="2026-H2")).status_code, 404)
        self.assertEqual(c.get(self.url(period="2040")).status_code, 404)
        self.assertEqual(c.get(self.url(holder=self.far)).status_code, 404)
        # the city's committee ended on 1/7/2025 with no successor: its 2026 report does not exist
        self.assertEqual(self.as_(self.staff).get(self.url(holder=self.city_body)).status_code, 404)

    def test_submit_return_resubmit(self):
        c = self.as_(self.reporter)
        r = c.post(self.url(), self.content(action="save"))
        self.assertEqual(r.status_code, 302)
        report = Report.objects.get()
        self.assertEqual(report.state, "draft")
        c.post(self.url(), self.content(revision=report.updated_at.isoformat()))
        report.refresh_from_db()
        self.assertEqual(report.state, "submitted")
        self.assertEqual(report.lines.get().figures, {"kinh_phi": "1200"})
        # a second submission is refused and changes nothing
        before = AuditEvent.objects.count()
        r = c.post(self.url(), self.content(), follow=True)
        self.assertContains(r, "đang khóa", status_code=400)
        self.assertEqual(AuditEvent.objects.count(), before)
        # PV01 returns it with a comment and a date
        s = self.as_(self.staff)
        s.post(self.url(), {"action": "return", "comment": "Bổ sung số liệu", "due": "2026-11-30"})
        report.refresh_from_db()
        self.assertEqual((report.state, report.times_returned, report.return_due), ("returned", 1, dt.date(2026, 11, 30)))
        self.assertTrue(self.reporter.notifications.filter(text__contains="bị trả lại").exists())
        # sent back: on time, since the first submission was on time and it came back by the date given
        c = self.as_(self.reporter)
        c.post(self.url(), self.content())
        report.refresh_from_db()
        self.assertEqual(report.state, "submitted")
        actions = list(AuditEvent.objects.filter(object_type="reporting.report").order_by("id").values_list("action", flat=True))
        self.assertEqual(actions, ["report.saved", "report.submitted", "report.returned", "report.resubmitted"])
        from reporting.management.commands.reporting_status import run

        out, code = run("56", "2026")
        self.assertEqual(code, 0)
        mine = next(b for b in out["bodies"] if b["code"] == "t.stc")
        # the deadline (14/12/2026) has not passed: it is in, and on time
        self.assertEqual(mine["status"], "on_time")

    def test_return_needs_a_comment(self):
        self.as_(self.reporter).post(self.url(), self.content())
        r = self.as_(self.staff).post(self.url(), {"action": "return", "comment": ""}, follow=True)
        self.assertEqual(r.status_code, 400)
        self.assertContains(r, "Chưa trả lại", status_code=400)
        self.assertEqual(Report.objects.get().state, "submitted")

    def test_submitting_needs_what_was_done_for_every_task(self):
        r = self.as_(self.reporter).post(self.url(), self.content(**{f"done_{self.task_dept.pk}": "  "}))
        self.assertContains(r, "Chưa ghi kết quả thực hiện của nhiệm vụ mục 8", status_code=400)
        self.assertFalse(Report.objects.exists())

    def test_a_wrong_figure_is_shown_at_its_field_and_nothing_is_written(self):
        r = self.as_(self.reporter).post(self.url(), self.content(**{f"fig_{self.task_dept.pk}_kinh_phi": "１２"}))
        self.assertContains(r, "Kinh phí bố trí", status_code=400)
        self.assertContains(r, "không phải là số", status_code=400)
        self.assertContains(r, 'value="１２"', status_code=400)
        self.assertFalse(Report.objects.exists())

    def test_a_period_not_yet_open_takes_nothing(self):
        r = self.as_(self.reporter).post(self.url(period="2027-H1"), self.content())
        self.assertContains(r, "chưa mở", status_code=400)
        self.assertFalse(Report.objects.exists())
        self.assertFalse(AuditEvent.objects.filter(object_type="reporting.report").exists())

    def test_attachments_of_the_wrong_type_or_too_large_are_refused(self):
        c = self.as_(self.reporter)
        bad = SimpleUploadedFile("bao-cao.exe", b"MZ\x90\x00", content_type="application/octet-stream")
        r = c.post(self.url(), {"action": "attach", "file": bad})
        self.assertContains(r, "Chỉ nhận tệp PDF, JPG, PNG, DOCX hoặc XLSX.", status_code=400)
        fake = SimpleUploadedFile("bao-cao.pdf", b"not a pdf", content_type="application/pdf")
        self.assertContains(c.post(self.url(), {"action": "attach", "file": fake}), ".pdf", status_code=400)
        with self.settings(EVIDENCE_MAX_BYTES=10):
            big = SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4 " + b"x" * 100, content_type="application/pdf")
            r = c.post(self.url(), {"action": "attach", "file": big})
        self.assertContains(r, "Tệp quá lớn", status_code=400)
        self.assertFalse(ReportAttachment.objects.exists())
        good = SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4 ok", content_type="application/pdf")
        self.assertEqual(c.post(self.url(), {"action": "attach", "file": good}).status_code, 302)
        att = ReportAttachment.objects.get()
        self.assertEqual(c.get(reverse("report_attachment", args=[att.pk])).status_code, 200)
        self.assertEqual(self.as_(self.far_reporter).get(reverse("report_attachment", args=[att.pk])).status_code, 404)

    def test_a_task_that_passed_to_a_successor_is_written_by_it_and_its_history_read(self):
        # Sở KH&ĐT merged into Sở Tài chính on 1/3/2025: its 2025-H1 report (deadline 14/6/2025) is Sở Tài chính's to
        # write; its 2024 report stays under the old name and is read by Sở Tài chính's reporter.
        c = self.as_(self.reporter)
        with clock.fixed_at(dt.datetime(2025, 6, 1, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))):
            r = c.post(self.url(period="2025-H1", holder=self.planning),
                       {"action": "submit", f"done_{self.task_planning.pk}": "Đã thẩm định dự án."})
            self.assertEqual(r.status_code, 302)
        report = Report.objects.get(holder=self.planning)
        self.assertEqual(report.written_by_body, self.dept)
        self.assertEqual(c.get(self.url(period="2024", holder=self.planning)).status_code, 200)
        r = c.post(self.url(period="2024", holder=self.planning), {"action": "save"})
        self.assertEqual(r.status_code, 403)

    def test_an_ended_bodys_reporter_reads_its_history_only(self):
        # Sở KH&ĐT ended on 1/3/2025: its reporter reads the 2024 report, not what Sở Tài chính wrote for it afterwards,
        # and writes no work plan any more
        old = self.body_user("old_reporter", self.planning)
        with clock.fixed_at(dt.datetime(2025, 6, 1, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))):
            self.as_(self.reporter).post(self.url(period="2025-H1", holder=self.planning),
                                         {"action": "submit", f"done_{self.task_planning.pk}": "Đã thẩm định dự án."})
        c = self.as_(old)
        self.assertEqual(c.get(self.url(period="2024", holder=self.planning)).status_code, 200)
        self.assertEqual(c.get(self.url(period="2025-H1", holder=self.planning)).status_code, 404)
        r = c.get(reverse("my_reports"))
        self.assertNotContains(r, "6 tháng đầu năm 2025")
        self.assertContains(r, "đã kết thúc")
        r = c.post(reverse("work_plan", args=[self.program.code, self.planning.pk, 2026]), {"text": "Kế hoạch"})
        self.assertEqual(r.status_code, 403)

    def test_deadline_is_counted_in_vietnam_time(self):
        c = self.as_(self.reporter)
        late_evening = dt.datetime(2025, 6, 14, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=7)))
        after_midnight = dt.datetime(2025, 6, 15, 0, 10, tzinfo=dt.timezone(dt.timedelta(hours=7)))  # 14/6 17:10 UTC
        with clock.fixed_at(late_evening):
            c.post(self.url(period="2025-H1"), self.content())
        with clock.fixed_at(after_midnight):
            c.post(self.url(period="2025-H1", holder=self.planning),
                   {"action": "submit", f"done_{self.task_planning.pk}": "Đã làm."})
        from reporting.management.commands.reporting_status import run

        out, _ = run("56", "2025-H1")
        by = {b["code"]: b for b in out["bodies"]}
        self.assertEqual(by["t.stc"]["status"], "on_time")
        self.assertEqual(by["t.skhdt"]["status"], "late")
        self.assertEqual(by["t.skhdt"]["held_by"], "Sở Tài chính")
        self.assertEqual(by["t.ubnd-nt"]["status"], "missing")
        self.assertEqual(out["counts"], {"pending": 0, "draft": 0, "on_time": 1, "late": 1, "missing": 1, "returned": 0})
        self.assertEqual((out["completeness"], out["timeliness"]), (round(2 / 3, 4), round(1 / 3, 4)))

    def test_reporter_home_and_province_pages(self):
        c = self.as_(self.reporter)
        self.assertRedirects(c.get(reverse("home")), reverse("my_reports"))
        r = c.get(reverse("my_reports"))
        self.assertContains(r, "Sở Tài chính")
        self.assertContains(r, "Sở Kế hoạch và Đầu tư")  # the task it carries
        self.assertEqual(c.get(reverse("bodies", args=[self.province.pk])).status_code, 404)
        self.assertEqual(self.as_(self.officer).get(reverse("my_reports")).status_code, 404)
        for user, code in ((self.staff, 200), (self.supervisor, 200), (self.outsider, 404), (self.officer, 404)):
            for name in ("bodies", "reporting_dashboard"):
                with self.subTest(user=user.username, page=name):
                    self.assertEqual(self.as_(user).get(reverse(name, args=[self.province.pk])).status_code, code)
        r = self.as_(self.staff).get(reverse("reporting_dashboard", args=[self.province.pk]) + "?ky=2025-H1")
        self.assertContains(r, "Quá hạn")
        self.assertEqual(self.as_(self.staff).get(reverse("reporting_dashboard", args=[self.province.pk]) + "?ky=1999").status_code, 404)
        r = self.as_(self.staff).get(reverse("bodies", args=[self.province.pk]))
        self.assertContains(r, "Sở Tài chính")
        self.assertContains(r, "nhiệm vụ do <strong>Sở Tài chính</strong> đảm nhận", html=False)



class WorkPlanTests(ReportingTestCase):
    def test_the_reporter_records_a_yearly_plan_and_no_one_else_can(self):
        url = reverse("work_plan", args=[self.program.code, self.dept.pk, 2026])
        self.client.force_login(self.reporter)
        self.client.post(url, {"text": "Quý I: ban hành kế hoạch; quý II: bố trí kinh phí."})
        self.assertContains(self.client.get(reverse("my_reports")), "Quý I: ban hành kế hoạch")
        self.client.post(url, {"text": "   "})
        self.assertEqual(AuditEvent.objects.filter(action__startswith="workplan.").count(), 1)
        self.assertEqual(self.client.post(reverse("work_plan", args=[self.program.code, self.dept.pk, 2040]), {"text": "x"}).status_code, 302)
        self.assertEqual(AuditEvent.objects.filter(action__startswith="workplan.").count(), 1)
        self.assertEqual(self.client.get(url).status_code, 405)
        for user in (self.staff, self.far_reporter):
            self.client.force_login(user)
            self.assertEqual(self.client.post(url, {"text": "x"}).status_code, 404)
