"""api_token --days: ASCII digits only (full-width '１２３' is not 123 days), refusals in Vietnamese with exit 2, no token
made."""

from __future__ import annotations

from io import StringIO

from django.core.management import CommandError, call_command

from api import tokens
from api.models import AccessToken

from .base import ApiTestCase


class ApiTokenDaysTests(ApiTestCase):
    def refused(self, *args) -> str:
        with self.assertRaises(CommandError) as caught:
            call_command("api_token", *args, stdout=StringIO())
        self.assertEqual(caught.exception.returncode, 2)
        self.assertFalse(AccessToken.objects.exists())
        return str(caught.exception)

    def test_days_not_in_ascii_digits_are_refused_in_vietnamese(self):
        for value in ("１２３", "٣٤٥", "1\u200d2\u200b3", "NaN", "1e309", "x", "   ", "", "\u202e1202-11-32\u202c"):
            with self.subTest(value=value):
                message = self.refused("staff", "--days", value)
                self.assertIn("không phải là số nguyên", message)
                self.assertNotIn("invalid", message)

    def test_days_out_of_range_are_refused(self):
        self.assertIn("quá lớn", self.refused("staff", "--days", "9" * 5000))
        for value in ("0", "-1", str(tokens.MAX_DAYS + 1)):
            with self.subTest(value=value):
                self.assertIn(f"từ 1 đến {tokens.MAX_DAYS}", self.refused("staff", "--days", value))

    def test_a_missing_username_or_value_is_refused_in_vietnamese(self):
        self.assertIn("thiếu tham số bắt buộc: username", self.refused())
        self.assertIn("cần một giá trị", self.refused("staff", "--days"))

    def test_ascii_days_are_taken(self):
        call_command("api_token", "staff", "--days", "30", stdout=StringIO())
        self.assertEqual(AccessToken.objects.count(), 1)
