import datetime as dt

from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from assessments import review, services, workflow
from assessments.models import Assessment, Recognition, WorkflowSettings
from audit.models import AuditEvent
from inbox.models import Notification
from kieumau.testing import BaseTestCase

from .helpers import form_data

PDF = b"%PDF-1.4 decision"


def fill(unit, user, year=2025, **changes):
    data = form_data(changes)
    values = {k: v for k, v in data.items() if not k.startswith("prev_")}
    prev = {k[5:]: v for k, v in data.items() if k.startswith("prev_")}
    outcome = services.save_figures(unit, year, values, prev, user, revision=None)
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
        return review.perform(self.a, action, user, inputs, files)

    def test_the_whole_path_to_recognition_with_audit_and_notifications(self):
        self.assertTrue(self.move(self.chief, "submit").ok)
        self.assertEqual(Notification.objects.filter(user=self.reviewer).count(), 1)
        self.assertEqual(len(mail.outbox), 0)  # e-mail goes only after commit
        self.assertTrue(self.move(self.reviewer, "verify").ok)
        self.assertTrue(review.record_vote(self.a, self.council, "approve", "Đủ điều kiện").ok)
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
        locked = services.save_figures(self.ward, 2025, {"so_cbcs": "11"}, {}, self.officer, revision=None)
        self.assertIn("Số liệu đã khóa", locked.errors["__all__"])
        outcome = self.move(self.reviewer, "return", comment="  ")
        self.assertEqual(outcome.errors, {"comment": "Cần nhập «Ý kiến» để trả lại để bổ sung."})
        self.assertTrue(self.move(self.reviewer, "return", comment="Bổ sung minh chứng TC04").ok)
        self.assertEqual(AuditEvent.objects.get(action="assessment.return").comment, "Bổ sung minh chứng TC04")
        self.assertTrue(Notification.objects.filter(user=self.officer, text__contains="Bổ sung minh chứng").exists())
        self.assertTrue(fill(self.ward, self.officer, so_don_ton_dong=0, so_luot_khen_thuong=2))

    def test_a_submission_needs_every_criterion_evaluated(self):
        data = form_data()
        data.pop("kinh_phi_du")
        values = {k: v for k, v in data.items() if not k.startswith("prev_")}
        prev = {k[5:]: v for k, v in data.items() if k.startswith("prev_")}
        services.save_figures(self.ward, 2025, values, prev, self.officer, revision=None)
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
        assert review.perform(a, "recognize", self.approver, dict(DECISION), decision()).ok
        self.r = Recognition.objects.get()

    def test_maintained_then_warned_then_revoked_with_reason_and_decision(self):
        self.assertEqual(review.check_recognition(self.r, 2026, "maintained", self.approver, {}), {})
        self.assertIn("reason", review.check_recognition(self.r, 2027, "warned", self.approver, {}))
        self.assertEqual(review.check_recognition(self.r, 2027, "warned", self.approver, {"reason": "TC10 không đạt"}), {})
        errors = review.check_recognition(self.r, 2028, "revoked", self.approver, {"reason": "Hai năm không đạt"})
        self.assertEqual(set(errors), {"decision_number", "decision_date"})
        ok = review.check_recognition(self.r, 2028, "revoked", self.approver,
                                      {"reason": "Hai năm không đạt", "decision_number": "9/QĐ-CAT", "decision_date": "2028-12-30"})
        self.assertEqual(ok, {})
        self.assertIn("__all__", review.check_recognition(self.r, 2029, "maintained", self.approver, {}))
        self.assertEqual(list(self.r.reviews.values_list("outcome", flat=True)), ["maintained", "warned", "revoked"])
        self.assertTrue(AuditEvent.objects.filter(action="recognition.revoked", comment="Hai năm không đạt").exists())

    def test_only_later_years_once_each_and_only_approvers(self):
        self.assertIn("year", review.check_recognition(self.r, 2025, "maintained", self.approver, {}))
        review.check_recognition(self.r, 2026, "maintained", self.approver, {})
        self.assertIn("year", review.check_recognition(self.r, 2026, "maintained", self.approver, {}))
        with self.assertRaises(PermissionDenied):
            review.check_recognition(self.r, 2027, "maintained", self.reviewer, {})

    def test_the_page_form_and_the_printable_list(self):
        from django.urls import reverse

        self.client.login(username="approver", password="Test-password-2026")
        page = self.client.get(reverse("recognitions", args=[self.province.pk]))
        self.assertContains(page, "123/QĐ-CAT")
        self.assertContains(page, 'id="check-form"')
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
        assert review.perform(a, "recognize", self.approver, dict(DECISION), decision()).ok
        assert review.perform(a, "reopen", self.staff, {"comment": "Đính chính TC20"}, {}).ok
        Assessment.objects.filter(pk=a.pk).update(status=workflow.APPRAISED)
        again = {**DECISION, "decision_number": "130/QĐ-CAT"}
        self.assertTrue(review.perform(a, "recognize", self.approver, again, decision()).ok)
        self.assertEqual(list(Recognition.objects.order_by("id").values_list("decision_number", flat=True)), ["123/QĐ-CAT", "130/QĐ-CAT"])
