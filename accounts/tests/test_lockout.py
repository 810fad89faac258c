from django.contrib.auth import get_user_model
from django.test import RequestFactory, TestCase, override_settings
from django.urls import reverse
from django.utils.translation import gettext as _

from .support import PASSWORD

PAUSED = "Too many failed login attempts: logging in is paused for %(minutes)s minutes."


class LockoutTestCase(TestCase):
    def setUp(self):
        get_user_model().objects.create_user("lan", password=PASSWORD, is_staff=True)

    def attempt(self, url_name, username="lan", password="sai", **meta):
        return self.client.post(reverse(url_name), {"username": username, "password": password}, **meta)

    def logged_in(self) -> bool:
        return "_auth_user_id" in self.client.session


class LockoutTests(LockoutTestCase):
    def test_the_admin_login_is_locked_out_too(self):
        """Probe: 30 wrong passwords at /quan-tri/login/, then the right one worked."""
        for _i in range(30):
            self.attempt("admin:login")
        r = self.attempt("admin:login", password=PASSWORD)
        self.assertFalse(self.logged_in())
        self.assertContains(r, _(PAUSED) % {"minutes": 15}, status_code=429)

    def test_failures_on_our_login_page_lock_the_admin_login(self):
        for _i in range(5):
            self.attempt("login")
        self.attempt("admin:login", password=PASSWORD)
        self.assertFalse(self.logged_in())

    def test_failures_on_the_admin_login_lock_our_login_page(self):
        for _i in range(5):
            self.attempt("admin:login")
        r = self.attempt("login", password=PASSWORD)
        self.assertFalse(self.logged_in())
        self.assertContains(r, _(PAUSED) % {"minutes": 15}, status_code=429)


class ClientAddressTests(LockoutTestCase):
    def test_rotating_forwarded_for_does_not_help_without_a_trusted_proxy(self):
        """Probe: a new X-Forwarded-For on each try escaped the per-address count."""
        for i in range(25):
            self.attempt("login", username=f"doan{i}", HTTP_X_FORWARDED_FOR=f"198.51.100.{i}")
        self.attempt("login", password=PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.200")
        self.assertFalse(self.logged_in())

    def test_a_spoofed_header_cannot_lock_out_another_address(self):
        """Probe: naming someone else's address in X-Forwarded-For locked that address out."""
        for i in range(25):
            self.attempt("login", username=f"doan{i}", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="10.1.2.3")
        self.attempt("login", password=PASSWORD, REMOTE_ADDR="10.1.2.3")
        self.assertTrue(self.logged_in())

    @override_settings(TRUSTED_PROXY_COUNT=1)
    def test_behind_one_proxy_the_address_the_proxy_saw_is_counted(self):
        for i in range(5):
            self.attempt("login", username=f"doan{i}", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"10.1.2.{i}, 203.0.113.9")
        self.attempt("login", password=PASSWORD, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="10.1.2.3, 203.0.113.9")
        self.assertFalse(self.logged_in())
        self.attempt("login", password=PASSWORD, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.10")
        self.assertTrue(self.logged_in())  # another client behind the same proxy


class ClientIpTests(TestCase):
    def ip(self, remote="10.0.0.1", forwarded=None):
        from accounts.client_ip import client_ip

        meta = {"REMOTE_ADDR": remote} | ({"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {})
        return client_ip(RequestFactory().get("/", **meta))

    def test_without_a_trusted_proxy_only_the_connection_counts(self):
        self.assertEqual(self.ip(forwarded="198.51.100.7"), "10.0.0.1")

    @override_settings(TRUSTED_PROXY_COUNT=2)
    def test_each_trusted_proxy_peels_one_entry_from_the_right(self):
        self.assertEqual(self.ip(forwarded="1.1.1.1, 198.51.100.7, 10.0.0.9"), "198.51.100.7")
        self.assertEqual(self.ip(forwarded="198.51.100.7"), "198.51.100.7")  # fewer entries than proxies: the farthest

    @override_settings(TRUSTED_PROXY_COUNT=1)
    def test_a_header_that_is_not_an_address_falls_back_to_the_connection(self):
        self.assertEqual(self.ip(forwarded="<script>, not-an-ip"), "10.0.0.1")
        self.assertEqual(self.ip(forwarded=""), "10.0.0.1")
        self.assertEqual(self.ip(forwarded="2001:db8::1"), "2001:db8::1")
