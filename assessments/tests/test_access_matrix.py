"""Every role × every page and action × inside or outside its scope.

Inside: the role is held on the ward's province (ward roles: on the ward itself).
Outside: the same role held on another province. Outside is always 404.
"""

import datetime as dt
from unittest import mock

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase, override_settings
from django.urls import reverse

from accounts.models import Role, RoleAssignment
from assessments import workflow
from frameworks.models import Framework
from assessments.models import Assessment, Evidence, Recognition
from frameworks.registry import DATA_DIR, load_file
from kieumau.testing import PASSWORD, make_unit
from units.models import Level, Lineage

from .test_review import fill

ROLES = [r.value for r in Role if r != Role.MINISTRY]  # held on no unit (the whole country): national/tests cover it
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

    @mock.patch("accounts.second_factor.session_verified", return_value=True)  # decisions need it: tested apart
    def test_moves(self, _verified):
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


@override_settings(MEDIA_ROOT="/tmp/kieumau-test-media")
class AfterAMergerTests(TestCase):
    """Scope after a merger: the old province's staff follow their land into the new map, read-only; the new province's
    staff keep the old province's history; nobody writes a dissolved ward's records."""

    @classmethod
    def setUpTestData(cls):
        load_file(DATA_DIR / "bca-5764-2021.yaml")
        end = dt.date(2025, 7, 1)
        cls.old = make_unit("74", "Tỉnh Bình Dương", Level.PROVINCE, valid_until=end)
        city = make_unit("721", "TP Thủ Dầu Một", Level.DISTRICT, cls.old, valid_until=end)
        cls.old_ward = make_unit("25741", "Phường Phú Cường", Level.COMMUNE, city, valid_until=end)
        cls.new = make_unit("79", "Thành phố Hồ Chí Minh", Level.PROVINCE, valid_from=end)
        cls.successor = make_unit("25742", "Phường Thủ Dầu Một", Level.COMMUNE, cls.new, valid_from=end)
        cls.elsewhere = make_unit("26734", "Phường Sài Gòn", Level.COMMUNE, cls.new, valid_from=end)
        Lineage.objects.create(predecessor=cls.old, successor=cls.new, kind="merge", effective_date=end)
        Lineage.objects.create(predecessor=cls.old_ward, successor=cls.successor, kind="merge", effective_date=end)
        User = get_user_model()
        cls.roles = {}
        for role in ROLES:
            for where, unit in (("old", cls.old_ward if role in WARD_ROLES else cls.old),
                                ("new", cls.successor if role in WARD_ROLES else cls.new)):
                user = User.objects.create_user(f"{role}-{where}", password=PASSWORD)
                RoleAssignment.objects.create(user=user, unit=unit, role=role)
        writer = User.objects.get(username="ward_officer-new")
        cls.old_record = Assessment.objects.create(unit=cls.old_ward, year=2024, framework=Framework.objects.get(),
                                                   values={}, status=workflow.DRAFT)
        cls.new_record = fill(cls.successor, writer)

    def as_(self, username):
        self.client.logout()
        self.assertTrue(self.client.login(username=username, password=PASSWORD))

    def status(self, method, url, data=None):
        return getattr(self.client, method)(url, data or {}).status_code

    def test_the_old_provinces_staff_read_their_lands_successor_wards_and_nothing_else_there(self):
        for role in ROLES:
            if role in WARD_ROLES:
                continue
            with self.subTest(role=role):
                self.as_(f"{role}-old")
                self.assertEqual(self.status("get", reverse("province_matrix", args=[self.old.pk])), 200)
                self.assertEqual(self.status("get", reverse("province_matrix", args=[self.new.pk])), 404)
                self.assertEqual(self.status("get", reverse("scorecard", args=[self.successor.pk, 2025])), 200)
                self.assertEqual(self.status("get", reverse("scorecard", args=[self.elsewhere.pk, 2025])), 404)
                self.assertEqual(self.status("get", reverse("enter_figures", args=[self.successor.pk, 2025])), 403)
                self.assertEqual(self.status("post", reverse("transition", args=[self.successor.pk, 2025, "verify"])), 403)
                page = self.client.get(reverse("province_matrix", args=[self.old.pk]))
                self.assertContains(page, "Phường Thủ Dầu Một")  # the current year: the ward the land became
                self.assertNotContains(page, f'href="/tinh/{self.new.pk}/')  # no link that would answer 404

    def test_the_new_provinces_staff_read_the_old_records_and_link_them(self):
        self.as_("program_staff-new")
        page = self.client.get(reverse("province_matrix", args=[self.new.pk]), {"nam": 2024})
        self.assertContains(page, "Phường Phú Cường")
        self.assertContains(page, f'href="/tinh/{self.old.pk}/?nam=2024"')
        self.assertEqual(self.status("get", reverse("scorecard", args=[self.old_ward.pk, 2024])), 200)

    def test_nobody_writes_a_dissolved_wards_records(self):
        for username in ("ward_chief-old", "ward_chief-new", "ward_officer-new", "program_staff-new", "admin-new"):
            with self.subTest(user=username):
                self.as_(username)
                entry = self.client.get(reverse("enter_figures", args=[self.old_ward.pk, 2024]), follow=True)
                self.assertContains(entry, "01/07/2025")  # why: it ended, its records are history
                self.assertEqual(entry.redirect_chain[-1][0], reverse("scorecard", args=[self.old_ward.pk, 2024]))
                with mock.patch("accounts.second_factor.session_verified", return_value=True):
                    self.client.post(reverse("transition", args=[self.old_ward.pk, 2024, "submit"]))
                self.old_record.refresh_from_db()
                self.assertEqual(self.old_record.status, workflow.DRAFT)

    def test_years_a_ward_does_not_exist_at_their_end_or_not_yet_cannot_be_entered(self):
        self.as_("ward_chief-new")
        for year, why in ((2024, "01/07/2025"), (2025, None)):
            r = self.client.get(reverse("enter_figures", args=[self.successor.pk, year]), follow=True)
            if why:
                self.assertContains(r, why)
                self.assertNotContains(r, 'id="figures-form"')
            else:
                self.assertContains(r, 'id="figures-form"')
        self.assertEqual(self.status("get", reverse("enter_figures", args=[self.successor.pk, 2027])), 404)
        self.assertEqual(self.status("get", reverse("scorecard", args=[self.successor.pk, 2027])), 404)
