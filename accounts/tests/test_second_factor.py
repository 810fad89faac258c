from django.contrib.auth import get_user_model
from django.test import Client, TestCase
from django.urls import reverse
from django.utils.translation import gettext as _

from .support import PASSWORD, backup_codes, code, enrol, wrong_code

WRONG = "Mã không đúng"
WAIT = "Too many wrong codes. Wait until %(time)s, then enter the code your app shows."


class SecondFactorTestCase(TestCase):
    def setUp(self):
        self.user = get_user_model().objects.create_user("lan", password=PASSWORD)
        self.client.login(username="lan", password=PASSWORD)

    def log_in_again(self, client=None):
        client = client or self.client
        client.logout()
        client.login(username="lan", password=PASSWORD)
        return client

    def verify(self, value, client=None, **extra):
        return (client or self.client).post(reverse("otp_verify"), {"code": value, **extra})


class EnrolmentTests(SecondFactorTestCase):
    def test_the_page_shows_the_key_beside_a_qr_code_drawn_on_the_server(self):
        r = self.client.get(reverse("otp_setup"))
        self.assertContains(r, 'id="totp-secret"')
        self.assertContains(r, "<svg")
        self.assertNotContains(r, "<img")  # nothing fetched from elsewhere: intranets have no internet

    def test_a_wrong_first_code_leaves_it_off(self):
        r = self.client.post(reverse("otp_setup"), {"code": "000000"})
        self.assertContains(r, WRONG)
        self.assertEqual(self.client.get(reverse("password_change")).status_code, 200)

    def test_the_user_menu_leads_to_it(self):
        r = self.client.get(reverse("password_change"))
        self.assertContains(r, f'<a href="{reverse("otp_setup")}" class="navlink">Xác thực hai lớp</a>', html=True)

    def test_once_on_the_page_offers_new_backup_codes_instead_of_a_new_key(self):
        enrol(self.client)
        r = self.client.get(reverse("otp_setup"))
        self.assertNotContains(r, 'id="totp-secret"')
        self.assertContains(r, reverse("otp_backup_codes"))


class VerificationTests(SecondFactorTestCase):
    def test_every_login_then_asks_for_a_code(self):
        key, _r = enrol(self.client)
        self.log_in_again()
        self.assertRedirects(self.client.get(reverse("password_change")), reverse("otp_verify") + "?next=/doi-mat-khau/",
                             fetch_redirect_response=False)
        self.assertContains(self.verify("123"), WRONG)
        r = self.verify(code(key, 1), next="/doi-mat-khau/")
        self.assertRedirects(r, "/doi-mat-khau/", fetch_redirect_response=False)
        self.assertEqual(self.client.get(reverse("password_change")).status_code, 200)

    def test_a_code_is_accepted_once(self):
        key, _r = enrol(self.client)
        used = code(key, 1)  # read once: read again, it may belong to the next 30-second step, which is a new code
        first = self.log_in_again(Client())
        self.assertEqual(self.verify(used, client=first).status_code, 302)
        second = self.log_in_again(Client())
        self.assertContains(self.verify(used, client=second), WRONG)

    def test_it_never_redirects_off_site(self):
        key, _r = enrol(self.client)
        self.log_in_again()
        r = self.verify(code(key, 1), next="https://evil.example/")
        self.assertRedirects(r, "/", fetch_redirect_response=False)

    def test_codes_cannot_be_guessed_without_limit(self):
        """Probe: 60 wrong codes were answered 200, then the right one was accepted."""
        key, _r = enrol(self.client)
        self.log_in_again()
        for _i in range(5):
            self.verify(wrong_code(key))
        r = self.verify(code(key, 1))
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, _(WAIT).split("%(time)s")[0])  # "wait until …"
        self.assertEqual(self.client.get(reverse("password_change")).status_code, 302)

    def test_digits_other_than_ascii_are_a_wrong_code_not_an_error(self):
        """Probe: Arabic-Indic or full-width digits gave a server error (500)."""
        key, _r = enrol(self.client)
        self.log_in_again()
        right = code(key, 1)
        for other in (str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"), str.maketrans("0123456789", "０１２３４５６７８９")):
            r = self.verify(right.translate(other))
            self.assertEqual(r.status_code, 200)
            self.assertContains(r, WRONG)
        self.assertEqual(self.client.get(reverse("password_change")).status_code, 302)

    def test_a_session_without_a_code_is_checked_on_every_request(self):
        """Probe: a session marked "no device" once kept working after the account enrolled elsewhere."""
        early = self.client
        self.assertEqual(early.get(reverse("password_change")).status_code, 200)
        other = Client()
        other.login(username="lan", password=PASSWORD)
        enrol(other)
        r = early.get(reverse("password_change"))
        self.assertRedirects(r, reverse("otp_verify") + "?next=/doi-mat-khau/", fetch_redirect_response=False)
        self.assertEqual(early.post(reverse("password_change")).status_code, 302)
        self.assertEqual(other.get(reverse("password_change")).status_code, 200)  # the session that entered the code

    def test_logout_and_the_verify_page_stay_reachable(self):
        enrol(self.client)
        self.log_in_again()
        self.assertEqual(self.client.get(reverse("otp_verify")).status_code, 200)
        self.assertEqual(self.client.post(reverse("logout")).status_code, 302)
        self.assertNotIn("_auth_user_id", self.client.session)


class BackupCodeTests(SecondFactorTestCase):
    def test_they_are_shown_once_at_enrolment_and_each_works_once(self):
        _key, r = enrol(self.client)
        codes = backup_codes(r)
        self.assertEqual(len(codes), 10)
        self.assertContains(r, _("Print this page"))
        self.assertNotContains(self.client.get(reverse("otp_setup")), codes[0])
        self.log_in_again()
        self.assertRedirects(self.verify(codes[0].upper()), "/", fetch_redirect_response=False)
        self.assertEqual(self.verify(codes[1], client=self.log_in_again(Client())).status_code, 302)
        self.assertContains(self.verify(codes[0], client=self.log_in_again(Client())), WRONG)

    def test_new_ones_replace_the_old_ones(self):
        _key, r = enrol(self.client)
        old = backup_codes(r)
        r = self.client.post(reverse("otp_backup_codes"))
        new = backup_codes(r)
        self.assertEqual(len(new), 10)
        self.assertFalse(set(old) & set(new))
        self.assertEqual(self.verify(new[0], client=self.log_in_again(Client())).status_code, 302)
        self.assertContains(self.verify(old[0], client=self.log_in_again(Client())), WRONG)

    def test_new_ones_need_a_verified_session(self):
        enrol(self.client)
        self.log_in_again()
        r = self.client.post(reverse("otp_backup_codes"))
        self.assertRedirects(r, reverse("otp_verify") + "?next=" + reverse("otp_backup_codes"), fetch_redirect_response=False)

    def test_without_an_authenticator_there_are_none_to_make(self):
        r = self.client.post(reverse("otp_backup_codes"))
        self.assertRedirects(r, reverse("otp_setup"), fetch_redirect_response=False)
