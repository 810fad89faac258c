"""Criteria versions: the default by year, a province's choice, re-pinning drafts, the what-if view."""

from django.urls import reverse

from assessments import review, services, versions
from assessments.models import Assessment, CriterionResult
from audit.models import AuditEvent
from frameworks import registry
from frameworks.models import Framework, VersionChoice
from kieumau.posted import Refused
from kieumau.testing import BaseTestCase, FixedNow

from .helpers import form_data
from .v2fixture import load_v2


def fill(unit, user, year):
    data = form_data()
    values = {k: v for k, v in data.items() if not k.startswith("prev_")}
    prev = {k[5:]: v for k, v in data.items() if k.startswith("prev_")}
    revision = Assessment.objects.filter(unit=unit, year=year).values_list("revision", flat=True).first() or 0
    outcome = services.save_figures(unit, year, values, prev, user, revision=revision)
    assert outcome.ok, outcome.errors
    return Assessment.objects.get(unit=unit, year=year)


class DefaultAndChoiceTests(FixedNow, BaseTestCase):
    def test_loading_version_2_changes_no_stored_result(self):
        a2025 = fill(self.ward, self.officer, 2025)
        before = (list(CriterionResult.objects.filter(assessment=a2025).values_list("criterion_id", "status", "conditions")),
                  a2025.meets_standard, a2025.framework_id, dict(a2025.values))
        v2 = load_v2()
        a2025.refresh_from_db()
        after = (list(CriterionResult.objects.filter(assessment=a2025).values_list("criterion_id", "status", "conditions")),
                 a2025.meets_standard, a2025.framework_id, dict(a2025.values))
        self.assertEqual(before, after)
        self.assertEqual(registry.for_year(2025, unit=self.ward), self.framework)
        self.assertEqual(registry.for_year(2026, unit=self.ward), v2)
        self.assertEqual(fill(self.ward, self.officer, 2026).framework, v2)  # new records of 2026 take version 2
        self.assertEqual(Assessment.objects.get(pk=a2025.pk).framework, self.framework)

    def test_a_province_keeps_version_1_for_2026_and_back_to_the_default(self):
        v2 = load_v2()
        draft = fill(self.ward, self.officer, 2026)
        self.assertEqual(draft.framework, v2)
        moved = versions.choose(self.province, 1, 2026, self.staff, reason="Chờ hướng dẫn của Bộ")
        self.assertEqual(moved, 1)
        draft.refresh_from_db()
        self.assertEqual(draft.framework, self.framework)
        self.assertEqual(registry.for_year(2026, unit=self.ward2), self.framework)
        self.assertEqual(registry.for_year(2026, unit=self.other_ward), v2)  # another province keeps the default
        self.assertEqual(set(CriterionResult.objects.filter(assessment=draft).values_list("criterion__framework", flat=True)),
                         {self.framework.pk})
        self.assertTrue(AuditEvent.objects.filter(action="assessment.version_changed", object_id=str(draft.pk)).exists())
        self.assertEqual(versions.choose(self.province, None, 2026, self.staff), 1)
        draft.refresh_from_db()
        self.assertEqual(draft.framework, v2)
        self.assertFalse(VersionChoice.objects.exists())

    def test_a_choice_governs_until_the_next_one(self):
        load_v2()
        versions.choose(self.province, 1, 2026, self.staff)
        versions.choose(self.province, 2, 2028, self.staff)
        self.assertEqual([registry.for_year(y, unit=self.ward).version for y in (2026, 2027, 2028, 2030)], [1, 1, 2, 2])
        frameworks = list(Framework.objects.order_by("version"))
        choices = list(VersionChoice.objects.filter(province=self.province))
        for year in range(2021, 2031):  # the page's reading agrees with the registry's
            self.assertEqual(registry.pick(year, frameworks, choices), registry.for_year(year, unit=self.ward))
        self.assertEqual(list(versions.governed_years(self.province.pk, registry.DEFAULT_CODE, 2026)), [2026, 2027])

    def test_past_years_unknown_versions_and_locked_records_are_refused(self):
        load_v2()
        with self.assertRaisesMessage(Refused, "phải từ 2026"):
            versions.choose(self.province, 2, 2025, self.staff)
        with self.assertRaisesMessage(Refused, "Chưa có phiên bản 7"):
            versions.choose(self.province, 7, 2026, self.staff)
        a = fill(self.ward, self.officer, 2026)
        with self.captureOnCommitCallbacks(execute=True):
            outcome = review.perform(a, "submit", self.chief, {}, {})
        self.assertIn("minh chứng còn thiếu", outcome.errors["__all__"])  # evidence owed under v2 ...
        Assessment.objects.filter(pk=a.pk).update(status="submitted")  # ... a submitted record is locked either way
        with self.assertRaisesMessage(Refused, "đã gửi hoặc đã xét theo phiên bản 2"):
            versions.choose(self.province, 1, 2026, self.staff)
        self.assertFalse(VersionChoice.objects.exists())
        a.refresh_from_db()
        self.assertEqual(a.framework.version, 2)


class VersionPageTests(FixedNow, BaseTestCase):
    def setUp(self):
        super().setUp()
        self.v2 = load_v2()
        self.url = reverse("province_versions", args=[self.province.pk])

    def test_staff_choose_and_others_read(self):
        r = self.as_(self.staff).get(self.url)
        self.assertContains(r, "Phiên bản bộ tiêu chí")
        self.assertContains(r, "Chọn phiên bản áp dụng")
        r = self.client.post(self.url, {"version": "1", "from_year": "2026", "reason": "Theo công văn của tỉnh"}, follow=True)
        self.assertContains(r, "Đã ghi lựa chọn phiên bản từ năm 2026")
        self.assertEqual(VersionChoice.objects.get().version, 1)
        r = self.as_(self.supervisor).get(self.url)
        self.assertEqual(r.status_code, 200)
        self.assertNotContains(r, "Chọn phiên bản áp dụng")
        self.assertEqual(self.client.post(self.url, {"version": "2", "from_year": "2026", "reason": "x"}).status_code, 403)

    def test_outside_scope_bad_input_and_methods(self):
        self.assertEqual(self.as_(self.outsider).get(self.url).status_code, 404)
        self.assertEqual(self.as_(self.staff).get(reverse("province_versions", args=[self.ward.pk])).status_code, 404)
        self.assertEqual(self.client.put(self.url).status_code, 405)
        for data, message in [({"version": "9", "from_year": "2026", "reason": "x"}, "có trong danh sách"),
                              ({"version": "2", "from_year": "abc", "reason": "x"}, "năm bắt đầu"),
                              ({"version": "2", "from_year": "2024", "reason": "x"}, "phải từ 2026"),
                              ({"version": "2", "from_year": "2026", "reason": " "}, "lý do chọn phiên bản")]:
            r = self.client.post(self.url, data)
            self.assertContains(r, message, status_code=400)
        self.assertFalse(VersionChoice.objects.exists())
        self.assertFalse(AuditEvent.objects.filter(action="framework.version_chosen").exists())


class WhatIfTests(FixedNow, BaseTestCase):
    def test_a_past_year_under_version_2_changes_nothing(self):
        a = fill(self.ward, self.officer, 2025)
        v2 = load_v2()
        stored = list(CriterionResult.objects.filter(assessment=a).values_list("id", "status"))
        url = reverse("what_if", args=[self.ward.pk, 2025, 2])
        r = self.as_(self.supervisor).get(url)
        self.assertContains(r, "xem thử theo phiên bản 2")
        self.assertContains(r, "phiên bản 1")
        self.assertEqual(stored, list(CriterionResult.objects.filter(assessment=a).values_list("id", "status")))
        seen = versions.what_if(a, v2)
        self.assertEqual(seen.not_collected, [])  # this test version shares every indicator with version 1
        self.assertTrue(seen.result.meets_standard)
        card = self.client.get(reverse("scorecard", args=[self.ward.pk, 2025]))
        self.assertContains(card, reverse("what_if", args=[self.ward.pk, 2025, 2]))

    def test_new_indicators_show_as_not_collected(self):
        a = fill(self.ward, self.officer, 2025)
        v2 = load_v2()
        Assessment.objects.filter(pk=a.pk).update(values={k: v for k, v in a.values.items() if k != "so_cbcs_htt"})
        a.refresh_from_db()
        seen = versions.what_if(a, v2)
        self.assertEqual([c for c, _label in seen.not_collected], ["so_cbcs_htt"])
        self.assertEqual(seen.result.criteria["TC02"].status, "missing")

    def test_what_if_scope_and_methods(self):
        fill(self.ward, self.officer, 2025)
        load_v2()
        url = reverse("what_if", args=[self.ward.pk, 2025, 2])
        self.assertEqual(self.as_(self.outsider).get(url).status_code, 404)
        self.assertEqual(self.as_(self.staff).get(reverse("what_if", args=[self.ward.pk, 2025, 5])).status_code, 404)
        self.assertEqual(self.client.get(reverse("what_if", args=[self.ward.pk, 2024, 2])).status_code, 404)
        self.assertEqual(self.client.post(url).status_code, 405)


def test_provided_figures_read_as_the_scorecard_writes_figures():
    from types import SimpleNamespace

    from assessments.html_value import figure_text as _shown  # the scorecard's and the entry form's

    assert _shown(SimpleNamespace(type="bool"), True) == "có"
    assert _shown(SimpleNamespace(type="bool"), False) == "không"
    assert _shown(SimpleNamespace(type="num"), "1250") == "1.250"
    assert _shown(SimpleNamespace(type="num"), "1080.5") == "1.080,5"
    assert _shown(SimpleNamespace(type="num"), "100.625") == "100,63"
    assert _shown(SimpleNamespace(type="int"), 12) == "12"
    assert _shown(SimpleNamespace(type="num"), "không phải số") == "không phải số"
    assert _shown(SimpleNamespace(type="int"), None) == ""
