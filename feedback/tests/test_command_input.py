"""erase_contacts --months: a retention period of 1–120 months in ASCII digits; anything else is refused in Vietnamese
(exit 2) before any contact data is erased."""

from __future__ import annotations

import datetime as dt
import io

from django.core.management import call_command
from django.core.management.base import CommandError

from feedback import services, upkeep
from feedback.models import Category, Contact
from kieumau import clock
from kieumau.testing import BaseTestCase, FixedNow


class EraseContactsMonthsTests(FixedNow, BaseTestCase):
    def setUp(self):
        super().setUp()
        s = services.Submission(self.ward, Category.objects.get(code="an-ninh-trat-tu"), "Nội dung", name="C",
                                email="c@example.vn", consent=True)
        self.case = services.submit(s)
        services.answer(self.case, self.officer, "Xong.")
        services.close(self.case, self.officer)

    def refused(self, *args, **options) -> str:
        with clock.fixed_at(self.NOW + dt.timedelta(days=40)):  # closed 40 days ago: inside any retention period
            with self.assertRaises(CommandError) as caught:
                call_command("erase_contacts", *args, stdout=io.StringIO(), **options)
        self.assertEqual(caught.exception.returncode, 2)
        self.assertTrue(Contact.objects.filter(case=self.case).exists(), f"{args} {options} erased contact data")
        return str(caught.exception)

    def test_a_negative_zero_or_huge_number_of_months_is_refused_and_nothing_is_erased(self):
        for value, said in (("-1", "phải từ 1 đến 120"), ("-1000", "phải từ 1 đến 120"), ("0", "phải từ 1 đến 120"),
                            ("121", "phải từ 1 đến 120"), ("99999999", "phải từ 1 đến 120"), (str(10**400), "quá lớn"),
                            ("9" * 5000, "quá lớn")):
            with self.subTest(value=value[:20]):
                self.assertIn(said, self.refused("--months", value))

    def test_months_not_written_in_ascii_digits_are_refused_in_vietnamese(self):
        for value in ("１２", "NaN", "1e309", "   ", "", "1.5"):
            with self.subTest(value=value):
                message = self.refused("--months", value)
                self.assertIn("không phải là số nguyên", message)
                self.assertNotIn("invalid", message)

    def test_months_given_to_call_command_as_a_value_are_checked_too(self):
        for value in (-1, 0, 10**9, True, 1.5):
            with self.subTest(value=value):
                self.assertIn("từ 1 đến 120", self.refused(months=value))

    def test_erase_expired_refuses_before_erasing(self):
        with clock.fixed_at(self.NOW + dt.timedelta(days=40)):
            for value in (-1, 10**9):
                with self.assertRaises(ValueError):
                    upkeep.erase_expired(months=value)
            self.assertTrue(Contact.objects.filter(case=self.case).exists())
            self.assertEqual(upkeep.erase_expired(months=1), 1)  # a valid period still erases
        self.assertFalse(Contact.objects.filter(case=self.case).exists())

    def test_a_valid_number_of_months_is_taken(self):
        out = io.StringIO()
        with clock.fixed_at(self.NOW + dt.timedelta(days=40)):
            call_command("erase_contacts", "--months", "12", stdout=out)
        self.assertIn("Đã xóa thông tin liên hệ của 0 phản ánh", out.getvalue())
        self.assertTrue(Contact.objects.filter(case=self.case).exists())
