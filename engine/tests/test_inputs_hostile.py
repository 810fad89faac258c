"""Figures as people (and attackers) type them: ASCII digits and the Vietnamese forms only, friendly Vietnamese
messages for everything else, and a field with an error never evaluated."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.inputs import parse_one, parse_values

from .test_criteria_5764 import FW

NOT_ASCII = ["١٢٣", "１２３", "²", "৫", "१२", "12³", "٣,٥"]


@pytest.mark.parametrize("text", NOT_ASCII)
@pytest.mark.parametrize("type_", ["int", "num"])
def test_digits_other_than_ascii_are_refused_with_the_input_quoted(type_, text):
    with pytest.raises(ValueError) as exc:
        parse_one(type_, text)
    message = str(exc.value)
    assert f"«{text}»" in message and "0–9" in message
    assert "invalid literal" not in message


@pytest.mark.parametrize("type_", ["int", "num"])
def test_thousands_of_digits_get_a_vietnamese_message(type_):
    with pytest.raises(ValueError) as exc:
        parse_one(type_, "9" * 5000)
    assert str(exc.value).startswith("Số quá lớn")
    assert "4300" not in str(exc.value)


def test_the_vietnamese_forms_still_read():
    assert parse_one("int", "1.234") == 1234
    assert parse_one("num", "12,5") == "12.5"
    assert parse_one("num", "1.234,5") == "1234.5"
    assert parse_one("int", " 42 ") == 42


hostile = st.one_of(st.text(max_size=40), st.integers(min_value=-10**12, max_value=10**12), st.booleans(),
                    st.floats(allow_nan=True, allow_infinity=True), st.none(), st.lists(st.integers(), max_size=2))


@given(st.dictionaries(st.sampled_from(list(FW.indicators)[:30] + ["khong_co"]), hostile, max_size=12))
def test_values_and_errors_never_share_a_field_and_messages_are_vietnamese(raw):
    parsed = parse_values(FW, raw)
    assert not set(parsed.values) & set(parsed.errors)
    for message in parsed.errors.values():
        assert not any(english in message for english in ("invalid literal", "Exceeds", "could not convert", "Traceback"))


@given(st.text(alphabet="0123456789.,-  ٠١٢٣٤٥٦٧٨٩０１２３４５６７８９²³", max_size=25))
def test_only_ascii_digits_ever_make_a_number(text):
    for type_ in ("int", "num"):
        try:
            value = parse_one(type_, text)
        except ValueError:
            continue
        assert str(value).isascii()
        assert all(ch in "0123456789., -" for ch in text.strip())
