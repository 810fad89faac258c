"""The account page: roles, links, tokens made (shown once) and revoked; works / login required / 405 / 404."""

from __future__ import annotations

from django.urls import reverse

from api import tokens
from api.models import AccessToken
from audit.models import AuditEvent
from resources.tests.base import strict_templates

from .base import ApiTestCase


class ProfilePageTests(ApiTestCase):
    def setUp(self):
        super().setUp()
        strict = strict_templates()
        strict.enable()
        self.addCleanup(strict.disable)
        self.url = reverse("profile")

    def test_it_shows_roles_links_and_tokens(self):
        tokens.create(self.officer, "Hệ thống phường")
        r = self.as_(self.officer).get(self.url)
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "Phường Vĩnh Nguyên")
        self.assertContains(r, reverse("password_change"))
        self.assertContains(r, reverse("otp_setup"))
        self.assertContains(r, "Hệ thống phường")
        self.assertContains(r, "đang dùng được")
        self.assertIn("no-store", r["Cache-Control"])
        r = self.as_(self.ministry).get(self.url)
        self.assertContains(r, "Bạn chưa có khóa truy cập nào.")

    def test_a_new_token_is_shown_once_and_works(self):
        c = self.as_(self.staff)
        r = c.post(reverse("create_token"), {"name": "Cổng dữ liệu tỉnh", "days": "30"})
        self.assertEqual(r.status_code, 200)
        secret = r.context["created"][1]
        self.assertContains(r, secret)
        self.assertIn("no-store", r["Cache-Control"])
        row = AccessToken.objects.get()
        self.assertEqual((row.owner, row.name, (row.expires_at - row.created_at).days), (self.staff, "Cổng dữ liệu tỉnh", 30))
        self.assertNotContains(c.get(self.url), secret)
        self.assertContains(c.get(self.url), row.prefix)
        self.assertEqual(self.call(secret, "get", f"/units/{self.ward.code}").status_code, 200)
        self.assertEqual(AuditEvent.objects.get(action="api.token_created").actor, self.staff)

    def test_bad_input_writes_nothing(self):
        c = self.as_(self.staff)
        for data in ({"name": "", "days": "30"}, {"name": "x", "days": "0"}, {"name": "x", "days": "366"},
                     {"name": "<script>", "days": "30"}, {"name": "x", "days": "ba mươi"}):
            r = c.post(reverse("create_token"), data)
            self.assertEqual(r.status_code, 400, data)
            self.assertContains(r, "Chưa tạo được khóa", status_code=400)
        self.assertFalse(AccessToken.objects.exists())

    def test_revoke_own_token_but_someone_elses_is_404(self):
        mine, secret = tokens.create(self.staff, "của tôi")
        theirs, _ = tokens.create(self.officer, "của người khác")
        c = self.as_(self.staff)
        self.assertEqual(c.post(reverse("revoke_token", args=[theirs.pk])).status_code, 404)
        self.assertEqual(c.post(reverse("revoke_token", args=[999999])).status_code, 404)
        theirs.refresh_from_db()
        self.assertIsNone(theirs.revoked_at)
        r = c.post(reverse("revoke_token", args=[mine.pk]))
        self.assertRedirects(r, self.url)
        mine.refresh_from_db()
        self.assertIsNotNone(mine.revoked_at)
        self.assertEqual(self.call(secret, "get", f"/units/{self.ward.code}").status_code, 401)
        self.assertContains(c.get(self.url), "đã thu hồi")
        event = AuditEvent.objects.get(action="api.token_revoked")
        self.assertEqual((event.actor, event.object_id), (self.staff, str(mine.pk)))

    def test_login_is_required_and_wrong_methods_are_405(self):
        row, _ = tokens.create(self.staff, "x")
        for url in (self.url, reverse("create_token"), reverse("revoke_token", args=[row.pk])):
            self.client.logout()
            r = self.client.get(url) if url == self.url else self.client.post(url, {"name": "x", "days": "1"})
            self.assertEqual(r.status_code, 302, url)
            self.assertIn(reverse("login"), r["Location"])
        c = self.as_(self.staff)
        self.assertEqual(c.post(self.url).status_code, 405)
        self.assertEqual(c.get(reverse("create_token")).status_code, 405)
        self.assertEqual(c.get(reverse("revoke_token", args=[row.pk])).status_code, 405)
        self.assertEqual(AccessToken.objects.count(), 1)
