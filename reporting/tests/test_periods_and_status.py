"""Deadline arithmetic and report standing: pure rules, no database."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reporting import periods, status
from reporting.reminders import step_on

D = dt.date
SIX = periods.Rule(periods.SIX_MONTHLY, "06-15", "12-15", "06-14")
YEAR = periods.Rule(periods.YEARLY, "12-15", "12-15", "12-14")
SK = periods.Rule(periods.MILESTONE, "2025-11-15", "2022-12-15", "2025-11-14", code="SK2025", title="Sơ kết")
RULES = [SIX, YEAR, SK]


def test_trước_ngày_15_6_means_the_14th_is_the_last_day_on_time():
    p = periods.resolve(RULES, "2025-H1", 2023, 2030)
    assert p.deadline == D(2025, 6, 14)
    assert (p.window_from, p.window_to) == (D(2024, 12, 15), D(2025, 6, 14))


def test_the_yearly_window_runs_from_15_12_of_the_previous_year():
    p = periods.resolve(RULES, "2024", 2023, 2030)
    assert (p.deadline, p.window_from, p.window_to) == (D(2024, 12, 14), D(2023, 12, 15), D(2024, 12, 14))


def test_milestones_by_code_case_insensitive():
    assert periods.resolve(RULES, "sk2025", 2023, 2030).deadline == D(2025, 11, 14)


@pytest.mark.parametrize("code", ["2025-H2", "2025-h1x", "abc", "", "２０２５", "2040", "2019-H1"])
def test_unknown_periods_are_refused_in_vietnamese(code):
    with pytest.raises(periods.PeriodError) as e:
        periods.resolve(RULES, code, 2023, 2030)
    assert str(e.value)


def test_a_calendar_entry_that_is_not_a_date_is_refused():
    with pytest.raises(periods.PeriodError, match="không phải là một ngày có thật"):
        periods.check_rule(periods.Rule(periods.SIX_MONTHLY, "06-31", "12-15", "06-14"))
    with pytest.raises(periods.PeriodError, match="phải kết thúc trước hạn nộp"):
        periods.check_rule(periods.Rule(periods.SIX_MONTHLY, "06-15", "12-15", "07-14"))


def test_all_periods_are_in_deadline_order():
    every = periods.all_periods(RULES, 2023, 2026)
    assert [p.code for p in every][:4] == ["2023-H1", "2023", "2024-H1", "2024"]
    assert [p.deadline for p in every] == sorted(p.deadline for p in every)


DEADLINE = D(2025, 6, 14)


def snap(state, first=None, last=None, due=None, returned=False):
    return status.Snapshot(state, first, last or first, due, returned)


def test_on_the_day_is_on_time_and_a_day_later_is_late():
    assert status.status_of(DEADLINE, D(2025, 7, 1), snap("submitted", DEADLINE)) == status.ON_TIME
    assert status.status_of(DEADLINE, D(2025, 7, 1), snap("submitted", D(2025, 6, 15))) == status.LATE


def test_nothing_submitted_is_pending_then_missing_and_a_draft_is_not_a_submission():
    assert status.status_of(DEADLINE, DEADLINE, None) == status.PENDING
    assert status.status_of(DEADLINE, DEADLINE, snap("draft")) == status.DRAFT
    assert status.status_of(DEADLINE, D(2025, 6, 15), None) == status.MISSING
    assert status.status_of(DEADLINE, D(2025, 6, 15), snap("draft")) == status.MISSING


def test_a_returned_report_counts_as_not_submitted_until_it_comes_back():
    r = snap("returned", D(2025, 6, 10), due=D(2025, 6, 20), returned=True)
    assert status.status_of(DEADLINE, D(2025, 6, 12), r) == status.RETURNED


def test_resubmitted_by_the_date_given_keeps_the_first_submissions_standing():
    back_in_time = snap("submitted", D(2025, 6, 10), D(2025, 6, 19), D(2025, 6, 20), True)
    assert status.status_of(DEADLINE, D(2025, 7, 1), back_in_time) == status.ON_TIME
    too_late = snap("submitted", D(2025, 6, 10), D(2025, 6, 21), D(2025, 6, 20), True)
    assert status.status_of(DEADLINE, D(2025, 7, 1), too_late) == status.LATE
    late_first = snap("submitted", D(2025, 6, 16), D(2025, 6, 18), D(2025, 6, 25), True)
    assert status.status_of(DEADLINE, D(2025, 7, 1), late_first) == status.LATE


def test_rates():
    r = status.rates([status.ON_TIME, status.LATE, status.MISSING, status.RETURNED])
    assert (r.completeness, r.timeliness) == (0.5, 0.25)
    assert r.counts[status.MISSING] == 1 and set(r.counts) == set(status.ALL)
    assert status.rates([]).completeness == 0.0


@given(st.dates(D(2023, 1, 1), D(2030, 12, 31)), st.dates(D(2023, 1, 1), D(2030, 12, 31)))
def test_a_report_is_never_both_counted_and_missing(submitted, today):
    s = status.status_of(DEADLINE, max(today, submitted), snap("submitted", submitted))
    assert s in status.SUBMITTED
    assert (s == status.ON_TIME) == (submitted <= DEADLINE)


@given(st.integers(2023, 2030), st.sampled_from(["06-15", "12-15", "03-01", "09-30"]))
def test_the_deadline_is_always_the_day_before_due(year, due):
    p = periods.recurring(periods.Rule(periods.YEARLY, due, "01-01", "01-01"), year)
    assert p.deadline + dt.timedelta(days=1) == p.due_before


@pytest.mark.parametrize("days_before, step", [(8, None), (7, "d-7"), (3, "d-7"), (2, "d-2"), (1, "d-2"), (0, "d0"),
                                               (-1, "overdue"), (-60, "overdue"), (-61, None)])
def test_the_reminder_step_of_a_day(days_before, step):
    assert step_on(DEADLINE, DEADLINE - dt.timedelta(days=days_before)) == step
