"""Personal access tokens: made by the command or on the profile page, shown once, stored hashed, expiring,
revocable; every request without a working token is 401."""

from __future__ import annotations

import datetime as dt
import hashlib
from io import StringIO

from django.core.management import CommandError, call_command
from django.db import connection

from api import tokens
from api.models import AccessToken
from audit.models import AuditEvent
from kieumau import clock

from .base import API, ApiTestCase


class CommandTests(ApiTestCase):
    def test_it_prints_the_token_alone_on_its_last_line_and_stores_only_its_hash(self):
        out = StringIO()
        call_command("api_token", "staff", "--name", "Hệ thống tỉnh", "--days", "30", stdout=out)
        token = out.getvalue().rstrip("\n").splitlines()[-1]
        self.assertRegex(token, r"^km_[A-Za-z0-9_-]{40,}$")
        row = AccessToken.objects.get()
        self.assertEqual(row.digest, hashlib.sha256(token.encode()).hexdigest())
        self.assertEqual((row.owner, row.name, row.prefix), (self.staff, "Hệ thống tỉnh", token[:11]))
        self.assertEqual(row.expires_at, clock.now() + dt.timedelta(days=30))
        self.assertEqual(self.call(token, "get", f"/units/{self.ward.code}").status_code, 200)
        event = AuditEvent.objects.get(action="api.token_created")
        self.assertEqual(event.data["via"], "command")
        self.assertNotIn(token, str(event.data))
        self.assertNotIn(token[11:], repr(list(AccessToken.objects.values())))

    def test_an_unknown_or_inactive_user_is_a_vietnamese_error_with_exit_2(self):
        with self.assertRaises(CommandError) as caught:
            call_command("api_token", "khong-ai", stdout=StringIO())
        self.assertEqual(caught.exception.returncode, 2)
        self.assertIn("Không có người dùng «khong-ai»", str(caught.exception))
        self.staff.is_active = False
        self.staff.save()
        with self.assertRaises(CommandError) as caught:
            call_command("api_token", "staff", stdout=StringIO())
        self.assertEqual(caught.exception.returncode, 2)
        with self.assertRaises(CommandError):
            call_command("api_token", "officer", "--days", "0", stdout=StringIO())
        self.assertFalse(AccessToken.objects.exists())


class AuthenticationTests(ApiTestCase):
    def setUp(self):
        super().setUp()
        self.row, self.token = tokens.create(self.staff, "tỉnh", 10)
        self.path = f"/units/{self.ward.code}"

    def assert401(self, **headers):
        r = self.client.get(API + self.path, **headers)
        self.assertEqual(r.status_code, 401, headers)
        self.assertEqual(r["WWW-Authenticate"], 'Bearer realm="kieumau"')
        self.assertEqual(r.json()["detail"][0]["code"], "unauthorized")

    def test_no_bad_or_foreign_scheme_token_is_401(self):
        self.assert401()
        self.assert401(HTTP_AUTHORIZATION="Bearer")
        self.assert401(HTTP_AUTHORIZATION="Bearer km_wrong")
        self.assert401(HTTP_AUTHORIZATION="Bearer " + self.token[:-1])
        self.assert401(HTTP_AUTHORIZATION="Bearer " + self.token + "x" * 300)
        self.assert401(HTTP_AUTHORIZATION="Basic " + self.token)
        self.assert401(HTTP_AUTHORIZATION=self.token)
        self.assertEqual(self.call(self.token, "get", self.path).status_code, 200)

    def test_a_session_does_not_open_the_api(self):
        self.client.force_login(self.staff)
        self.assert401()

    def test_it_expires(self):
        with clock.fixed_at(self.row.expires_at - dt.timedelta(seconds=1)):
            self.assertEqual(self.call(self.token, "get", self.path).status_code, 200)
        with clock.fixed_at(self.row.expires_at):
            self.assert401(HTTP_AUTHORIZATION=f"Bearer {self.token}")

    def test_revoked_is_401_and_revoking_twice_records_once(self):
        self.assertTrue(tokens.revoke(self.row, self.staff))
        self.assertFalse(tokens.revoke(self.row, self.staff))
        self.assert401(HTTP_AUTHORIZATION=f"Bearer {self.token}")
        self.assertEqual(AuditEvent.objects.filter(action="api.token_revoked").count(), 1)

    def test_an_inactive_owner_is_401(self):
        self.staff.is_active = False
        self.staff.save()
        self.assert401(HTTP_AUTHORIZATION=f"Bearer {self.token}")

    def test_last_use_is_recorded_at_most_once_a_minute(self):
        self.assertIsNone(self.row.last_used_at)
        self.call(self.token, "get", self.path)
        self.row.refresh_from_db()
        self.assertEqual(self.row.last_used_at, clock.now())
        later = clock.now() + dt.timedelta(seconds=30)
        with clock.fixed_at(later):
            self.call(self.token, "get", self.path)
        self.row.refresh_from_db()
        self.assertEqual(self.row.last_used_at, clock.now())  # not written again within the minute
        with clock.fixed_at(later + dt.timedelta(minutes=1)):
            self.call(self.token, "get", self.path)
        self.row.refresh_from_db()
        self.assertEqual(self.row.last_used_at, later + dt.timedelta(minutes=1))

    def test_the_token_is_nowhere_in_the_database(self):
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM api_accesstoken")
            stored = repr(cursor.fetchall())
        self.assertNotIn(self.token[11:], stored)
        self.assertNotIn(self.token[11:], repr(list(AuditEvent.objects.values_list("data", flat=True))))


class AdminTests(ApiTestCase):
    def test_an_administrator_lists_and_revokes_but_never_sees_the_digest(self):
        from django.contrib.auth import get_user_model

        admin = get_user_model().objects.create_superuser("quantri", password="Quan-tri-2026!")
        row, token = tokens.create(self.staff, "tỉnh")
        c = self.as_(admin)
        page = c.get("/quan-tri/api/accesstoken/")
        self.assertContains(page, row.prefix)
        self.assertNotContains(c.get(f"/quan-tri/api/accesstoken/{row.pk}/change/"), row.digest)
        r = c.post("/quan-tri/api/accesstoken/", {"action": "revoke", "_selected_action": [row.pk]})
        self.assertEqual(r.status_code, 302)
        row.refresh_from_db()
        self.assertIsNotNone(row.revoked_at)
        self.assertEqual(AuditEvent.objects.get(action="api.token_revoked").actor, admin)
        self.assertEqual(self.call(token, "get", f"/units/{self.ward.code}").status_code, 401)
