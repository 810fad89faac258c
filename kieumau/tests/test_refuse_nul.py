"""U+0000 never reaches a view (kieumau/middleware.py), and kieumau.posted refuses control characters."""

import pytest
from axes.models import AccessAttempt
from django.test import TestCase
from django.urls import reverse

from kieumau import posted
from kieumau.testing import PASSWORD, BaseTestCase


class RefuseNulTests(BaseTestCase):
    def test_a_form_post_with_nul_is_refused_in_vietnamese_before_the_view(self):
        self.client.login(username="staff", password=PASSWORD)
        r = self.client.post(reverse("login"), {"username": "staff\x00", "password": "x"})
        self.assertEqual(r.status_code, 400)
        self.assertContains(r, "ký tự NUL", status_code=400)

    def test_a_query_or_path_with_nul_is_refused(self):
        self.assertEqual(self.client.get(reverse("login") + "?next=%00").status_code, 400)
        self.assertEqual(self.client.get("/cong-dan/phuong/1%002/").status_code, 400)

    def test_ordinary_text_passes(self):
        r = self.client.post(reverse("login"), {"username": "staff", "password": PASSWORD})
        self.assertEqual(r.status_code, 302)


@pytest.mark.parametrize("value", ["a\x00b", "a\x1bb", "\x7f", "a\x0bb"])
def test_posted_text_refuses_control_characters(value):
    with pytest.raises(posted.Refused, match="ký tự điều khiển"):
        posted.text(value, "nội dung")


def test_posted_text_keeps_line_breaks_and_tabs():
    assert posted.text("dòng 1\r\n\tdòng 2", "nội dung") == "dòng 1\r\n\tdòng 2"


class LongUsernameTests(TestCase):
    def test_a_username_no_account_could_have_is_refused_before_the_lockout_records_it(self):
        for url in (reverse("login"), reverse("admin:login")):
            r = self.client.post(url, {"username": "a" * 5000, "password": "x"})
            self.assertEqual(r.status_code, 200)
            self.assertContains(r, "Tên đăng nhập dài quá 150 ký tự")
        self.assertEqual(AccessAttempt.objects.count(), 0)
