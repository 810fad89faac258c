"""Property-based tests: the fast paths agree with plain exact arithmetic everywhere."""

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from engine import expr as E
from engine import fmt
from engine.compiler import _CMP, _CMP_CONST, Columns, compile_expr
from engine.inputs import parse_one
from engine.values import MISSING, NA, Sentinel

TYPES = {"a": E.NUM, "b": E.NUM, "x": E.NUM}
counts = st.integers(min_value=0, max_value=10**9)
percents = st.fractions(min_value=0, max_value=2, max_denominator=1000)
OPS = ["<", "<=", ">", ">=", "=", "!="]


def evaluate(source, a, b):
    fn = compile_expr(E.parse(source))
    return fn(Columns(1, {"a": [a], "b": [b], "x": [a]}, {"x": [b]}))[0]


def reference(op, left, right):
    return {"<": left < right, "<=": left <= right, ">": left > right, ">=": left >= right,
            "=": left == right, "!=": left != right}[op]


def literal(p: Fraction) -> str:
    return f"({p.numerator} / {p.denominator})"


@given(counts, counts, percents, st.sampled_from(OPS))
def test_ratio_fast_path_matches_exact_division(a, b, p, op):
    got = evaluate(f"a / b {op} {literal(p)}", a, b)
    if b == 0:
        assert got is NA
    else:
        assert got is reference(op, Fraction(a, b), p)


@given(counts, counts, st.integers(min_value=0, max_value=100), st.sampled_from(OPS))
def test_scaled_compare_matches_exact_product(x, prev, pct, op):
    got = evaluate(f"x {op} prev(x) * (1 - {pct}%)", x, prev)
    assert got is reference(op, Fraction(x), prev * (1 - Fraction(pct, 100)))


@given(counts, counts)
def test_reduction_rule_semantics(x, prev):
    """"Reduce by ≥ 6%": pass iff x ≤ prev × 0.94; with prev = 0, pass iff x = 0."""
    got = evaluate("x <= prev(x) * (1 - 6%)", x, prev)
    assert got is (x * 100 <= prev * 94)
    if prev == 0:
        assert got is (x == 0)


@given(st.integers(min_value=1, max_value=10**6), st.integers(min_value=0, max_value=10**6))
def test_threshold_is_inclusive_exactly_at_the_boundary(total, k):
    part = (total * 9 + 9) // 10  # the smallest part reaching 90%
    assert evaluate("a / b >= 90%", part, total) is True
    if part:
        assert evaluate("a / b >= 90%", part - 1, total) is False


@given(st.fractions(min_value=0, max_value=1, max_denominator=10**6))
def test_percent_display_never_rounds_up_past_a_threshold(p):
    shown = fmt.percent(p)
    number = Fraction(shown.rstrip("%").replace(".", "").replace(",", ".")) / 100
    assert number <= p
    assert p - number < Fraction(1, 1000)


@given(counts)
def test_int_input_round_trips_in_vietnamese_grouping(n):
    grouped = f"{n:,}".replace(",", ".")
    assert parse_one("int", grouped) == n
    assert parse_one("int", str(n)) == n


@given(st.decimals(min_value=0, max_value=10**9, places=4, allow_nan=False, allow_infinity=False))
def test_num_input_is_exact_with_a_comma_decimal_mark(d):
    text = f"{d:f}".replace(".", ",")
    assert Fraction(parse_one("num", text)) == Fraction(d)


values = st.one_of(st.integers(min_value=-3, max_value=3), counts, percents, st.booleans(), st.sampled_from([MISSING, NA]))
constants = st.one_of(st.integers(min_value=-3, max_value=3), counts, percents, st.booleans())


@given(constants, st.sampled_from(OPS), st.data())
def test_comparisons_with_a_constant_are_the_operators_own(c, op, data):
    """The inline comprehensions give what ``operator`` gives, sentinels and Fractions included (the column holds the
    constant itself too: the boundary is where ``<`` and ``<=`` differ)."""
    col = data.draw(st.lists(st.one_of(values, st.just(c)), max_size=8))
    got = _CMP_CONST[op](col, c)
    want = [_CMP[op](a, c) for a in col]
    assert [(type(g), g if g.__class__ is not Sentinel else g.name) for g in got] == \
        [(type(w), w if w.__class__ is not Sentinel else w.name) for w in want]
