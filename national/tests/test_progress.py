"""The national page's arithmetic, on plain data (no database)."""

from fractions import Fraction

from django.test import SimpleTestCase
from hypothesis import given
from hypothesis import strategies as st

from national import progress as pg
from roadmaps import plan as P


def facts(targets, *, land=35, recognized=0, first=None, ready=0, near=0, start=2023, end=2030, base=35):
    return pg.PlanFacts([P.Target(y, k, Fraction(v)) for y, k, v in targets], base, start, end, land, recognized,
                        first or {}, ready, near)


KHANH_HOA = [(2023, P.COUNT, 1), (2025, P.PERCENT, 30), (2030, P.PERCENT, 100)]


class ProgressTests(SimpleTestCase):
    def test_it_says_no_roadmap_without_a_plan(self):
        self.assertEqual(pg.progress(None, 2026, 2026).verdict, pg.NO_PLAN)

    def test_a_past_year_met_or_behind_is_the_roadmaps_status(self):
        met = pg.progress(facts(KHANH_HOA, land=11, recognized=4), 2025, 2026)
        self.assertEqual((met.verdict, met.target, met.target_year), (pg.MET, 4, 2025))  # 30% of 11, rounded up
        behind = pg.progress(facts(KHANH_HOA, land=11, recognized=3), 2025, 2026)
        self.assertEqual((behind.verdict, behind.target), (pg.BEHIND, 4))

    def test_a_past_year_without_a_target_has_no_verdict(self):
        self.assertEqual(pg.progress(facts(KHANH_HOA, recognized=3), 2024, 2026).verdict, pg.NO_TARGET)

    def test_the_current_year_reached_is_met(self):
        self.assertEqual(pg.progress(facts([(2026, P.COUNT, 5)], recognized=5), 2026, 2026).verdict, pg.MET)

    def test_the_current_year_not_reached_is_judged_by_the_roadmaps_forecast(self):
        # pace: 2 a year over 2023–2025 → 6 + 2 = 8 by the end of 2026 ≥ 7
        on = pg.progress(facts([(2026, P.COUNT, 7)], recognized=6, first={2023: 2, 2024: 2, 2025: 2}), 2026, 2026)
        self.assertEqual((on.verdict, on.target, on.target_year), (pg.ON_TRACK, 7, 2026))
        self.assertEqual((on.forecast.by_pace, on.forecast.by_pipeline), (8, 6))
        # neither the pace (0 a year) nor the pipeline (one ward ready) reaches 7
        risk = pg.progress(facts([(2026, P.COUNT, 7)], recognized=5, ready=1), 2026, 2026)
        self.assertEqual(risk.verdict, pg.AT_RISK)
        # the pipeline alone: two wards meet every criterion now; "near" ones count only with a year to spare
        self.assertEqual(pg.progress(facts([(2026, P.COUNT, 7)], recognized=5, ready=2), 2026, 2026).verdict, pg.ON_TRACK)
        self.assertEqual(pg.progress(facts([(2026, P.COUNT, 7)], recognized=5, near=5), 2026, 2026).verdict, pg.AT_RISK)

    def test_a_current_year_without_a_target_looks_at_the_next_one(self):
        # Khánh Hòa in 2026: no target of its own; 2030 asks for all 11 wards on the plan's land
        p = pg.progress(facts(KHANH_HOA, land=11, recognized=4, first={2023: 1, 2024: 2, 2025: 2}), 2026, 2026)
        self.assertEqual((p.target, p.target_year), (11, 2030))
        self.assertEqual(p.forecast.by_pace, 4 + (5 * 5) // 3)  # 5 in 3 years, continued over 2026–2030
        self.assertEqual(p.verdict, pg.ON_TRACK)
        slow = pg.progress(facts(KHANH_HOA, land=11, recognized=4), 2026, 2026)
        self.assertEqual(slow.verdict, pg.AT_RISK)

    def test_a_plan_that_has_ended_has_no_target_left(self):
        self.assertEqual(pg.progress(facts([(2024, P.COUNT, 3)], recognized=1, start=2023, end=2025), 2026, 2026).verdict,
                         pg.NO_TARGET)

    def test_labels_and_badges(self):
        self.assertEqual(pg.Progress(pg.BEHIND).badge, "st-fail")
        self.assertEqual(pg.Progress(pg.MET).badge, "st-pass")
        self.assertEqual(pg.Progress(pg.NO_PLAN).badge, "")
        self.assertTrue(all(str(pg.LABELS[v]) for v in pg.VERDICTS))


class RankingTests(SimpleTestCase):
    ORDER = {f"TC{i:02d}": i for i in range(1, 23)}

    def test_most_missed_first_ties_in_framework_order_zeros_dropped(self):
        counts = {"TC10": 5, "TC02": 5, "TC16": 7, "TC01": 0, "TC05": 1}
        self.assertEqual(pg.most_missed(counts, self.ORDER, 3), [("TC16", 7), ("TC02", 5), ("TC10", 5)])
        self.assertEqual(pg.most_missed({"TC01": 0}, self.ORDER, 3), [])
        self.assertEqual(pg.most_missed({"X": 2, "TC01": 2}, self.ORDER, 5), [("TC01", 2), ("X", 2)])  # unknown codes last

    @given(st.dictionaries(st.sampled_from(sorted(ORDER)), st.integers(0, 10_000)), st.integers(0, 25))
    def test_ranking_properties(self, counts, limit):
        ranked = pg.most_missed(counts, self.ORDER, limit)
        self.assertLessEqual(len(ranked), limit)
        self.assertTrue(all(n > 0 and counts[c] == n for c, n in ranked))
        self.assertEqual([n for _c, n in ranked], sorted((n for _c, n in ranked), reverse=True))
        left_out = {c: n for c, n in counts.items() if n > 0 and c not in dict(ranked)}
        if ranked and len(ranked) == limit:
            self.assertTrue(all(n <= ranked[-1][1] for n in left_out.values()))
        elif limit:
            self.assertEqual(left_out, {})

    def test_add_counts_and_verdict_counts(self):
        self.assertEqual(pg.add_counts({"TC01": 1}, {"TC01": 2, "TC02": 1}), {"TC01": 3, "TC02": 1})
        self.assertEqual([(v, n) for v, _label, n in pg.verdict_counts([pg.BEHIND, pg.MET, pg.BEHIND, pg.NO_PLAN])],
                         [(pg.MET, 1), (pg.BEHIND, 2), (pg.NO_PLAN, 1)])

    @given(st.integers(-5, 500), st.integers(-5, 500))
    def test_share_stays_within_the_bar(self, part, whole):
        s = pg.share(part, whole)
        self.assertTrue(0 <= s <= 100)
        if whole > 0 and 0 <= part <= whole:
            self.assertLessEqual(abs(s - 100 * part / whole), 0.0051)  # rounded to two decimals


class ForecastPropertyTests(SimpleTestCase):
    @given(st.integers(0, 60), st.integers(0, 60), st.lists(st.integers(0, 10), max_size=3), st.integers(0, 10), st.integers(0, 10),
           st.integers(2026, 2030))
    def test_a_verdict_for_every_current_year_input(self, land, recognized, pace, ready, near, target_year):
        recognized = min(recognized, land)
        f = facts([(target_year, P.COUNT, min(20, land))], land=land, recognized=recognized,
                  first=dict(zip(range(2023, 2026), pace)), ready=ready, near=near)
        p = pg.progress(f, 2026, 2026)
        self.assertIn(p.verdict, pg.VERDICTS)
        if p.verdict in (pg.ON_TRACK, pg.AT_RISK):
            if p.target_year == 2026:  # a later target may already be reached: that is on course too
                self.assertLess(recognized, p.target)
            self.assertEqual(p.verdict == pg.ON_TRACK, p.forecast.by_pace >= p.target or p.forecast.by_pipeline >= p.target)
        if p.verdict == pg.MET:
            self.assertGreaterEqual(recognized, p.target)


class NumberFormatTests(SimpleTestCase):
    def test_counts_and_shares_are_written_the_vietnamese_way(self):
        from national.templatetags.national_fmt import so, ti_le

        self.assertEqual((so(1234), so(3321), so(None), so(0)), ("1.234", "3.321", "", "0"))
        self.assertEqual((ti_le(1, 3), ti_le(14, 45), ti_le(45, 45), ti_le(0, 0), ti_le(None, 5)),
                         ("33,3%", "31,1%", "100%", "—", "—"))
