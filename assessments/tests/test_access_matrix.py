"""Every role × every page and action × inside or outside its scope.

Inside: the role is held on the ward's province (ward roles: on the ward itself).
Outside: the same role held on another province. Outside is always 404.
"""

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase, override_settings
from django.urls import reverse

from accounts.models import Role, RoleAssignment
from assessments import workflow
from assessments.models import Assessment, Evidence, Recognition
from frameworks.registry import DATA_DIR, load_file
from kieumau.testing import PASSWORD, make_unit
from units.models import Level

from .test_review import fill

ROLES = [r.value for r in Role]
WARD_ROLES = {Role.WARD_OFFICER, Role.WARD_CHIEF}
ENTRY_ROLES = {Role.WARD_OFFICER, Role.WARD_CHIEF, Role.PROGRAM_STAFF, Role.ADMIN}
# (action, status it starts from, roles that may do it)
MOVES = [
    ("submit", workflow.DRAFT, {Role.WARD_CHIEF}),
    ("verify", workflow.SUBMITTED, {Role.REVIEWER}),
    ("return", workflow.SUBMITTED, {Role.REVIEWER}),
    ("appraise", workflow.VERIFIED, {Role.COUNCIL_MEMBER}),
    ("return_appraisal", workflow.VERIFIED, {Role.COUNCIL_MEMBER}),
    ("recognize", workflow.APPRAISED, {Role.APPROVER}),
    ("refuse", workflow.APPRAISED, {Role.APPROVER}),
    ("reopen", workflow.RECOGNIZED, {Role.PROGRAM_STAFF, Role.ADMIN}),
]


@override_settings(MEDIA_ROOT="/tmp/kieumau-test-media")
class AccessMatrixTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_file(DATA_DIR / "bca-5764-2021.yaml")
        cls.province = make_unit("56", "Tỉnh Khánh Hòa", Level.PROVINCE)
        city = make_unit("568", "Thành phố Nha Trang", Level.DISTRICT, cls.province)
        cls.ward = make_unit("22375", "Phường Vĩnh Nguyên", Level.COMMUNE, city)
        other = make_unit("74", "Tỉnh Bình Dương", Level.PROVINCE)
        other_ward = make_unit("25741", "Phường Phú Cường", Level.COMMUNE, make_unit("721", "TP Thủ Dầu Một", Level.DISTRICT, other))
        User = get_user_model()
        for role in ROLES:
            for where in ("in", "out"):
                user = User.objects.create_user(f"{role}-{where}", password=PASSWORD)
                target = (cls.ward if role in WARD_ROLES else cls.province) if where == "in" else (other_ward if role in WARD_ROLES else other)
                RoleAssignment.objects.create(user=user, unit=target, role=role)
        cls.writer = User.objects.get(username="ward_officer-in")

    def setUp(self):
        self.a = fill(self.ward, self.writer)
        self.evidence = Evidence.objects.create(assessment=self.a, criterion=self.a.framework.criteria.first(),
                                                file=SimpleUploadedFile("x.pdf", b"%PDF-1"), original_name="x.pdf", size=6)

    def as_(self, role, where):
        self.client.logout()
        self.client.login(username=f"{role}-{where}", password=PASSWORD)

    def expect(self, method, url, expected, data=None, **kw):
        response = getattr(self.client, method)(url, data or {}, **kw)
        self.assertEqual(response.status_code, expected, f"{method.upper()} {url}")
        return response

    def test_pages(self):
        pk, y = self.ward.pk, self.a.year
        for role in ROLES:
            province_level = role not in WARD_ROLES
            with self.subTest(role=role):
                self.as_(role, "out")
                for url in [reverse("province_matrix", args=[self.province.pk]), reverse("recognitions", args=[self.province.pk]),
                            reverse("scorecard", args=[pk, y]), reverse("enter_figures", args=[pk, y]),
                            reverse("download_evidence", args=[self.evidence.pk])]:
                    self.expect("get", url, 404)
                for url in [reverse("preview", args=[pk, y]), reverse("upload_evidence", args=[pk, y]), reverse("vote", args=[pk, y])]:
                    self.expect("post", url, 404)
                self.expect("get", reverse("todo"), 200)
                self.as_(role, "in")
                self.expect("get", reverse("province_matrix", args=[self.province.pk]), 200 if province_level else 404)
                self.expect("get", reverse("recognitions", args=[self.province.pk]), 200 if province_level else 404)
                self.expect("get", reverse("scorecard", args=[pk, y]), 200)
                self.expect("get", reverse("download_evidence", args=[self.evidence.pk]), 200)
                writes = role in ENTRY_ROLES
                self.expect("get", reverse("enter_figures", args=[pk, y]), 200 if writes else 403)
                self.expect("post", reverse("preview", args=[pk, y]), 200 if writes else 403)
                self.expect("post", reverse("upload_evidence", args=[pk, y]), 302 if writes else 403)
                self.expect("post", reverse("vote", args=[pk, y]), 302 if role == Role.COUNCIL_MEMBER else 403, {"vote": "approve"})
                self.expect("put", reverse("scorecard", args=[pk, y]), 405)
                self.expect("get", reverse("transition", args=[pk, y, "submit"]), 405)

    def test_moves(self):
        for action, start, allowed in MOVES:
            for role in ROLES:
                with self.subTest(action=action, role=role):
                    Assessment.objects.filter(pk=self.a.pk).update(status=start)
                    url = reverse("transition", args=[self.ward.pk, self.a.year, action])
                    data = {"comment": "Ý kiến", "recommendation": "Đề nghị công nhận", "decision_number": "1/QĐ",
                            "decision_date": "2025-12-20", "signer": "A", "decision_file": SimpleUploadedFile("q.pdf", b"%PDF-1")}
                    self.as_(role, "out")
                    self.expect("post", url, 404, data)
                    self.as_(role, "in")
                    if action == "appraise" and role == Role.COUNCIL_MEMBER:
                        self.client.post(reverse("vote", args=[self.ward.pk, self.a.year]), {"vote": "approve"})
                    data["decision_file"] = SimpleUploadedFile("q.pdf", b"%PDF-1")
                    may = role in allowed
                    self.expect("post", url, 302 if may else 403, data)
                    status = Assessment.objects.get(pk=self.a.pk).status
                    self.assertEqual(status != start, may, f"{role} {action}: {status}")
                    Assessment.objects.filter(pk=self.a.pk).update(status=workflow.DRAFT)
                    self.a.votes.all().delete()
                    Recognition.objects.all().delete()
