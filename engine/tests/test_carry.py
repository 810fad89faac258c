from hypothesis import given
from hypothesis import strategies as st

from engine.carry import Source, carry

TYPES = {"so_vu": "int", "so_khu": "int", "an_toan": "bool", "dien_tich": "num"}


def test_a_merger_sums_counts_and_leaves_booleans_and_measures():
    a = Source("Phường A", {"so_vu": 48, "so_khu": 30, "an_toan": True, "dien_tich": "120.5"}, True)
    b = Source("Phường B", {"so_vu": 12, "so_khu": 7, "an_toan": True, "dien_tich": "80"}, True)
    c = carry(TYPES, [a, b])
    assert c.values == {"so_vu": 60, "so_khu": 37}
    assert c.sources == ["Phường A", "Phường B"]
    assert "không cộng dồn" in c.reason


def test_one_whole_predecessor_carries_everything():
    a = Source("Phường A", {"so_vu": 48, "an_toan": False, "dien_tich": "120.5"}, True)
    assert carry(TYPES, [a]).values == {"so_vu": 48, "an_toan": False, "dien_tich": "120.5"}


def test_a_divided_predecessor_carries_nothing_and_says_why():
    a = Source("Phường Mỹ Phước", {"so_vu": 48}, False)
    b = Source("Xã Long Nguyên", {"so_vu": 10}, True)
    c = carry(TYPES, [a, b])
    assert c.values == {}
    assert "Phường Mỹ Phước được chia cho nhiều đơn vị mới" in c.reason


def test_a_predecessor_without_last_year_stops_the_sum():
    c = carry(TYPES, [Source("Phường A", {"so_vu": 1}, True), Source("Phường B", None, True)])
    assert c.values == {} and "Phường B" in c.reason


def test_a_count_missing_in_one_predecessor_is_not_summed():
    c = carry(TYPES, [Source("A", {"so_vu": 1, "so_khu": 2}, True), Source("B", {"so_vu": 3}, True)])
    assert c.values == {"so_vu": 4}


counts = st.integers(min_value=0, max_value=10**6)


@given(st.lists(st.tuples(counts, counts), min_size=2, max_size=8))
def test_sums_are_exact_and_order_free(parts):
    sources = [Source(f"P{i}", {"so_vu": a, "so_khu": b}, True) for i, (a, b) in enumerate(parts)]
    forward, backward = carry(TYPES, sources), carry(TYPES, list(reversed(sources)))
    assert forward.values == backward.values == {"so_vu": sum(a for a, _ in parts), "so_khu": sum(b for _, b in parts)}
