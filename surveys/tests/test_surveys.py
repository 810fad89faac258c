"""Surveys: built by program staff, answered anonymously once per device, results per ward with counts."""

import datetime as dt
from unittest import mock

from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from kieumau.testing import BaseTestCase, FixedNow
from surveys import results
from surveys.models import Question, Response, Survey


class SurveyTest(FixedNow, BaseTestCase):
    def build(self):
        data = {"title": "Hài lòng 2026", "starts_on": "2026-11-01", "ends_on": "2026-12-31", "wards": [self.ward.pk, self.ward2.pk],
                "q1_kind": "rating", "q1_text": "Bạn hài lòng không?", "q1_required": "1",
                "q2_kind": "choice", "q2_text": "An ninh so với năm trước", "q2_choices": "Tốt hơn; Như cũ; Kém hơn",
                "q3_kind": "text", "q3_text": "Góp ý"}
        r = self.as_(self.staff).post(reverse("province_surveys", args=[self.province.pk]), data)
        self.assertEqual(r.status_code, 302, r.content.decode()[:500])
        return Survey.objects.get()

    def test_staff_builds_others_read_or_404(self):
        survey = self.build()
        self.assertEqual(survey.wards.count(), 2)
        self.assertTrue(AuditEvent.objects.filter(action="survey.created").exists())
        url = reverse("province_surveys", args=[self.province.pk])
        self.assertEqual(self.as_(self.supervisor).post(url, {"title": "x"}).status_code, 403)
        self.assertEqual(self.as_(self.supervisor).get(reverse("survey_detail", args=[survey.pk])).status_code, 200)
        self.assertEqual(self.as_(self.outsider).get(reverse("survey_detail", args=[survey.pk])).status_code, 404)
        self.assertEqual(self.as_(self.staff).delete(reverse("survey_detail", args=[survey.pk])).status_code, 405)

    def test_bad_survey_writes_nothing(self):
        r = self.as_(self.staff).post(reverse("province_surveys", args=[self.province.pk]),
                                      {"title": "X", "starts_on": "2026-12-31", "ends_on": "2026-11-01", "wards": [self.ward.pk],
                                       "q1_kind": "rating", "q1_text": "?"})
        self.assertEqual(r.status_code, 400)
        self.assertContains(r, "Ngày kết thúc khảo sát phải từ ngày mở trở đi", status_code=400)
        self.assertFalse(Survey.objects.exists())

    def test_public_answer_once_per_device_and_results(self):
        survey = self.build()
        ward = survey.wards.get(unit=self.ward)
        rating, choice, text = survey.questions.order_by("position")
        url = reverse("survey_answer", args=[ward.token])
        self.client.logout()
        self.assertEqual(self.client.get(url).status_code, 200)
        r = self.client.post(url, {f"q{rating.pk}": "9"})
        self.assertEqual(r.status_code, 400)
        self.assertContains(r, "từ 1 đến 5", status_code=400)
        r = self.client.post(url, {f"q{rating.pk}": "4", f"q{choice.pk}": "Tốt hơn", f"q{text.pk}": "<script>x</script>"})
        self.assertEqual(r.status_code, 400)
        r = self.client.post(url, {f"q{rating.pk}": "4", f"q{choice.pk}": "Tốt hơn", f"q{text.pk}": "Tăng tuần tra"})
        self.assertContains(r, "Cảm ơn bạn")
        r = self.client.post(url, {f"q{rating.pk}": "2", f"q{choice.pk}": "Như cũ"})
        self.assertContains(r, "đã trả lời", status_code=400)
        self.assertEqual(Response.objects.count(), 1)
        page = self.as_(self.staff).get(reverse("survey_detail", args=[survey.pk]))
        self.assertContains(page, "4,0/5")  
        self.assertContains(page, "1 người trả lời")
        poster = self.as_(self.staff).get(reverse("survey_poster", args=[survey.pk, self.ward.pk]))
        self.assertContains(poster, "<svg")
        self.assertContains(poster, ward.token)
        card = self.as_(self.officer).get(reverse("scorecard", args=[self.ward.pk, 2026]))
        self.assertContains(card, "Khảo sát sự hài lòng của Nhân dân")

    def test_kept_scorecard_shows_each_new_answer(self):
        """The panel is kept with the scorecard (surveys.panels.answers_stamp): an answer in the ward shows at once, one
        in another ward leaves it kept."""
        survey = self.build()
        rating, choice, _text = survey.questions.order_by("position")

        def answer(unit, value):
            url = reverse("survey_answer", args=[survey.wards.get(unit=unit).token])
            r = Client().post(url, {f"q{rating.pk}": value, f"q{choice.pk}": "Tốt hơn"})  # a new device each time
            self.assertContains(r, "Cảm ơn bạn")

        card, staff = reverse("scorecard", args=[self.ward.pk, 2026]), self.as_(self.staff)
        with mock.patch.object(results, "summarize", wraps=results.summarize) as summarized:
            self.assertContains(staff.get(card), "0 người trả lời")
            staff.get(card)
            self.assertEqual(summarized.call_count, 1)
            answer(self.ward2, "1")
            staff.get(card)
            self.assertEqual(summarized.call_count, 1)
            answer(self.ward, "5")
            page = staff.get(card)
            self.assertContains(page, "1 người trả lời")
            answer(self.ward, "3")
            page = staff.get(card)
            self.assertContains(page, "2 người trả lời")
            self.assertEqual(summarized.call_count, 3)

    def test_closed_survey_and_unknown_token(self):
        survey = self.build()
        Survey.objects.filter(pk=survey.pk).update(ends_on=dt.date(2026, 11, 10))
        ward = survey.wards.first()
        self.assertContains(self.client.get(reverse("survey_answer", args=[ward.token])), "đã kết thúc")
        self.assertEqual(self.client.get(reverse("survey_answer", args=["khong-co"])).status_code, 404)
        self.assertEqual(Question.objects.count(), 3)
