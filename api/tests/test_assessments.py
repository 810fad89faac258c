"""Assessments through the API: the role matrix, and writes judged exactly as the entry form judges them."""

from __future__ import annotations

from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from assessments import services, workflow
from assessments.models import Assessment
from assessments.tests.helpers import GOOD, GOOD_PREV, form_data
from audit.models import AuditEvent

from .base import ApiTestCase, fields

YEAR = 2026


class AssessmentApiBase(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # the 2025 record has no so_vu_ttxh: last year's figure for it is typed on the 2026 form (prev_so_vu_ttxh)
        services.save_figures(cls.ward, YEAR - 1, {"so_cbcs": 10}, {}, cls.officer, revision=0)
        cls.assessment = services.save_figures(cls.ward, YEAR, GOOD, GOOD_PREV, cls.officer, revision=0).assessment
        cls.other = services.save_figures(cls.other_ward, YEAR, GOOD, GOOD_PREV, cls.other_chief, revision=0).assessment

    def path(self, a=None):
        return f"/assessments/{(a or self.assessment).pk}"

    def patch(self, user, values=None, previous=None, revision=None, **more):
        a = Assessment.objects.get(pk=self.assessment.pk)
        body = {"values": values or {}, "previous": previous or {}, "revision": a.revision if revision is None else revision, **more}
        return self.call(user, "patch", self.path() + "/values", body)


class ReadTests(AssessmentApiBase):
    def test_it_shows_figures_and_stored_results(self):
        data = self.call(self.officer, "get", self.path()).json()
        self.assertEqual((data["year"], data["status"], data["unit"]["code"]), (YEAR, "draft", "22375"))
        self.assertEqual(data["values"]["so_cbcs"], 10)
        self.assertEqual(len(data["results"]), 22)
        self.assertTrue(data["editable"])
        self.assertIn("so_vu_ttxh", data["previous_codes"])
        self.assertFalse(self.call(self.supervisor, "get", self.path()).json()["editable"])

    def test_the_role_matrix_for_reading(self):
        for user in (self.officer, self.chief, self.staff, self.supervisor, self.reviewer, self.city_reviewer,
                     self.council, self.approver, self.ministry):
            self.assertEqual(self.call(user, "get", self.path()).status_code, 200, user.username)
        for user in (self.outsider, self.other_chief):
            self.assertEqual(self.call(user, "get", self.path()).status_code, 404, user.username)
        self.assertEqual(self.call(self.officer, "get", self.path(self.other)).status_code, 404)
        self.assertEqual(self.call(self.officer, "get", "/assessments/999999").status_code, 404)

    def test_the_list_filters_and_keeps_to_scope(self):
        def ids(user, query=""):
            r = self.call(user, "get", "/assessments" + query)
            self.assertEqual(r.status_code, 200, query)
            return sorted(item["id"] for item in r.json()["items"])

        mine, theirs = self.assessment.pk, self.other.pk
        self.assertEqual(ids(self.ministry, f"?year={YEAR}"), sorted([mine, theirs]))
        self.assertEqual(ids(self.staff, f"?year={YEAR}"), [mine])
        self.assertEqual(ids(self.officer, f"?province=56&year={YEAR}&status=draft"), [mine])
        self.assertEqual(ids(self.officer, f"?province=56&year={YEAR}&status=submitted"), [])
        self.assertEqual(ids(self.outsider, f"?year={YEAR}"), [theirs])
        self.assertEqual(self.call(self.outsider, "get", "/assessments?province=56").status_code, 404)
        self.assertEqual(self.call(self.staff, "get", "/assessments?status=nonsense").status_code, 422)
        self.assertEqual(ids(self.ministry, "?province=74"), [theirs])
        self.assertEqual(len(ids(self.staff, "?province=56")), 2)  # 2025 and 2026


class WriteTests(AssessmentApiBase):
    def test_a_change_is_saved_audited_and_evaluated(self):
        before = self.assessment.revision
        r = self.patch(self.officer, {"so_don_ton_dong": 1})
        self.assertEqual(r.status_code, 200, r.content)
        a = Assessment.objects.get(pk=self.assessment.pk)
        self.assertEqual((a.values["so_don_ton_dong"], a.revision), (1, before + 1))
        self.assertEqual(r.json()["revision"], before + 1)
        event = AuditEvent.objects.filter(action="assessment.figures_saved").latest("id")
        self.assertEqual((event.actor, event.data["changes"][0]["code"]), (self.officer, "so_don_ton_dong"))
        self.assertEqual(self.patch(self.staff, {"so_don_ton_dong": None}).status_code, 200)  # null clears
        self.assertNotIn("so_don_ton_dong", Assessment.objects.get(pk=a.pk).values)

    def test_the_role_matrix_for_writing(self):
        before = Assessment.objects.get(pk=self.assessment.pk).revision
        for user in (self.supervisor, self.reviewer, self.council, self.approver, self.ministry):
            r = self.patch(user, {"so_don_ton_dong": 3})
            self.assertEqual(r.status_code, 403, user.username)
            self.assertEqual(r.json()["detail"][0]["code"], "forbidden")
        for user in (self.outsider, self.other_chief):
            self.assertEqual(self.patch(user, {"so_don_ton_dong": 3}).status_code, 404, user.username)
        self.assertEqual(Assessment.objects.get(pk=self.assessment.pk).revision, before)
        self.assertEqual(self.call(self.officer, "put", self.path() + "/values", {"revision": 0}).status_code, 405)
        self.assertEqual(self.call(self.officer, "delete", self.path()).status_code, 405)

    def test_locked_stale_and_ended_are_409_with_the_forms_message(self):
        stale = self.patch(self.officer, {"so_don_ton_dong": 1}, revision=0)
        self.assertEqual(stale.status_code, 409)
        self.assertIsNone(stale.json()["detail"][0]["field"])
        a = Assessment.objects.get(pk=self.assessment.pk)
        same = services.save_figures(self.ward, YEAR, {"so_don_ton_dong": 1}, {}, self.officer, revision=0)
        self.assertEqual(stale.json()["detail"][0]["message"], same.errors["__all__"])
        Assessment.objects.filter(pk=a.pk).update(status=workflow.SUBMITTED)
        locked = self.patch(self.chief, {"so_don_ton_dong": 1})
        self.assertEqual(locked.status_code, 409)
        expected = services.save_figures(self.ward, YEAR, {"so_don_ton_dong": 1}, {}, self.chief, revision=a.revision)
        self.assertEqual(locked.json()["detail"][0]["message"], expected.errors["__all__"])
        self.assertEqual(Assessment.objects.get(pk=a.pk).values["so_don_ton_dong"], 0)

    def test_bad_bodies_are_422_naming_the_field(self):
        r = self.call(self.officer, "patch", self.path() + "/values", {"values": {}})
        self.assertEqual(fields(r).keys(), {"revision"})
        r = self.call(self.officer, "patch", self.path() + "/values", {"values": [], "revision": -1})
        self.assertEqual(fields(r).keys(), {"values", "revision"})
        r = self.client.patch("/api/v1" + self.path() + "/values", data="{no json", content_type="application/json",
                              HTTP_AUTHORIZATION=f"Bearer {self.token_for(self.officer)}")
        self.assertEqual((r.status_code, r.json()["detail"][0]["code"]), (400, "json_invalid"))
        r = self.patch(self.officer, {"khong_co": 1})
        self.assertEqual(r.status_code, 422)
        self.assertEqual(fields(r), {"khong_co": "Chỉ số không có trong bộ tiêu chí"})
        r = self.patch(self.officer, previous={"so_cbcs": 3})  # the 2025 record has it: not typed on the form
        self.assertEqual(fields(r).keys(), {"prev_so_cbcs"})


class SameAsTheFormTests(AssessmentApiBase, HypothesisTestCase):  # each example in its own transaction
    """The same input gets the same verdict from the API and from the entry form: the same fields, the same words."""

    def form_errors(self, values: dict, previous: dict | None = None):
        """What the entry form says when a browser posts it: every field (the stored figures) with the changes."""
        a = Assessment.objects.get(pk=self.assessment.pk)
        data = form_data(values, {**GOOD_PREV, **(previous or {})}, revision=a.revision)
        r = self.as_(self.officer).post(reverse("enter_figures", args=[self.ward.pk, YEAR]), data)
        if r.status_code == 302:
            return {}
        self.assertEqual(r.status_code, 400)
        errors = r.context["form"].errors
        for messages in errors.values():
            self.assertEqual(len(messages), 1, errors)
        return {k: v[0] for k, v in errors.items()}

    def api_errors(self, values: dict, previous: dict | None = None):
        r = self.patch(self.officer, values, previous)
        if r.status_code == 200:
            return {}
        self.assertEqual(r.status_code, 422, r.content)
        return fields(r)

    def test_examples(self):
        cases = [
            ({"so_cbcs": "-2", "so_tin_bao": "nhiều", "so_khu_dan_cu_van_hoa": "31"}, None),
            ({"so_cbcs": "1,5", "dien_tich_dat_m2": "12,3456789"}, None),
            ({"so_cbcs_htt": "11"}, None),  # a part larger than its stored total
            ({"dang_bo_phuong_htxs": "false", "so_tin_bao_xu_ly": "51"}, None),  # the select sends true/false/""
            ({}, {"so_vu_ttxh": "năm mươi"}),
            ({"so_cbcs": "1.000.000.000.000"}, {"so_vu_ttxh": "-1"}),
        ]
        for values, previous in cases:
            form = self.form_errors(values, previous)
            self.assertTrue(form, values)
            self.assertEqual(self.api_errors(values, previous), form, values)
        self.assertEqual(Assessment.objects.get(pk=self.assessment.pk).revision, self.assessment.revision)

    @settings(max_examples=40)
    @given(code=st.sampled_from(["so_cbcs", "so_tin_bao_xu_ly", "dien_tich_dat_m2", "so_ho_gia_dinh"]),
           text=st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30)
           | st.from_regex(r"-?[0-9]{1,4}([.,][0-9]{1,5}){0,3}", fullmatch=True))
    def test_any_text_gets_the_same_verdict(self, code, text):
        form = self.form_errors({code: text})
        self.assertEqual(self.api_errors({code: text}), form)  # after a saved form the API finds nothing to change
