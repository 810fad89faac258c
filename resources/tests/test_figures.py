"""The register-derived figures as properties over random tables."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from resources import figures

prices = st.one_of(st.none(), st.integers(0, 10**10).map(Decimal))
norm_rows = st.lists(st.tuples(st.integers(0, 50), prices), max_size=25).map(
    lambda rows: [figures.NormRow(i, f"Hạng mục {i}", "thiet-bi", n, p) for i, (n, p) in enumerate(rows)])
amounts = st.decimals(min_value=0, max_value=10**8, places=3, allow_nan=False, allow_infinity=False)


@given(norm_rows, st.dictionaries(st.integers(0, 30), st.integers(0, 60)))
def test_shortfall_count_is_the_items_held_fewer_than_the_norm(rows, held):
    lines = figures.lines(rows, held)
    assert len(lines) == sum(1 for r in rows if r.norm > 0)
    expected = sum(1 for r in rows if r.norm > 0 and held.get(r.item_id, 0) < r.norm)
    gap = figures.gap(lines)
    assert gap.items == len(figures.shortfalls(lines)) == expected
    assert gap.units == sum(max(r.norm - held.get(r.item_id, 0), 0) for r in rows if r.norm > 0)
    assert gap.cost == sum((r.unit_price * max(r.norm - held.get(r.item_id, 0), 0) for r in rows
                            if r.norm > 0 and r.unit_price is not None), Decimal(0))
    assert gap.items >= 0 and gap.units >= 0 and gap.cost >= 0 and 0 <= gap.unpriced <= gap.items
    assert all(line.missing >= 0 for line in lines)


@given(norm_rows, st.dictionaries(st.integers(0, 30), st.integers(0, 60)))
def test_by_cost_puts_the_dearest_first_and_unpriced_last(rows, held):
    ordered = figures.by_cost(figures.shortfalls(figures.lines(rows, held)))
    priced = [r for r in ordered if r.cost is not None]
    assert ordered[:len(priced)] == priced
    assert [r.cost for r in priced] == sorted((r.cost for r in priced), reverse=True)
    assert all(r.cost is None for r in ordered[len(priced):])


@given(st.lists(st.tuples(norm_rows, st.dictionaries(st.integers(0, 30), st.integers(0, 60))), max_size=6))
def test_the_province_shortfall_adds_up_the_wards(wards):
    per_ward = {}
    for w, (rows, held) in enumerate(wards):
        per_ward[w] = figures.lines(rows, held)
    province = figures.province_lines(per_ward)
    assert sum(r.missing for r in province) == sum(figures.gap(lines).units for lines in per_ward.values())
    assert all(r.missing > 0 for r in province)


@given(st.lists(st.tuples(amounts, amounts), max_size=40))
def test_funding_sums_are_exact_decimals(pairs):
    t = figures.totals(pairs)
    assert t.planned == sum((p for p, _ in pairs), Decimal(0)) and t.disbursed == sum((d for _, d in pairs), Decimal(0))
    assert isinstance(t.planned, Decimal) and t.planned >= 0 and t.disbursed >= 0 and t.lines == len(pairs)
    assert Decimal(figures.stored(t.planned)) == t.planned  # stored as a decimal string, never through a float


def test_stored_drops_trailing_zeros_like_the_typed_figures():
    assert figures.stored(Decimal("1200.00")) == "1200"
    assert figures.stored(Decimal("850.50")) == "850.5"
    assert figures.stored(Decimal("0.125")) == "0.125"
