from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from kieumau.testing import PASSWORD, BaseTestCase


class SessionPolicyTests(BaseTestCase):
    def log_in(self, username):
        return self.client.post(reverse("login"), {"username": username, "password": PASSWORD})

    def cookie(self, response):
        return response.cookies[settings.SESSION_COOKIE_NAME]

    def idle_for(self, minutes):
        from accounts.session_policy import LAST_SEEN

        session = self.client.session
        session[LAST_SEEN] -= minutes * 60
        session.save()

    def test_an_ordinary_session_lasts_8_hours_without_activity(self):
        """Probe: every session lasted 14 days."""
        self.assertEqual(int(self.cookie(self.log_in("officer"))["max-age"]), 8 * 3600)

    def test_sessions_of_those_who_record_decisions_end_with_the_browser(self):
        """Probe: approvers' and council members' sessions lasted 14 days too."""
        get_user_model().objects.create_user("root", password=PASSWORD, is_staff=True)
        for username in ("approver", "council", "root", "staff", "supervisor", "reviewer"):  # and provincial roles
            cookie = self.cookie(self.log_in(username))
            self.assertEqual((cookie["max-age"], cookie["expires"]), ("", ""), username)
            self.client.logout()

    def test_they_end_after_30_minutes_without_activity(self):
        for username in ("approver", "staff", "supervisor", "reviewer"):  # a decision role, then roles on a province
            with self.subTest(username=username):
                self.log_in(username)
                self.idle_for(29)
                self.assertEqual(self.client.get(reverse("password_change")).status_code, 200)
                self.idle_for(31)
                r = self.client.get(reverse("password_change"))
                self.assertRedirects(r, reverse("login") + "?next=/doi-mat-khau/", fetch_redirect_response=False)
                self.assertNotIn("_auth_user_id", self.client.session)

    def test_others_end_after_8_hours_without_activity(self):
        self.log_in("officer")
        self.idle_for(7 * 60)
        self.assertEqual(self.client.get(reverse("password_change")).status_code, 200)
        self.idle_for(8 * 60 + 1)
        self.assertEqual(self.client.get(reverse("password_change")).status_code, 302)

    def test_activity_keeps_a_session_alive(self):
        self.log_in("approver")
        for _i in range(3):
            self.idle_for(20)
            self.assertEqual(self.client.get(reverse("password_change")).status_code, 200)
