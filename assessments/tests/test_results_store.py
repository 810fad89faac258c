"""Recompute stores only what changed, and what it stores is exactly what the engine says."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments import services
from assessments.models import Assessment, CriterionResult
from assessments.results_store import result_keys
from engine.evaluate import evaluate, evaluate_many
from frameworks import registry
from frameworks.models import Framework
from kieumau.testing import BaseTestCase, make_unit
from units.models import Level

from .helpers import GOOD, GOOD_PREV


class ResultsStoreTests(BaseTestCase):
    def setUp(self):
        super().setUp()
        fw = self.fw = Framework.objects.get(code=registry.DEFAULT_CODE, version=1)
        wards = [self.ward, self.other_ward] + [
            make_unit(f"9{i:04d}", f"Phường Thử {i}", Level.COMMUNE, self.city) for i in range(4)
        ]
        self.assessments = [
            Assessment.objects.create(unit=w, year=2025, framework=fw, values={**GOOD, "so_cbcs": 10 + i},
                                      previous_values=GOOD_PREV)
            for i, w in enumerate(wards)
        ]

    def stored(self):
        return {
            (r.assessment_id, r.criterion.code): (r.status, r.conditions)
            for r in CriterionResult.objects.filter(assessment__year=2025).select_related("criterion")
        }

    def test_stored_results_are_the_engines_explained_results(self):
        self.assertEqual(services.evaluate_year(2025), 6)
        compiled = registry.compiled(self.fw)
        stored = self.stored()
        self.assertEqual(len(stored), 6 * 22)
        for a in Assessment.objects.filter(year=2025):
            expected = evaluate(compiled, a.values, a.previous_values)
            self.assertEqual(a.meets_standard, expected.meets_standard)
            for code, r in expected.criteria.items():
                self.assertEqual(stored[(a.pk, code)], (r.status, [c.status for c in r.conditions]))

    def test_a_recompute_with_nothing_changed_writes_nothing(self):
        services.evaluate_year(2025)
        before = dict(Assessment.objects.values_list("pk", "evaluated_at"))
        with CaptureQueriesContext(connection) as ctx:
            services.evaluate_year(2025)
        writes = [q["sql"] for q in ctx.captured_queries if q["sql"].split()[0] in ("INSERT", "UPDATE", "DELETE")]
        self.assertEqual(writes, [])
        self.assertEqual(dict(Assessment.objects.values_list("pk", "evaluated_at")), before)

    def test_only_the_changed_assessment_is_rewritten(self):
        services.evaluate_year(2025)
        changed = self.assessments[2]
        Assessment.objects.filter(pk=changed.pk).update(values={**GOOD, "so_cbcs": 0})  # a ward with no officers
        untouched_ids = set(CriterionResult.objects.exclude(assessment=changed).values_list("pk", flat=True))
        services.evaluate_year(2025)
        self.assertEqual(set(CriterionResult.objects.exclude(assessment=changed).values_list("pk", flat=True)), untouched_ids)
        changed.refresh_from_db()
        expected = evaluate(registry.compiled(self.fw), changed.values, changed.previous_values)
        self.assertEqual(changed.meets_standard, expected.meets_standard)
        got = dict(CriterionResult.objects.filter(assessment=changed).values_list("criterion__code", "status"))
        self.assertEqual(got, {code: r.status for code, r in expected.criteria.items()})

    def test_keys_differ_when_any_status_differs_and_name_the_framework(self):
        compiled = registry.compiled(self.fw)
        batch = evaluate_many(compiled, [(GOOD, GOOD_PREV), ({**GOOD, "so_cbcs": 0}, GOOD_PREV), (GOOD, GOOD_PREV)])
        keys = result_keys(self.fw, batch)
        self.assertEqual(keys[0], keys[2])
        self.assertNotEqual(keys[0], keys[1])
        other = type(self.fw)(pk=self.fw.pk + 1000)
        self.assertNotEqual(result_keys(other, batch)[0], keys[0])
