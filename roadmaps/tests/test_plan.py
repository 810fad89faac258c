from fractions import Fraction

from roadmaps import plan as P

BINH_DUONG = [P.Target(2024, P.COUNT, Fraction(6), "ít nhất 05 + Mỹ Phước"), P.Target(2025, P.COUNT, Fraction(8))] + [
    P.Target(y, P.COUNT, Fraction(7)) for y in range(2026, 2030)] + [P.Target(2030, P.PERCENT, Fraction(100))]
KHANH_HOA = [P.Target(2023, P.COUNT, Fraction(1)), P.Target(2025, P.PERCENT, Fraction(30)), P.Target(2030, P.PERCENT, Fraction(100))]


def test_binh_duong_cumulative_targets_as_written():
    written = P.cumulative_targets(BINH_DUONG, 45)
    assert [written[y][1] for y in range(2024, 2031)] == [6, 14, 21, 28, 35, 42, 45]
    assert [written[y][0] for y in range(2024, 2031)] == [6, 8, 7, 7, 7, 7, 3]


def test_khanh_hoa_thirty_percent_of_35_is_11():
    written = P.cumulative_targets(KHANH_HOA, 35)
    assert written == {2023: (1, 1), 2025: (10, 11), 2030: (24, 35)}


def test_rebasing_rounds_up_on_the_units_valid_then():
    rebased = P.rebased(KHANH_HOA, 35, {2023: 35, 2025: 30, 2030: 30})
    assert rebased[2025] == (9, "30% của 30 phường → 9")
    assert P.rebased(KHANH_HOA, 35, {2025: 31})[2025] == (10, "30% của 31 phường → 10 (làm tròn lên)")
    assert rebased[2030][0] == 30
    assert rebased[2023] == (1, "")


def test_rebasing_at_the_exact_boundary():
    assert P.ceil_share(Fraction(30), 30) == 9  # 9.0 exactly, no rounding up
    assert P.ceil_share(Fraction(30), 31) == 10  # 9.3 → 10
    assert P.ceil_share(Fraction(3111, 100), 45) == 14  # 31,11% of 45 = 13.9995 → 14


def test_counts_are_capped_at_the_units_there_are():
    rebased = P.rebased([P.Target(2024, P.COUNT, Fraction(50))], 45, {2024: 47})
    assert rebased[2024][0] == 47


def test_status_and_actuals():
    out = P.lines(KHANH_HOA, 35, {2023: 35, 2024: 30, 2025: 30, 2030: 30}, {2023: 1, 2024: 3, 2025: 4}, range(2023, 2031), 2026)
    by_year = {line.year: line for line in out}
    assert by_year[2023].status == "met" and by_year[2023].actual_cumulative == 1
    assert by_year[2025].actual_cumulative == 8 and by_year[2025].status == "late"  # 8 < 9
    assert by_year[2024].status == "none"
    assert by_year[2030].status == "upcoming" and by_year[2030].actual_cumulative is None


def test_forecast_by_pace_and_pipeline():
    f = P.forecast(2030, 30, actual_now=8, recognized_per_year=[1, 3, 4], today_year=2026, ready=5, near=6)
    assert (f.by_pace, f.pace_ok) == (8 + 13, False)  # 8/3 a year × 5 years = 13
    assert (f.by_pipeline, f.pipeline_ok, f.needed) == (19, False, 22)
