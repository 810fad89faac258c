"""The batch's two shortcuts: a column of plain booleans made status bits in C, and no garbage collection while the
columns are built. Both must give exactly what the plain path gives, and leave the process as they found it."""

import gc
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.evaluate import _BIT, _status_bits, evaluate_many
from engine.framework import load_text
from engine.values import MISSING, NA

DATA = Path(__file__).resolve().parents[2] / "frameworks" / "data"
FRAMEWORK = load_text((DATA / "bca-5764-2021.yaml").read_text("utf-8"), "bca-5764-2021.yaml")


def plain(values):
    return bytes(map(_BIT.__getitem__, values))


# statuses, and ints a rule never gives but the lookup answers (0 and 1 are False and True to a dictionary) or refuses
VALUES = st.lists(st.sampled_from([True, False, MISSING, NA, 0, 1, 2, 255, -1, 256]), max_size=40)


@given(VALUES)
def test_status_bits_are_the_lookups(values):
    try:
        expected = plain(values)
    except KeyError:
        with pytest.raises(KeyError):
            _status_bits(values)
        return
    assert _status_bits(values) == expected


def test_plain_booleans_take_the_shortcut_and_sentinels_do_not():
    assert _status_bits([True, False, True]) == bytes([_BIT[True], _BIT[False], _BIT[True]])
    assert _status_bits([True, MISSING, NA, False]) == bytes([_BIT[True], _BIT[MISSING], _BIT[NA], _BIT[False]])
    assert _status_bits([]) == b""


def _rows(seen: list, n: int = 3):
    for _ in range(n):
        seen.append(gc.isenabled())
        yield {"dang_bo_phuong_htxs": True}, {}


def test_no_collection_while_the_batch_is_built_and_the_collector_on_again_after():
    assert gc.isenabled()
    seen = []
    batch = evaluate_many(FRAMEWORK, _rows(seen))
    assert batch.n == 3 and seen == [False, False, False]
    assert gc.isenabled()


def test_a_collector_found_off_stays_off():
    gc.disable()
    try:
        evaluate_many(FRAMEWORK, _rows([]))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_collector_is_on_again_when_the_batch_fails():
    with pytest.raises(TypeError):  # figures that are not a mapping
        evaluate_many(FRAMEWORK, [("not figures", {})])
    assert gc.isenabled()
