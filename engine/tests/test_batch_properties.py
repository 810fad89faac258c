"""The national batch (columns built in C, statuses combined as bits of big integers) agrees with the spec's rules
applied to each unit on its own, for both versions of the criteria and any mix of figures, blanks and last years."""

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.compiler import evaluate_scalar
from engine.evaluate import columns, evaluate_many, exact_number
from engine.framework import load_text
from engine.values import MISSING

DATA = Path(__file__).resolve().parents[2] / "frameworks" / "data"
FRAMEWORKS = [load_text((DATA / name).read_text("utf-8"), name) for name in ("bca-5764-2021.yaml", "bca-5764-2021.v2.yaml")]


def figure(kind: str):
    if kind == "bool":
        return st.booleans()
    if kind == "num":  # stored as decimal text, some of them whole
        return st.decimals(min_value=0, max_value=10**6, places=2).map(str)
    return st.integers(min_value=0, max_value=300)  # small counts: ratios hit 0/0, equality and thresholds often


@st.composite
def batches(draw):
    fw = draw(st.sampled_from(FRAMEWORKS))
    codes = list(fw.indicators)

    def figures(which):
        present = draw(st.lists(st.sampled_from(which), unique=True)) if draw(st.booleans()) else which
        return {code: draw(figure(fw.indicators[code].type)) for code in present}

    rows = draw(st.lists(st.builds(lambda: (figures(codes), figures(fw.prev_codes))), min_size=0, max_size=9))
    return fw, rows


def typed(fw, code: str, figures: dict):
    if code not in figures:
        return MISSING
    return exact_number(figures[code]) if fw.indicators[code].type == "num" else figures[code]


SEVERITY = {"not_applicable": 0, "pass": 1, "missing": 2, "fail": 3}
FROM_VALUE = {True: "pass", False: "fail"}


def reference(fw, values: dict, previous: dict):
    """spec/criteria-5764.md, unit by unit, with plain ``max`` over severities."""
    cur = {code: typed(fw, code, values) for code in fw.indicators}
    prev = {code: typed(fw, code, previous) for code in fw.prev_codes}
    criteria, meets = {}, True
    for crit in fw.criteria:
        statuses = []
        for cond in crit.conditions:
            value = evaluate_scalar(cond.rule_fn, cur, prev)
            status = FROM_VALUE.get(value) if value.__class__ is bool else ("missing" if value is MISSING else "not_applicable")
            if cond.when_fn is not None:
                when = evaluate_scalar(cond.when_fn, cur, prev)
                if when is not True:
                    status = "missing" if when is MISSING else "not_applicable"
            statuses.append(status)
        worst = max(statuses, key=SEVERITY.__getitem__)
        criteria[crit.code] = (worst, statuses)
        meets = meets and worst in ("pass", "not_applicable")
    return criteria, meets


@settings(max_examples=150, deadline=None)
@given(batches())
def test_a_batch_gives_each_unit_what_the_rules_give_it_alone(case):
    fw, rows = case
    batch = evaluate_many(fw, rows)
    assert batch.n == len(rows) and len(batch.meets) == len(rows)
    for i, (values, previous) in enumerate(rows):
        criteria, meets = reference(fw, values, previous)
        got = batch.unit(i)
        assert got.meets_standard is meets
        assert {code: (r.status, r.conditions) for code, r in got.criteria.items()} == criteria


@settings(max_examples=150, deadline=None)
@given(batches())
def test_columns_hold_each_units_typed_figure_or_missing(case):
    fw, rows = case
    cols = columns(fw, rows)
    for i, (values, previous) in enumerate(rows):
        assert {code: col[i] for code, col in cols.current.items()} == {code: typed(fw, code, values) for code in fw.indicators}
        assert {code: col[i] for code, col in cols.previous.items()} == {code: typed(fw, code, previous) for code in fw.prev_codes}
