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


class BackgroundHashTests(TestCase):
    """accounts/hashers.py: Django's Argon2, hashed in a thread of its own below the pages' priority."""

    def test_the_hash_runs_in_the_lowered_thread_and_keeps_djangos_stored_form(self):
        import os
        import sys
        import threading

        from django.contrib.auth.hashers import Argon2PasswordHasher, check_password, make_password

        from accounts import hashers
        from kieumau import turns

        seen = {}
        plain_verify = Argon2PasswordHasher.verify

        def spy(self, password, encoded):
            seen["thread"] = threading.get_ident()
            seen["aside"] = turns.aside()
            if sys.platform.startswith("linux"):
                seen["nice"] = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
            return plain_verify(self, password, encoded)

        ours = make_password(PASSWORD)
        self.assertTrue(ours.startswith("argon2$"))
        self.assertTrue(Argon2PasswordHasher().verify(PASSWORD, ours))  # Django's own reads what we store
        djangos = Argon2PasswordHasher().encode(PASSWORD, Argon2PasswordHasher().salt())
        from unittest import mock

        with mock.patch.object(Argon2PasswordHasher, "verify", spy):
            self.assertTrue(check_password(PASSWORD, djangos))  # and we read what Django stored
            self.assertFalse(check_password("sai", djangos))
        self.assertNotEqual(seen["thread"], threading.get_ident())
        self.assertEqual(seen["aside"], 1)  # the request stepped aside while its hash ran: the worker may take another
        if sys.platform.startswith("linux"):
            mine = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
            self.assertEqual(seen["nice"], max(mine, hashers.NICENESS))  # a thread cannot be raised above its process

    def test_a_fork_gets_its_own_hashing_thread(self):
        from unittest import mock

        from accounts import hashers

        first = hashers._pool_of_this_process()
        self.assertIs(hashers._pool_of_this_process(), first)
        with mock.patch.object(hashers, "_pool_pid", -1):  # as if this were the forked child
            self.assertIsNot(hashers._pool_of_this_process(), first)
