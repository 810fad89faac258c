"""The functions other apps call: session_verified, has_device, enrol_for_demo."""

from django.contrib.auth import get_user_model
from django.test import RequestFactory, TestCase
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import second_factor

from .support import PASSWORD, code, enrol

RFC_KEY = b"12345678901234567890".hex()


class HelperTests(TestCase):
    def setUp(self):
        self.user = get_user_model().objects.create_user("lan", password=PASSWORD)
        self.client.login(username="lan", password=PASSWORD)

    def request(self):
        """The request the last response was served for, with the OTP middleware's view of the session."""
        return self.client.get(reverse("password_change")).wsgi_request

    def test_has_device_counts_only_a_confirmed_authenticator(self):
        self.assertFalse(second_factor.has_device(self.user))
        self.client.get(reverse("otp_setup"))  # enrolment started, not confirmed
        self.assertFalse(second_factor.has_device(self.user))
        enrol(self.client)
        self.assertTrue(second_factor.has_device(self.user))

    def test_session_verified_needs_a_device_and_a_code_in_this_session(self):
        self.assertFalse(second_factor.session_verified(self.request()))
        key, _r = enrol(self.client)
        self.assertTrue(second_factor.session_verified(self.request()))
        self.client.logout()
        self.client.login(username="lan", password=PASSWORD)
        self.client.post(reverse("otp_verify"), {"code": code(key, 1)})
        self.assertTrue(second_factor.session_verified(self.request()))

    def test_session_verified_is_false_for_anonymous_requests(self):
        request = RequestFactory().get("/")
        from django.contrib.auth.models import AnonymousUser

        request.user = AnonymousUser()
        self.assertFalse(second_factor.session_verified(request))

    def test_session_verified_ends_when_the_device_is_removed(self):
        enrol(self.client)
        TOTPDevice.objects.filter(user=self.user).delete()  # an administrator reset a lost phone
        self.assertFalse(second_factor.session_verified(self.request()))

    def test_enrol_for_demo_is_idempotent_and_resets(self):
        first = second_factor.enrol_for_demo(self.user, key_hex=RFC_KEY)
        second = second_factor.enrol_for_demo(self.user, key_hex=RFC_KEY)
        self.assertEqual(len(second), second_factor.BACKUP_CODE_COUNT)
        self.assertEqual(TOTPDevice.objects.get(user=self.user).key, RFC_KEY)
        self.assertTrue(second_factor.has_device(self.user))
        self.assertEqual(set(StaticToken.objects.values_list("token", flat=True)), set(second))
        self.assertFalse(set(first) & set(second))

    def test_enrol_for_demo_then_logging_in_takes_the_code(self):
        second_factor.enrol_for_demo(self.user, key_hex=RFC_KEY)
        self.assertEqual(self.client.get(reverse("password_change")).status_code, 302)
        r = self.client.post(reverse("otp_verify"), {"code": code(bytes.fromhex(RFC_KEY))})
        self.assertEqual(r.status_code, 302)
        self.assertEqual(self.client.get(reverse("password_change")).status_code, 200)

    def test_enrol_for_demo_with_a_random_key(self):
        codes = second_factor.enrol_for_demo(self.user)
        self.assertEqual(len(codes), 10)
        self.assertEqual(len(TOTPDevice.objects.get(user=self.user).key), 40)

    def test_enrol_for_demo_refuses_a_key_that_is_not_hex(self):
        from django.core.exceptions import ValidationError

        with self.assertRaises(ValidationError):
            second_factor.enrol_for_demo(self.user, key_hex="not hex")
