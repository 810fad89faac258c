from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse

from accounts.models import FailedLogin

PASSWORD = "Mat-khau-dung-2026"


class LoginTests(TestCase):
    def setUp(self):
        self.user = get_user_model().objects.create_user("lan", password=PASSWORD)
        self.url = reverse("login")

    def attempt(self, password):
        return self.client.post(self.url, {"username": "lan", "password": password})

    def test_it_logs_in(self):
        self.assertRedirects(self.attempt(PASSWORD), reverse("home"), fetch_redirect_response=False)

    def test_it_says_why_in_vietnamese(self):
        r = self.attempt("sai")
        self.assertContains(r, "mật khẩu chính xác")

    def test_five_failures_pause_the_account_even_with_the_right_password(self):
        for _ in range(5):
            self.attempt("sai")
        r = self.attempt(PASSWORD)
        self.assertContains(r, "Đăng nhập bị tạm dừng 15 phút")
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_a_success_clears_earlier_failures(self):
        for _ in range(4):
            self.attempt("sai")
        self.attempt(PASSWORD)
        self.assertFalse(FailedLogin.objects.filter(username="lan").exists())


class PasswordChangeTests(TestCase):
    def test_weak_passwords_are_refused(self):
        get_user_model().objects.create_user("lan", password=PASSWORD)
        self.client.login(username="lan", password=PASSWORD)
        r = self.client.post(reverse("password_change"), {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"})
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "Mật khẩu quá ngắn: cần ít nhất 10 ký tự.")
        self.assertTrue(self.client.login(username="lan", password=PASSWORD))
