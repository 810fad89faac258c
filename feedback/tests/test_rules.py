

# --- version 2's TC16: resolved in time, or proposed in time to the competent authority ---------------------------

def test_v2_counts_a_proposal_made_by_the_deadline():
    import datetime as dt

    from feedback.rules import Row, count_v2

    d = dt.date(2026, 3, 10)
    rows = [
        Row("answered", False, d, dt.date(2026, 3, 1), dt.date(2026, 3, 9)),           # answered in time
        Row("answered", True, d, dt.date(2026, 3, 1), dt.date(2026, 3, 12)),           # answered late
        Row("assigned", False, d, dt.date(2026, 3, 1), None, dt.date(2026, 3, 10)),    # proposed on the deadline day
        Row("assigned", False, d, dt.date(2026, 3, 1), None, dt.date(2026, 3, 11)),    # proposed a day late
        Row("assigned", False, dt.date(2026, 4, 1), dt.date(2026, 3, 20)),             # open, within its deadline
        Row("spam", False, d, dt.date(2026, 3, 1)),
    ]
    assert count_v2(rows, dt.date(2026, 3, 20)) == (4, 2)
    assert count_v2(rows[:1] + rows[4:], dt.date(2026, 3, 20)) == (1, 1)
    assert count_v2([], dt.date(2026, 3, 20)) == (0, 0)
