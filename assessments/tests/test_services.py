from assessments import services
from assessments.models import Assessment, CriterionResult
from audit.models import AuditEvent
from kieumau.testing import BaseTestCase

from .helpers import GOOD, GOOD_PREV


def raw(values):
    return {k: ("true" if v else "false") if isinstance(v, bool) else str(v) for k, v in values.items()}


class SaveFiguresTests(BaseTestCase):
    def save(self, values=None, prev=None, year=2025, revision=None):
        if revision is None:  # the revision the form was opened at: the stored one
            revision = Assessment.objects.filter(unit=self.ward, year=year).values_list("revision", flat=True).first() or 0
        return services.save_figures(self.ward, year, raw({**GOOD, **(values or {})}), raw(prev if prev is not None else GOOD_PREV), self.staff, revision=revision)

    def test_it_saves_evaluates_and_audits(self):
        outcome = self.save()
        self.assertTrue(outcome.ok, outcome.errors)
        a = Assessment.objects.get(unit=self.ward, year=2025)
        self.assertTrue(a.meets_standard)
        self.assertEqual(a.results.count(), 22)
        self.assertEqual(set(a.results.values_list("status", flat=True)), {"pass"})
        event = AuditEvent.objects.get(action="assessment.figures_saved")
        self.assertEqual(event.actor, self.staff)
        self.assertIn({"section": "values", "code": "so_cbcs", "before": None, "after": 10}, event.data["changes"])

    def test_bad_input_writes_nothing(self):
        outcome = self.save({"so_khu_dan_cu_van_hoa": 31, "so_cbcs": "-1"})
        self.assertFalse(outcome.ok)
        self.assertIn("không được lớn hơn", outcome.errors["so_khu_dan_cu_van_hoa"])
        self.assertIn("số âm", outcome.errors["so_cbcs"])
        self.assertFalse(Assessment.objects.exists())
        self.assertFalse(AuditEvent.objects.filter(action__startswith="assessment").exists())

    def test_a_stale_revision_is_a_conflict(self):
        self.save()
        outcome = self.save({"so_don_ton_dong": 1}, revision=0)
        self.assertIn("Người khác đã lưu", outcome.errors["__all__"])
        self.assertIn("«Tổng số cán bộ, chiến sĩ» — → 10", outcome.errors["__all__"])
        self.assertEqual(Assessment.objects.get().values["so_don_ton_dong"], 0)

    def test_saving_the_same_figures_again_changes_nothing(self):
        self.save()
        self.save()
        self.assertEqual(AuditEvent.objects.filter(action__startswith="assessment").count(), 1)

    def test_last_years_record_is_used_for_prev_and_next_year_is_re_evaluated(self):
        self.save(year=2024, values={"so_vu_ttxh": 50, "so_nguoi_nghien": 20, "so_doi_tuong_tron_bat": 10})
        self.save(year=2025, prev={})  # nothing entered: prev() reads the 2024 record
        a2025 = Assessment.objects.get(year=2025)
        self.assertTrue(a2025.meets_standard)
        # a correction of 2024 changes 2025's "vs last year" results at once
        self.save(year=2024, values={"so_vu_ttxh": 48, "so_nguoi_nghien": 20, "so_doi_tuong_tron_bat": 10})
        a2025.refresh_from_db()
        self.assertFalse(a2025.meets_standard)
        tc10 = CriterionResult.objects.get(assessment=a2025, criterion__code="TC10")
        self.assertEqual(tc10.conditions[1], "fail")

    def test_without_last_year_the_entered_figures_are_used(self):
        self.save(prev={"so_vu_ttxh": 49, "so_nguoi_nghien": 20, "so_doi_tuong_tron_bat": 10, "so_tu_diem": 0})
        result = services.explain(Assessment.objects.get())
        self.assertEqual(result.criteria["TC10"].conditions[1].status, "fail")
        self.assertIn("(47/49 vụ)", result.criteria["TC10"].conditions[1].explanation)


class MissingFieldsAndYearsTests(BaseTestCase):
    def setUp(self):
        assert services.save_figures(self.ward, 2025, raw(GOOD), raw(GOOD_PREV), self.staff, revision=0).ok
        self.a = Assessment.objects.get()

    def test_a_field_not_sent_keeps_its_figure_and_a_blank_one_clears_it(self):
        outcome = services.save_figures(self.ward, 2025, {"so_don_ton_dong": "1"}, {}, self.staff, revision=self.a.revision)
        self.assertTrue(outcome.ok, outcome.errors)
        a = Assessment.objects.get()
        self.assertEqual((a.values["so_don_ton_dong"], a.values["so_cbcs"]), (1, GOOD["so_cbcs"]))
        self.assertEqual(a.previous_values, self.a.previous_values)
        services.save_figures(self.ward, 2025, {"so_don_ton_dong": ""}, {}, self.staff, revision=a.revision)
        self.assertNotIn("so_don_ton_dong", Assessment.objects.get().values)

    def test_an_empty_save_changes_nothing(self):
        outcome = services.save_figures(self.ward, 2025, {}, {}, self.staff, revision=self.a.revision)
        self.assertTrue(outcome.ok)
        self.assertEqual(Assessment.objects.get().values, self.a.values)

    def test_a_part_sent_alone_is_still_checked_against_its_stored_total(self):
        outcome = services.save_figures(self.ward, 2025, {"so_cbcs_htt": "400"}, {}, self.staff, revision=self.a.revision)
        self.assertIn("không được lớn hơn", outcome.errors["so_cbcs_htt"])
        self.assertEqual(Assessment.objects.get().values, self.a.values)

    def test_years_outside_the_program_and_units_that_do_not_exist_then_are_refused(self):
        import datetime as dt

        from units.models import Level

        from kieumau.testing import make_unit

        for year in (2022, 2027):
            outcome = services.save_figures(self.ward, year, raw(GOOD), {}, self.staff, revision=0)
            self.assertIn("__all__", outcome.errors, year)
        gone = make_unit("22998", "Phường Đã Nhập", Level.COMMUNE, self.city, valid_until=dt.date(2025, 7, 1))
        outcome = services.save_figures(gone, 2024, raw(GOOD), raw(GOOD_PREV), self.staff, revision=0)
        self.assertIn("01/07/2025", outcome.errors["__all__"])  # ended: its records are history
        self.assertEqual(Assessment.objects.count(), 1)


def test_the_last_year_a_ward_is_assessed_for():
    import datetime as dt

    from assessments.eligibility import last_assessed_year
    from units.models import Unit

    on = dt.date(2026, 11, 23)
    assert last_assessed_year(Unit(valid_until=None), on) == 2026
    assert last_assessed_year(Unit(valid_until=dt.date(2025, 7, 1)), on) == 2024  # merged mid-2025
    assert last_assessed_year(Unit(valid_until=dt.date(2025, 1, 1)), on) == 2024  # ended as 2024 closed
    assert last_assessed_year(Unit(valid_until=dt.date(2024, 11, 1)), on) == 2023
