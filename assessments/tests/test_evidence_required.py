"""Evidence required (frameworks with ``evidence_required``): what is owed, reasons, the reviewer's verdict."""

import shutil
import tempfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import SimpleTestCase, override_settings
from django.urls import reverse

from assessments import evidence_rules, review
from assessments.evidence_rules import ACCEPTED, PENDING, REJECTED
from assessments.models import Assessment, EvidenceReason
from audit.models import AuditEvent
from engine.framework import load_text
from kieumau.testing import BaseTestCase, FixedNow

from .test_versions import fill
from .v2fixture import load_v2, v2_text

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class RuleTests(SimpleTestCase):
    fw = load_text(v2_text(), "v2")
    docs = fw.criterion("TC01").evidence  # two documents

    def owed(self, statuses, files=(), reasons=None):
        return evidence_rules.owed(self.fw, statuses, set(files), reasons or {})

    def test_only_criteria_claimed_as_met_owe_their_documents(self):
        self.assertEqual([(o.criterion, o.document) for o in self.owed({"TC01": "pass"})], [("TC01", d) for d in self.docs])
        for status in ("fail", "missing", "not_applicable"):
            self.assertEqual(self.owed({"TC01": status}), [])

    def test_a_file_or_a_reason_awaiting_or_accepted_covers_a_document_a_rejected_one_does_not(self):
        first, second = self.docs
        self.assertEqual([o.document for o in self.owed({"TC01": "pass"}, files={("TC01", first)})], [second])
        for state in (PENDING, ACCEPTED):
            self.assertEqual(self.owed({"TC01": "pass"}, {("TC01", first)}, {("TC01", second): state}), [])
        owed = self.owed({"TC01": "pass"}, {("TC01", first)}, {("TC01", second): REJECTED})
        self.assertEqual([(o.document, o.reason_state) for o in owed], [(second, REJECTED)])
        self.assertIn("lý do không được chấp nhận", evidence_rules.owed_message(owed))

    def test_a_version_without_the_requirement_owes_nothing(self):
        v1 = load_text(v2_text().replace("evidence_required: true\n", ""), "v")
        self.assertEqual(evidence_rules.owed(v1, {"TC01": "pass"}, set(), {}), [])

    def test_review_problem(self):
        self.assertIsNone(evidence_rules.review_problem({}))
        self.assertIsNone(evidence_rules.review_problem({1: ACCEPTED}))
        self.assertIn("chưa được xem xét", evidence_rules.review_problem({1: ACCEPTED, 2: PENDING}))
        self.assertIn("hãy trả lại", evidence_rules.review_problem({1: REJECTED}))


@override_settings(MEDIA_ROOT=tempfile.gettempdir() + "/kieumau-evidence-required")
class JourneyTests(FixedNow, BaseTestCase):
    def setUp(self):
        super().setUp()
        self.addCleanup(shutil.rmtree, tempfile.gettempdir() + "/kieumau-evidence-required", ignore_errors=True)
        self.v2 = load_v2()
        self.a = fill(self.ward, self.officer, 2026)
        self.card = reverse("scorecard", args=[self.ward.pk, 2026])

    def test_submit_is_refused_while_documents_are_owed_and_the_scorecard_says_which(self):
        outcome = review.perform(self.a, "submit", self.chief, {}, {})
        self.assertIn("minh chứng còn thiếu", outcome.errors["__all__"])
        self.assertEqual(Assessment.objects.get(pk=self.a.pk).status, "draft")
        r = self.as_(self.officer).get(self.card)
        self.assertContains(r, "còn thiếu")
        self.assertContains(r, "Không thể cung cấp? Ghi lý do")

    def provide_everything(self, reason_for=("TC04", "Giấy chứng nhận quyền sử dụng đất")):
        client = self.as_(self.officer)
        fw = load_text(v2_text(), "v2")
        for c in fw.criteria:
            for i, doc in enumerate(c.evidence, 1):
                if (c.code, doc) == reason_for:
                    r = client.post(reverse("give_evidence_reason", args=[self.ward.pk, 2026]),
                                    {"criterion": c.code, "document": doc, "reason": "Đất đang làm thủ tục cấp giấy"}, follow=True)
                    self.assertContains(r, "Đã ghi lý do thiếu minh chứng")
                    continue
                r = client.post(reverse("upload_evidence", args=[self.ward.pk, 2026]),
                                {"criterion": f"{c.code}#{i}", "file": SimpleUploadedFile("qd.pdf", PDF), "note": ""}, follow=True)
                self.assertContains(r, "Đã lưu tệp minh chứng")

    def test_with_files_and_a_reason_the_ward_submits_and_the_reviewer_judges_the_reason(self):
        self.provide_everything()
        self.assertEqual(review.perform(self.a, "submit", self.chief, {}, {}).errors, {})
        reason = EvidenceReason.objects.get()
        self.assertEqual(reason.state, PENDING)
        outcome = review.perform(self.a, "verify", self.reviewer, {}, {})
        self.assertIn("chưa được xem xét", outcome.errors["__all__"])
        judge = reverse("judge_evidence_reason", args=[self.ward.pk, 2026, reason.pk])
        self.assertEqual(self.as_(self.officer).post(judge, {"verdict": "accept"}).status_code, 403)
        r = self.as_(self.reviewer).post(judge, {"verdict": "reject", "note": ""}, follow=True)
        self.assertContains(r, "nhận xét về lý do")
        self.assertEqual(EvidenceReason.objects.get().state, PENDING)
        r = self.client.post(judge, {"verdict": "reject", "note": "Cần văn bản xác nhận của UBND phường"}, follow=True)
        self.assertContains(r, "lý do không được chấp nhận")
        self.assertIn("hãy trả lại", review.perform(self.a, "verify", self.reviewer, {}, {}).errors["__all__"])
        self.assertEqual(review.perform(self.a, "return", self.reviewer, {"comment": "Bổ sung minh chứng TC04"}, {}).errors, {})
        # back at the ward: the rejected reason no longer covers the document
        self.assertIn("TC04", review.perform(self.a, "submit", self.chief, {}, {}).errors["__all__"])
        self.as_(self.officer).post(reverse("give_evidence_reason", args=[self.ward.pk, 2026]),
                                    {"criterion": "TC04", "document": "Giấy chứng nhận quyền sử dụng đất",
                                     "reason": "Kèm văn bản xác nhận của UBND phường về thủ tục cấp giấy"})
        self.assertEqual(review.perform(self.a, "submit", self.chief, {}, {}).errors, {})
        self.as_(self.reviewer).post(reverse("judge_evidence_reason", args=[self.ward.pk, 2026, reason.pk]), {"verdict": "accept"})
        self.assertEqual(review.perform(self.a, "verify", self.reviewer, {}, {}).errors, {})
        actions = list(AuditEvent.objects.filter(action__startswith="evidence.reason").values_list("action", flat=True))
        self.assertEqual(actions.count("evidence.reason_given"), 2)
        self.assertIn("evidence.reason_rejected", actions)
        self.assertIn("evidence.reason_accepted", actions)

    def test_bad_reasons_write_nothing(self):
        url = reverse("give_evidence_reason", args=[self.ward.pk, 2026])
        client = self.as_(self.officer)
        for data, message in [({"criterion": "TC04", "document": "Giấy chứng nhận quyền sử dụng đất", "reason": "  "}, "Hãy ghi lý do"),
                              ({"criterion": "TC04", "document": "Giấy khác", "reason": "x"}, "không phải minh chứng được liệt kê"),
                              ({"criterion": "TC99", "document": "x", "reason": "x"}, "Tiêu chí không có"),
                              ({"criterion": "TC04", "document": "Giấy chứng nhận quyền sử dụng đất", "reason": "x" * 2001}, "dài quá")]:
            self.assertContains(client.post(url, data, follow=True), message)
        self.assertFalse(EvidenceReason.objects.exists())
        self.assertFalse(AuditEvent.objects.filter(action="evidence.reason_given").exists())

    def test_scope_and_methods(self):
        url = reverse("give_evidence_reason", args=[self.ward.pk, 2026])
        self.assertEqual(self.as_(self.officer).get(url).status_code, 405)
        self.assertEqual(self.as_(self.outsider).post(url, {}).status_code, 404)
        self.assertEqual(self.as_(self.supervisor).post(url, {}).status_code, 403)
        judge = reverse("judge_evidence_reason", args=[self.ward.pk, 2026, 1])
        self.assertEqual(self.as_(self.reviewer).get(judge).status_code, 405)
        self.assertEqual(self.as_(self.outsider).post(judge, {"verdict": "accept"}).status_code, 404)
