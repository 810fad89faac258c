"""Working-day arithmetic: weekends, Việt Nam's holidays (lunar Tết from the library), announced changes."""

import datetime as dt

from django.test import TestCase
from hypothesis import given, settings, strategies as st

from workdays import vncalendar
from workdays.models import DayChange

D = dt.date


def test_weekend_skipped():
    cal = vncalendar.Calendar()
    assert cal.add(D(2026, 11, 20), 1) == D(2026, 11, 23)  # Friday + 1 → Monday
    assert cal.add(D(2026, 11, 21), 1) == D(2026, 11, 23)  # received on Saturday: Monday is the first working day
    assert cal.add(D(2026, 11, 23), 0) == D(2026, 11, 23)


def test_holidays_and_make_up_saturday():
    cal = vncalendar.Calendar(holidays=frozenset({D(2026, 9, 1), D(2026, 9, 2)}), working=frozenset({D(2026, 8, 22)}))
    assert cal.add(D(2026, 8, 31), 1) == D(2026, 9, 3)
    assert cal.add(D(2026, 8, 21), 1) == D(2026, 8, 22)  # a make-up Saturday counts
    assert cal.between(D(2026, 8, 28), D(2026, 9, 4)) == 3  # 31/8, 3/9, 4/9


def test_between_counts_working_days_after_start():
    cal = vncalendar.Calendar()
    assert cal.between(D(2026, 11, 20), D(2026, 11, 27)) == 5
    assert cal.between(D(2026, 11, 27), D(2026, 11, 20)) == -5


def test_library_knows_lunar_new_year_2026():
    cal = vncalendar.Calendar(frozenset(vncalendar.statutory([2026])))
    assert not cal.is_working_day(D(2026, 2, 17))  # Tết Nguyên Đán 2026 (Tuesday)
    # 10 working days from Friday 13/2/2026: Tết week 16–20/2 is off
    assert cal.add(D(2026, 2, 13), 10) == D(2026, 3, 6)


class TableTest(TestCase):
    def test_announced_day_off_and_working_saturday_apply(self):
        DayChange.objects.create(date=D(2026, 12, 31), kind=DayChange.Kind.OFF, name="Nghỉ bù (thử)")
        DayChange.objects.create(date=D(2026, 12, 26), kind=DayChange.Kind.WORKING, name="Làm bù (thử)")
        cal = vncalendar.load([2026, 2027])
        assert not cal.is_working_day(D(2026, 12, 31))
        assert cal.is_working_day(D(2026, 12, 26))
        assert cal.add(D(2026, 12, 30), 1) == D(2027, 1, 4)  # 31/12 off, 1/1 holiday, weekend


@settings(max_examples=200, deadline=None)
@given(st.dates(D(2024, 1, 1), D(2030, 12, 31)), st.integers(0, 60))
def test_add_lands_on_a_working_day_exactly_n_after(start, n):
    cal = vncalendar.Calendar(frozenset({D(2026, 1, 1), D(2026, 4, 30), D(2026, 5, 1)}), frozenset({D(2026, 8, 22)}))
    due = cal.add(start, n)
    assert due >= start
    assert cal.between(start, due) == n
    if n:
        assert cal.is_working_day(due)
