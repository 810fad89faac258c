import datetime as dt
from unittest import mock

from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from assessments import recognition, review, services, workflow
from assessments.models import Assessment, Recognition, WorkflowSettings
from audit.models import AuditEvent
from inbox.models import Notification
from kieumau import clock
from kieumau.testing import BaseTestCase, FixedNow

from .helpers import form_data

PDF = b"%PDF-1.4 decision"


def revision_of(unit, year=2025) -> int:
    return Assessment.objects.filter(unit=unit, year=year).values_list("revision", flat=True).first() or 0


def fill(unit, user, year=2025, **changes):
    data = form_data(changes)
    values = {k: v for k, v in data.items() if not k.startswith("prev_")}
    prev = {k[5:]: v for k, v in data.items() if k.startswith("prev_")}
    outcome = services.save_figures(unit, year, values, prev, user, revision=revision_of(unit, year))
    assert outcome.ok, outcome.errors
    return Assessment.objects.get(unit=unit, year=year)


def decision():
    return {"decision_file": SimpleUploadedFile("qd.pdf", PDF)}


DECISION = {"decision_number": "123/QĐ-CAT", "decision_date": "2025-12-20", "signer": "Đại tá Nguyễn Văn A"}


@override_settings(MEDIA_ROOT="/tmp/kieumau-test-media")
class ReviewTests(BaseTestCase):
    def setUp(self):
        self.a = fill(self.ward, self.officer)

    def move(self, user, action, **inputs):
        files = inputs.pop("files", None)
        return review.perform(self.a, action, user, inputs, files, second_factor=True)

    def test_the_whole_path_to_recognition_with_audit_and_notifications(self):
        self.assertTrue(self.move(self.chief, "submit").ok)
        self.assertEqual(Notification.objects.filter(user=self.reviewer).count(), 1)
        self.assertEqual(len(mail.outbox), 0)  # e-mail goes only after commit
        self.assertTrue(self.move(self.reviewer, "verify").ok)
        self.assertTrue(review.record_vote(self.a, self.council, "approve", "Đủ điều kiện", second_factor=True).ok)
        self.assertTrue(self.move(self.council, "appraise", recommendation="Đề nghị công nhận").ok)
        self.assertTrue(self.move(self.approver, "recognize", **DECISION, files=decision()).ok)
        self.a.refresh_from_db()
        self.assertEqual(self.a.status, workflow.RECOGNIZED)
        r = Recognition.objects.get()
        self.assertEqual((r.decision_number, r.decision_date, r.recommendation), ("123/QĐ-CAT", dt.date(2025, 12, 20), "Đề nghị công nhận"))
        actions = list(AuditEvent.objects.filter(object_type="assessments.assessment", object_id=str(self.a.pk))
                       .values_list("action", flat=True).order_by("id"))
        self.assertEqual(actions, ["assessment.figures_saved", "assessment.submit", "assessment.verify", "assessment.vote",
                                   "assessment.appraise", "assessment.recognize"])
        self.assertTrue(Notification.objects.filter(user=self.chief, text__contains="Đã công nhận").exists())

    def test_a_return_needs_a_comment_and_unlocks_the_figures(self):
        self.move(self.chief, "submit")
        locked = services.save_figures(self.ward, 2025, {"so_cbcs": "11"}, {}, self.officer, revision=revision_of(self.ward))
        self.assertIn("Số liệu đã khóa", locked.errors["__all__"])
        outcome = self.move(self.reviewer, "return", comment="  ")
        self.assertEqual(outcome.errors, {"comment": "Cần nhập «Ý kiến» để trả lại để bổ sung."})
        self.assertTrue(self.move(self.reviewer, "return", comment="Bổ sung minh chứng TC04").ok)
        self.assertEqual(AuditEvent.objects.get(action="assessment.return").comment, "Bổ sung minh chứng TC04")
        self.assertTrue(Notification.objects.filter(user=self.officer, text__contains="Bổ sung minh chứng").exists())
        self.assertTrue(fill(self.ward, self.officer, so_don_ton_dong=0, so_luot_khen_thuong=2))

    def test_a_submission_needs_every_criterion_evaluated(self):
        data = form_data()
        data["kinh_phi_du"] = ""  # sent blank: cleared (a field not sent at all keeps its figure)
        values = {k: v for k, v in data.items() if not k.startswith("prev_")}
        prev = {k[5:]: v for k, v in data.items() if k.startswith("prev_")}
        services.save_figures(self.ward, 2025, values, prev, self.officer, revision=revision_of(self.ward))
        outcome = self.move(self.chief, "submit")
        self.assertIn("còn thiếu dữ liệu: TC05", outcome.errors["__all__"])
        self.assertEqual(Assessment.objects.get(pk=self.a.pk).status, workflow.DRAFT)

    def test_a_recognition_needs_number_date_signer_and_file(self):
        self.a.status = workflow.APPRAISED
        self.a.save()
        outcome = self.move(self.approver, "recognize", decision_number="1/QĐ")
        self.assertEqual(set(outcome.errors), {"decision_date", "signer", "decision_file"})
        bad = self.move(self.approver, "recognize", **DECISION, files={"decision_file": SimpleUploadedFile("qd.pdf", b"nope")})
        self.assertIn("PDF, JPG hoặc PNG", bad.errors["decision_file"])
        self.assertFalse(Recognition.objects.exists())

    def test_appraisal_needs_a_vote_and_a_recommendation(self):
        self.a.status = workflow.VERIFIED
        self.a.save()
        self.assertEqual(set(self.move(self.council, "appraise").errors), {"recommendation", "votes"})

    def test_an_appraisal_needs_a_quorum_and_a_majority_of_approving_votes(self):
        from accounts.models import Role

        second, third = (self.user(f"council{i}", Role.COUNCIL_MEMBER, self.province) for i in (2, 3))
        self.a.status = workflow.VERIFIED
        self.a.save()
        vote = lambda member, v: review.record_vote(self.a, member, v, "", second_factor=True)  # noqa: E731
        appraise = lambda: self.move(self.council, "appraise", recommendation="Đề nghị công nhận")  # noqa: E731
        vote(self.council, "reject")
        self.assertIn("1/3", appraise().errors["votes"])  # 1 of 3 members voted: no quorum
        vote(second, "approve")
        self.assertIn("không đề nghị công nhận", appraise().errors["votes"])  # 1 of 2 votes approve: no majority
        vote(third, "abstain")
        self.assertIn("không đề nghị công nhận", appraise().errors["votes"])  # abstaining is not approving
        vote(self.council, "approve")
        self.assertTrue(appraise().ok)  # 2 of 3 approve
        self.assertEqual(AuditEvent.objects.get(action="assessment.appraise").data["votes"], ["approve", "approve", "abstain"])

    def test_a_lone_reject_vote_cannot_be_appraised_and_the_province_sets_the_rule(self):
        self.a.status = workflow.VERIFIED
        self.a.save()
        review.record_vote(self.a, self.council, "reject", "Chưa đạt TC10", second_factor=True)
        self.assertIn("votes", self.move(self.council, "appraise", recommendation="Đề nghị công nhận").errors)
        self.assertTrue(self.move(self.council, "return_appraisal", comment="Chưa đạt TC10").ok)
        self.a.refresh_from_db()
        self.assertEqual(self.a.status, workflow.RETURNED)
        self.assertEqual(workflow.appraisal_problem(["approve", "reject"], 2, workflow.CouncilRule(50, 49)), None)
        WorkflowSettings.objects.create(province=self.province, council_majority_percent=66)
        self.assertEqual(review.settings_for(self.ward).council_rule(), workflow.CouncilRule(50, 66))

    def test_decisions_need_a_second_factor_verified_in_the_session(self):
        self.a.status = workflow.APPRAISED
        self.a.save()
        outcome = review.perform(self.a, "recognize", self.approver, dict(DECISION), decision(), second_factor=False)
        self.assertEqual(outcome.errors, {"__all__": review.SECOND_FACTOR_NEEDED})
        self.assertEqual(review.perform(self.a, "refuse", self.approver, {"comment": "x"}, {}).errors, {"__all__": review.SECOND_FACTOR_NEEDED})
        self.a.status = workflow.VERIFIED
        self.a.save()
        self.assertEqual(review.record_vote(self.a, self.council, "approve", "").errors, {"__all__": review.SECOND_FACTOR_NEEDED})
        self.assertFalse(Recognition.objects.exists() or self.a.votes.exists())
        self.assertTrue(review.perform(self.a, "return", self.reviewer, {"comment": "Bổ sung"}, {}).ok)  # not a decision

    def test_wrong_roles_get_403_and_stale_states_an_error(self):
        with self.assertRaises(PermissionDenied):
            self.move(self.officer, "submit")
        with self.assertRaises(PermissionDenied):
            self.move(self.supervisor, "verify")
        stale = self.move(self.reviewer, "verify")  # still a draft
        self.assertIn("Dự thảo", stale.errors["__all__"])

    def test_with_a_city_level_the_city_reviewer_checks_first(self):
        WorkflowSettings.objects.create(province=self.province, district_review_until=dt.date(2099, 1, 1))
        self.move(self.chief, "submit")
        self.assertIn("__all__", self.move(self.reviewer, "verify").errors)  # the province waits for the city
        self.assertTrue(self.move(self.city_reviewer, "verify_district").ok)
        self.assertTrue(self.move(self.reviewer, "verify").ok)

    def test_reopening_after_recognition_leaves_a_trail(self):
        self.a.status = workflow.RECOGNIZED
        self.a.save()
        self.assertEqual(set(self.move(self.staff, "reopen").errors), {"comment"})
        self.assertTrue(self.move(self.staff, "reopen", comment="Đính chính số liệu TC20").ok)
        fill(self.ward, self.officer, so_ho_so_truoc_han=101)
        events = list(AuditEvent.objects.filter(object_type="assessments.assessment", object_id=str(self.a.pk))
                      .order_by("id").values_list("action", flat=True))
        self.assertEqual(events[-2:], ["assessment.reopen", "assessment.figures_saved"])


class OutsideScopeTests(BaseTestCase):
    def test_a_chief_elsewhere_cannot_submit(self):
        a = fill(self.ward, self.officer)
        with self.assertRaises(PermissionDenied):
            review.perform(a, "submit", self.other_chief, {}, {})


@override_settings(MEDIA_ROOT="/tmp/kieumau-test-media")
class EmailTests(BaseTestCase):
    def test_the_next_actors_get_an_email_once_the_move_is_committed(self):
        a = fill(self.ward, self.officer)
        with self.captureOnCommitCallbacks(execute=True):
            review.perform(a, "submit", self.chief, {}, {})
        self.assertEqual([m.to for m in mail.outbox], [["reviewer@example.vn"]])
        self.assertIn("Phường Vĩnh Nguyên — 2025: Đã nộp", mail.outbox[0].subject)


@override_settings(MEDIA_ROOT="/tmp/kieumau-test-media")
class RecognitionCheckTests(BaseTestCase):
    def setUp(self):
        a = fill(self.ward, self.officer)
        a.status = workflow.APPRAISED
        a.save()
        assert review.perform(a, "recognize", self.approver, dict(DECISION), decision(), second_factor=True).ok
        self.r = Recognition.objects.get()

    def check(self, year, outcome, inputs=None, user=None, second_factor=True):
        return recognition.check(self.r, year, outcome, user or self.approver, inputs or {}, second_factor=second_factor)

    def test_maintained_then_warned_then_revoked_with_reason_and_decision(self):
        with clock.fixed_at(dt.datetime(2029, 6, 1, 9)):
            self.assertEqual(self.check(2026, "maintained"), {})
            self.assertIn("reason", self.check(2027, "warned"))
            self.assertEqual(self.check(2027, "warned", {"reason": "TC10 không đạt"}), {})
            errors = self.check(2028, "revoked", {"reason": "Hai năm không đạt"})
            self.assertEqual(set(errors), {"decision_number", "decision_date"})
            ok = self.check(2028, "revoked", {"reason": "Hai năm không đạt", "decision_number": "9/QĐ-CAT", "decision_date": "2028-12-30"})
            self.assertEqual(ok, {})
            self.assertIn("__all__", self.check(2029, "maintained"))
        self.assertEqual(list(self.r.reviews.values_list("outcome", flat=True)), ["maintained", "warned", "revoked"])
        self.assertTrue(AuditEvent.objects.filter(action="recognition.revoked", comment="Hai năm không đạt").exists())

    def test_only_later_years_once_each_and_only_approvers(self):
        self.assertIn("year", self.check(2025, "maintained"))
        self.check(2026, "maintained")
        self.assertIn("year", self.check(2026, "maintained"))
        with self.assertRaises(PermissionDenied):
            self.check(2026, "maintained", user=self.reviewer)

    def test_years_are_bounded_to_the_program_and_a_decision_needs_a_second_factor(self):
        self.assertIn("2023", self.check(2027, "maintained")["year"])  # not yet: the current year is 2026
        self.assertIn("year", self.check(9999, "maintained"))
        self.assertIn("year", self.check(2022, "maintained"))
        self.assertEqual(self.check(2026, "maintained", second_factor=False), {"__all__": review.SECOND_FACTOR_NEEDED})
        self.assertFalse(self.r.reviews.exists())

    def test_the_page_form_and_the_printable_list(self):
        from django.urls import reverse

        self.client.login(username="approver", password="Test-password-2026")
        page = self.client.get(reverse("recognitions", args=[self.province.pk]))
        self.assertContains(page, "123/QĐ-CAT")
        self.assertContains(page, 'id="check-form"')
        r = self.client.post(reverse("check_recognition", args=[self.r.pk]), {"year": "2026", "outcome": "maintained"}, follow=True)
        self.assertContains(r, "xác thực hai lớp")  # a decision: the session has not verified a second factor
        self.assertFalse(self.r.reviews.exists())
        with mock.patch("accounts.second_factor.session_verified", return_value=True):
            for year in ("9223372036854775808", "9999", "٢٠٢٦", "2026²", ""):
                r = self.client.post(reverse("check_recognition", args=[self.r.pk]), {"year": year, "outcome": "maintained"}, follow=True)
                self.assertEqual(r.status_code, 200, year)
                self.assertFalse(self.r.reviews.exists(), year)
            r = self.client.post(reverse("check_recognition", args=[self.r.pk]), {"year": "2026", "outcome": "maintained"}, follow=True)
        self.assertContains(r, "2026: <strong>Duy trì</strong>", html=False)
        printable = self.client.get(reverse("recognitions", args=[self.province.pk]), {"in": "1"})
        self.assertContains(printable, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        self.client.login(username="outsider", password="Test-password-2026")
        self.assertEqual(self.client.post(reverse("check_recognition", args=[self.r.pk]), {"year": "2027"}).status_code, 404)


@override_settings(MEDIA_ROOT="/tmp/kieumau-test-media")
class ReopenTests(BaseTestCase):
    def test_a_corrected_assessment_recognized_again_keeps_both_decisions(self):
        a = fill(self.ward, self.officer)
        a.status = workflow.APPRAISED
        a.save()
        assert review.perform(a, "recognize", self.approver, dict(DECISION), decision(), second_factor=True).ok
        assert review.perform(a, "reopen", self.staff, {"comment": "Đính chính TC20"}, {}).ok
        Assessment.objects.filter(pk=a.pk).update(status=workflow.APPRAISED)
        again = {**DECISION, "decision_number": "130/QĐ-CAT"}
        self.assertTrue(review.perform(a, "recognize", self.approver, again, decision(), second_factor=True).ok)
        self.assertEqual(list(Recognition.objects.order_by("id").values_list("decision_number", flat=True)), ["123/QĐ-CAT", "130/QĐ-CAT"])


class TodoNotificationsTests(FixedNow, BaseTestCase):
    """The to-do page marks the user's notifications read, and writes nothing when none is unread."""

    def test_unread_ones_are_marked_and_a_second_visit_writes_nothing(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext
        from django.urls import reverse

        Notification.objects.create(user=self.staff, text="Phường Vĩnh Nguyên — 2025: Đã nộp", url="/")
        Notification.objects.create(user=self.chief, text="của người khác", url="/")
        c = self.as_(self.staff)
        self.assertContains(c.get(reverse("todo")), "Phường Vĩnh Nguyên — 2025: Đã nộp")
        self.assertFalse(Notification.objects.filter(user=self.staff, read_at__isnull=True).exists())
        self.assertTrue(Notification.objects.filter(user=self.chief, read_at__isnull=True).exists())
        with CaptureQueriesContext(connection) as second:
            c.get(reverse("todo"))
        self.assertFalse([q for q in second if q["sql"].startswith("UPDATE")])

    def test_an_unread_one_beyond_the_thirty_shown_is_marked_too(self):
        from django.urls import reverse

        old = Notification.objects.create(user=self.staff, text="cũ", url="/", created_at=clock.now() - dt.timedelta(days=9))
        for i in range(30):
            Notification.objects.create(user=self.staff, text=f"mới {i}", url="/", read_at=clock.now())
        self.as_(self.staff).get(reverse("todo"))
        old.refresh_from_db()
        self.assertIsNotNone(old.read_at)
