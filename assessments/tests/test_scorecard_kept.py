"""The scorecard's body is kept in the cache until an event on the ward's land; the reader's forms stay the reader's."""

import re
from unittest import mock

from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from django.urls import reverse

from assessments import review, views, workflow
from assessments.models import Assessment, WorkflowSettings
from audit.models import record
from kieumau import fragments
from kieumau.testing import BaseTestCase, FixedNow

from engine.tests.test_criteria_5764 import BOOLS

from .helpers import form_data
from .test_review import DECISION, decision
from .test_versions import fill
from .v2fixture import load_v2

BOOL = BOOLS[0]
TOKEN = re.compile(r'action="([^"]+)"[^>]*>\s*<input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)"')


class KeptScorecardTests(FixedNow, BaseTestCase):
    def setUp(self):
        super().setUp()
        load_v2()  # 2026 asks for documents: the body holds forms
        self.a = fill(self.ward, self.officer, 2026)
        self.card = reverse("scorecard", args=[self.ward.pk, 2026])
        self.builds = 0
        real = views._result_html

        def counted(*args, **kwargs):
            self.builds += 1
            return real(*args, **kwargs)

        patcher = mock.patch.object(views, "_result_html", counted)
        patcher.start()
        self.addCleanup(patcher.stop)

    def test_kept_until_an_event_on_the_ward_or_above_it(self):
        client = self.as_(self.staff)
        first = client.get(self.card)
        self.assertEqual(first.status_code, 200)
        client.get(self.card)
        self.assertEqual(self.builds, 1)
        record(None, "test.saved", self.ward2, unit=self.ward2)  # another ward of the province: still kept
        client.get(self.card)
        self.assertEqual(self.builds, 1)
        for unit in (self.ward, self.city, self.province, None):
            record(None, "test.saved", self.ward, unit=unit)
            client.get(self.card)
        self.assertEqual(self.builds, 5)

    def test_the_assessments_own_state_is_in_the_key(self):
        client = self.as_(self.staff)
        client.get(self.card)
        # the registers' explanations are refreshed after their own event (assessments.derived): no event names the ward
        Assessment.objects.filter(pk=self.a.pk).update(derived={"x": {"value": 1, "source": "sổ", "detail": "mới"}})
        client.get(self.card)
        self.assertEqual(self.builds, 2)

    def test_a_saved_figure_shows_at_once(self):
        client = self.as_(self.officer)
        self.assertContains(client.get(self.card), "st-pass")
        self.assertNotContains(client.get(self.card), 'class="badge st-fail"')
        entry = reverse("enter_figures", args=[self.ward.pk, 2026])
        r = client.post(entry, form_data({BOOL: False}, revision=self.a.revision))
        self.assertEqual(r.status_code, 302)
        self.assertContains(client.get(self.card), 'class="badge st-fail"')  # the failed criterion, at once
        self.assertEqual(self.builds, 2)

    def test_each_reader_posts_with_a_token_of_their_own(self):
        for user in (self.officer, self.chief):
            client = Client(enforce_csrf_checks=True)
            client.force_login(user)
            page = client.get(self.card).content.decode()
            self.assertNotIn(fragments.csrf_mark(), page)
            forms = {action: token for action, token in TOKEN.findall(page)}
            action = reverse("give_evidence_reason", args=[self.ward.pk, 2026])
            self.assertIn(action, forms)
            r = client.post(action, {"csrfmiddlewaretoken": forms[action], "criterion": "TC04",
                                     "document": "Giấy chứng nhận quyền sử dụng đất", "reason": "Đang làm thủ tục"})
            self.assertEqual(r.status_code, 302, user)  # 403 if the token were another reader's
        self.assertEqual(self.builds, 2)  # the first reader's reason is an event on the ward: made again once


@override_settings(MEDIA_ROOT="/tmp/kieumau-test-media")
class KeptDecisionsTests(FixedNow, BaseTestCase):
    """The review section's decisions (a vote, a recognition) and the province's setting for a city check are kept
    with the criteria: each shows on the next view after the act."""

    def setUp(self):
        super().setUp()
        self.a = fill(self.ward, self.officer, 2025)
        self.card = reverse("scorecard", args=[self.ward.pk, 2025])

    def move(self, user, action, **inputs):
        files = inputs.pop("files", None)
        outcome = review.perform(self.a, action, user, inputs, files, second_factor=True)
        self.assertTrue(outcome.ok, outcome.errors)

    def test_a_vote_and_a_recognition_show_at_once(self):
        client = self.as_(self.council)
        self.move(self.chief, "submit")
        self.move(self.reviewer, "verify")
        self.assertNotContains(client.get(self.card), "Hội đồng đồng ý")
        self.assertTrue(review.record_vote(self.a, self.council, "approve", "Hội đồng đồng ý", second_factor=True).ok)
        self.assertContains(client.get(self.card), "Hội đồng đồng ý")
        # a vote changed: the assessment's own state stays the same, only the vote's event moves the version
        self.assertTrue(review.record_vote(self.a, self.council, "reject", "Chưa đạt TC10", second_factor=True).ok)
        self.assertContains(client.get(self.card), "</strong> — Chưa đạt TC10</li>")  # the votes list, not the timeline
        self.assertTrue(review.record_vote(self.a, self.council, "approve", "Hội đồng đồng ý", second_factor=True).ok)
        self.move(self.council, "appraise", recommendation="Đề nghị công nhận")
        self.assertNotContains(client.get(self.card), 'id="recognition-decision"')
        self.move(self.approver, "recognize", **DECISION, files=decision())
        page = client.get(self.card)
        self.assertContains(page, 'id="recognition-decision"')
        self.assertContains(page, DECISION["decision_number"])

    def test_a_city_check_set_in_the_admin_changes_the_moves_at_once(self):
        self.move(self.chief, "submit")
        verify = 'id="move-verify"'
        self.assertContains(self.as_(self.reviewer).get(self.card), verify)
        admin = Client()
        admin.force_login(get_user_model().objects.create_superuser("root", password="Mat-khau-2026!"))
        add = reverse("admin:assessments_workflowsettings_add")
        form = admin.get(add).context["adminform"].form
        data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
        r = admin.post(add, {**data, "province": self.province.pk, "district_review_until": "2099-01-01"})
        self.assertEqual(r.status_code, 302)
        self.assertTrue(WorkflowSettings.objects.filter(province=self.province).exists())
        self.assertNotContains(self.as_(self.reviewer).get(self.card), verify)  # the province now waits for the city
        self.assertEqual(Assessment.objects.get(pk=self.a.pk).status, workflow.SUBMITTED)
