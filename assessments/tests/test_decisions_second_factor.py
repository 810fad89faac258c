"""Every path that records a decision needs a second factor verified in the session, through the real pages."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from accounts.tests.support import code, enrol
from assessments import review, workflow
from assessments.models import Assessment, Recognition, RecognitionReview
from kieumau.testing import PASSWORD, BaseTestCase

from .test_review import DECISION, PDF, fill


@override_settings(MEDIA_ROOT="/tmp/kieumau-test-media")
class DecisionPathTests(BaseTestCase):
    def setUp(self):
        self.a = fill(self.ward, self.officer)
        self.keys = {}

    keys: dict = {}

    def as_(self, username, verified):
        """Log in; ``verified``: enrol (which verifies this session) or, already enrolled, enter the app's code."""
        self.client.logout()
        self.client.login(username=username, password=PASSWORD)
        if verified and username not in self.keys:
            self.keys[username], _ = enrol(self.client)
        elif username in self.keys:  # an enrolled user's session is sent to enter a code before anything else
            self.assertRedirects(self.client.get(reverse("todo")), reverse("otp_verify") + "?next=/viec-can-lam/",
                                 fetch_redirect_response=False)
            if verified:
                self.client.post(reverse("otp_verify"), {"code": code(self.keys[username], 1)})

    def post(self, action, **data):
        return self.client.post(reverse("transition", args=[self.ward.pk, 2025, action]), data, follow=True)

    def status(self):
        return Assessment.objects.get(pk=self.a.pk).status

    def test_council_votes_and_appraisals_need_it(self):
        Assessment.objects.filter(pk=self.a.pk).update(status=workflow.VERIFIED)
        self.as_("council", verified=False)
        r = self.client.post(reverse("vote", args=[self.ward.pk, 2025]), {"vote": "approve"}, follow=True)
        self.assertContains(r, "xác thực hai lớp")
        self.assertFalse(self.a.votes.exists())
        for action, data in (("appraise", {"recommendation": "Đề nghị"}), ("return_appraisal", {"comment": "Chưa đạt"})):
            self.assertContains(self.post(action, **data), "xác thực hai lớp")
            self.assertEqual(self.status(), workflow.VERIFIED, action)
        self.as_("council", verified=True)
        self.client.post(reverse("vote", args=[self.ward.pk, 2025]), {"vote": "approve"})
        self.post("appraise", recommendation="Đề nghị công nhận")
        self.assertEqual(self.status(), workflow.APPRAISED)

    def test_recognition_refusal_and_yearly_checks_need_it(self):
        Assessment.objects.filter(pk=self.a.pk).update(status=workflow.APPRAISED)
        self.as_("approver", verified=False)
        self.assertContains(self.post("recognize", **DECISION, decision_file=SimpleUploadedFile("q.pdf", PDF)), "xác thực hai lớp")
        self.assertContains(self.post("refuse", comment="Chưa đạt"), "xác thực hai lớp")
        self.assertEqual(self.status(), workflow.APPRAISED)
        self.assertFalse(Recognition.objects.exists())
        self.as_("approver", verified=True)
        self.post("recognize", **DECISION, decision_file=SimpleUploadedFile("q.pdf", PDF))
        self.assertEqual(self.status(), workflow.RECOGNIZED)
        recognition = Recognition.objects.get()
        self.as_("approver", verified=False)  # enrolled now: an unverified session is stopped before the page
        self.client.post(reverse("check_recognition", args=[recognition.pk]), {"year": "2026", "outcome": "maintained"})
        self.assertFalse(RecognitionReview.objects.exists())
        self.as_("approver", verified=True)
        self.client.post(reverse("check_recognition", args=[recognition.pk]), {"year": "2026", "outcome": "maintained"})
        self.assertTrue(RecognitionReview.objects.exists())

    def test_moves_that_are_not_decisions_do_not(self):
        self.as_("chief", verified=False)
        self.post("submit")
        self.assertEqual(self.status(), workflow.SUBMITTED)
        self.as_("reviewer", verified=False)
        self.post("verify")
        self.assertEqual(self.status(), workflow.VERIFIED)
        self.assertFalse(review.workflow.find("verify", workflow.SUBMITTED, frozenset({"reviewer@province"}), district_level=False).decision)
