from django.contrib.auth import get_user_model
from django.test import Client, TestCase
from django.urls import reverse
from django.utils.translation import gettext as _

PASSWORD = "Mat-khau-dung-2026"
PAUSED = "Too many failed login attempts: logging in is paused for %(minutes)s minutes."


class LoginTests(TestCase):
    def setUp(self):
        self.user = get_user_model().objects.create_user("lan", password=PASSWORD)
        get_user_model().objects.create_user("khach", password=PASSWORD)
        self.url = reverse("login")

    def attempt(self, password, username="lan", client=None):
        return (client or self.client).post(self.url, {"username": username, "password": password})

    def test_it_logs_in(self):
        self.assertRedirects(self.attempt(PASSWORD), reverse("home"), fetch_redirect_response=False)

    def test_it_says_why_in_vietnamese(self):
        r = self.attempt("sai")
        self.assertContains(r, "mật khẩu chính xác")

    def test_five_failures_pause_the_account_even_with_the_right_password(self):
        for _i in range(5):
            self.attempt("sai")
        r = self.attempt(PASSWORD)
        self.assertContains(r, _(PAUSED) % {"minutes": 15}, status_code=429)
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_the_pause_holds_for_a_caller_without_a_request(self):
        for _i in range(5):
            self.attempt("sai")
        self.assertFalse(Client().login(username="lan", password=PASSWORD))

    def test_logging_into_another_account_does_not_clear_the_failures(self):
        for _i in range(4):
            self.attempt("sai")
        self.attempt(PASSWORD, username="khach", client=Client())
        self.attempt("sai")
        self.assertEqual(self.attempt(PASSWORD).status_code, 429)


class PasswordChangeTests(TestCase):
    def test_weak_passwords_are_refused(self):
        get_user_model().objects.create_user("lan", password=PASSWORD)
        self.client.login(username="lan", password=PASSWORD)
        r = self.client.post(reverse("password_change"), {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"})
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "Mật khẩu quá ngắn: cần ít nhất 10 ký tự.")
        self.assertTrue(self.client.login(username="lan", password=PASSWORD))


class PasswordHashTests(TestCase):
    def test_new_passwords_are_argon2_and_an_old_pbkdf2_hash_is_upgraded_at_login(self):
        from django.contrib.auth.hashers import make_password

        fresh = get_user_model().objects.create_user("moi", password=PASSWORD)
        self.assertTrue(fresh.password.startswith("argon2$"))
        old = get_user_model().objects.create_user("cu")
        get_user_model().objects.filter(pk=old.pk).update(password=make_password(PASSWORD, hasher="pbkdf2_sha256"))
        r = self.client.post(reverse("login"), {"username": "cu", "password": PASSWORD})
        self.assertEqual(r.status_code, 302)
        old.refresh_from_db()
        self.assertTrue(old.password.startswith("argon2$"), old.password[:20])
        self.assertTrue(old.check_password(PASSWORD))
