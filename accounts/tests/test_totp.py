import base64
import time

from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse

from accounts import second_factor, totp
from accounts.models import Role, TOTPDevice
from assessments import review, workflow
from assessments.models import WorkflowSettings
from kieumau.testing import PASSWORD, BaseTestCase

RFC_SECRET = base64.b32encode(b"12345678901234567890").decode()


def test_rfc_6238_vectors():
    assert totp.code_at(RFC_SECRET, 59, digits=8) == "94287082"
    assert totp.code_at(RFC_SECRET, 1111111109, digits=8) == "07081804"
    assert totp.code_at(RFC_SECRET, 2000000000, digits=8) == "69279037"
    assert totp.code_at(RFC_SECRET, 59) == "287082"


def test_verify_accepts_one_step_of_drift_and_nothing_else():
    now = 1_700_000_000
    assert totp.verify(RFC_SECRET, totp.code_at(RFC_SECRET, now - 30), now=now)
    assert not totp.verify(RFC_SECRET, totp.code_at(RFC_SECRET, now - 90), now=now)
    assert not totp.verify(RFC_SECRET, "12a456", now=now)


class SecondFactorFlowTests(TestCase):
    def setUp(self):
        self.user = get_user_model().objects.create_user("lan", password=PASSWORD)
        self.client.login(username="lan", password=PASSWORD)

    def code(self):
        return totp.code_at(self.user.totp_device.secret, time.time())

    def test_setup_then_every_login_asks_for_a_code(self):
        r = self.client.get(reverse("otp_setup"))
        self.assertContains(r, 'id="totp-secret"')
        self.user.refresh_from_db()
        self.assertContains(self.client.post(reverse("otp_setup"), {"code": "000000"}), "Mã không đúng")
        self.assertRedirects(self.client.post(reverse("otp_setup"), {"code": self.code()}), reverse("home"), fetch_redirect_response=False)
        self.assertTrue(TOTPDevice.objects.get().confirmed)
        self.client.logout()
        self.client.login(username="lan", password=PASSWORD)
        r = self.client.get(reverse("todo"))
        self.assertRedirects(r, reverse("otp_verify") + "?next=/viec-can-lam/", fetch_redirect_response=False)
        self.assertContains(self.client.post(reverse("otp_verify"), {"code": "123"}), "Mã không đúng")
        TOTPDevice.objects.update(last_used_step=0)  # the setup code's step may still be current
        self.assertRedirects(self.client.post(reverse("otp_verify"), {"code": self.code(), "next": "/viec-can-lam/"}),
                             "/viec-can-lam/", fetch_redirect_response=False)
        self.assertEqual(self.client.get(reverse("todo")).status_code, 200)

    def test_a_code_is_accepted_once(self):
        self.client.get(reverse("otp_setup"))
        self.user.refresh_from_db()
        code = self.code()
        self.assertTrue(second_factor.check_code(self.user, code, confirm=True))
        self.assertFalse(second_factor.check_code(self.user, code))

    def test_verify_never_redirects_off_site(self):
        self.client.get(reverse("otp_setup"))
        self.user.refresh_from_db()
        r = self.client.post(reverse("otp_setup"), {"code": self.code()})
        self.client.logout()
        self.client.login(username="lan", password=PASSWORD)
        TOTPDevice.objects.update(last_used_step=0)
        r = self.client.post(reverse("otp_verify"), {"code": self.code(), "next": "https://evil.example/"})
        self.assertRedirects(r, "/", fetch_redirect_response=False)


class ApproverRequirementTests(BaseTestCase):
    def test_a_province_can_require_approvers_to_use_a_second_factor(self):
        from .test_requirement_helpers import appraised_assessment

        a = appraised_assessment(self)
        WorkflowSettings.objects.create(province=self.province, totp_required_for_approvers=True)
        outcome = review.perform(a, "refuse", self.approver, {"comment": "Chưa đủ"}, {})
        self.assertIn("xác thực hai lớp", outcome.errors["__all__"])
        TOTPDevice.objects.create(user=self.approver, secret=totp.new_secret(), confirmed=True)
        self.assertTrue(review.perform(a, "refuse", self.approver, {"comment": "Chưa đủ"}, {}).ok)
        self.assertEqual(Role.APPROVER, "approver")
        self.assertEqual(a.__class__.objects.get(pk=a.pk).status, workflow.RETURNED)
