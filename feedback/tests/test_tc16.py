"""TC16 from the register: provided through frameworks.providers, applied to the editable assessment, overridable
only with a written reason (shown and audited)."""

from django.urls import reverse

from assessments.models import Assessment
from assessments.services import save_figures
from audit.models import AuditEvent
from feedback import services
from feedback.models import Category
from frameworks import providers
from kieumau.testing import BaseTestCase, FixedNow


class TC16Test(FixedNow, BaseTestCase):
    def setUp(self):
        super().setUp()
        self.assessment = save_figures(self.ward, 2026, {"so_y_kien_nhan_dan": "9", "so_y_kien_giai_quyet": "9"}, {}, self.officer,
                                       revision=0).assessment
        self.cat = Category.objects.get(code="an-ninh-trat-tu")

    def submit(self):
        with self.captureOnCommitCallbacks(execute=True):
            case = services.submit(services.Submission(self.ward, self.cat, "Nội dung"))
        return case

    def test_provider_is_registered_below_assessments(self):
        self.assertIn("so_y_kien_nhan_dan", providers.provided_codes())
        import assessments.derived as derived
        import inspect
        self.assertNotIn("feedback", inspect.getsource(derived))

    def test_register_replaces_typed_figures_and_links_rows(self):
        case = self.submit()
        with self.captureOnCommitCallbacks(execute=True):
            services.answer(case, self.officer, "Đã xử lý.")
        a = Assessment.objects.get(pk=self.assessment.pk)
        self.assertEqual((a.values["so_y_kien_nhan_dan"], a.values["so_y_kien_giai_quyet"]), (1, 1))
        self.assertTrue(AuditEvent.objects.filter(action="assessment.figures_derived").exists())
        card = self.as_(self.officer).get(reverse("scorecard", args=[self.ward.pk, 2026]))
        self.assertContains(card, "Sổ phản ánh của Nhân dân")
        self.assertContains(card, "tc16=1")

    def test_override_needs_reason_and_is_audited(self):
        self.submit()
        url = reverse("enter_figures", args=[self.ward.pk, 2026])
        a = Assessment.objects.get(pk=self.assessment.pk)
        c = self.as_(self.officer)
        r = c.post(url, {"revision": a.revision, "so_y_kien_nhan_dan": "5", "override_so_y_kien_nhan_dan": "on",
                         "override_reason_so_y_kien_nhan_dan": ""})
        self.assertEqual(r.status_code, 400)
        self.assertContains(r, "hãy ghi lý do", status_code=400)
        r = c.post(url, {"revision": a.revision, "so_y_kien_nhan_dan": "5", "override_so_y_kien_nhan_dan": "on",
                         "override_reason_so_y_kien_nhan_dan": "Có 4 ý kiến nhận trực tiếp tại buổi đối thoại, chưa nhập sổ"})
        self.assertEqual(r.status_code, 302)
        a.refresh_from_db()
        self.assertEqual(a.values["so_y_kien_nhan_dan"], 5)
        self.assertIn("buổi đối thoại", a.overrides["so_y_kien_nhan_dan"]["reason"])
        event = AuditEvent.objects.filter(action="assessment.figures_saved").latest("id")
        self.assertEqual(event.data["overridden"][0]["code"], "so_y_kien_nhan_dan")
        self.assertContains(c.get(reverse("scorecard", args=[self.ward.pk, 2026])), "nhập tay 5")
        # a typed value without ticking the override is ignored: the register's stands
        r = c.post(url, {"revision": a.revision, "so_y_kien_giai_quyet": "0"})
        a.refresh_from_db()
        self.assertEqual(a.values["so_y_kien_giai_quyet"], 0)  # open case, within deadline: 0 due, 0 on time

    def test_a_save_from_the_form_reads_the_registers_once(self):
        """The entry form's save uses the figures it was built from (assessments.services.save_figures provided_seen)."""
        from unittest import mock

        self.submit()
        url = reverse("enter_figures", args=[self.ward.pk, 2026])
        a = Assessment.objects.get(pk=self.assessment.pk)
        with mock.patch.object(providers, "provided", wraps=providers.provided) as read:
            r = self.as_(self.officer).post(url, {"revision": a.revision, "so_cbcs": "12"})
        self.assertEqual((r.status_code, read.call_count), (302, 1))
        a.refresh_from_db()
        register = providers.provided(self.ward, 2026)["so_y_kien_nhan_dan"].value
        self.assertEqual((a.values["so_cbcs"], a.values["so_y_kien_nhan_dan"]), (12, register))  # the register's stands

    def test_figures_other_than_those_stored_are_read_again(self):
        """A register that changed and refreshed the row after the form was built: the save reads the registers."""
        from unittest import mock

        self.submit()
        a = Assessment.objects.get(pk=self.assessment.pk)
        register = providers.provided(self.ward, 2026)["so_y_kien_nhan_dan"].value
        stale = {"so_y_kien_nhan_dan": providers.Provided("so_y_kien_nhan_dan", register + 7, "sổ", "cũ")}
        with mock.patch.object(providers, "provided", wraps=providers.provided) as read:
            outcome = save_figures(self.ward, 2026, {"so_cbcs": "12"}, {}, self.officer, revision=a.revision,
                                   provided_seen=stale)
        self.assertTrue(outcome.ok)
        self.assertEqual((read.call_count, outcome.assessment.values["so_y_kien_nhan_dan"]), (1, register))
        self.assertEqual(outcome.assessment.derived["so_y_kien_nhan_dan"]["value"], register)
