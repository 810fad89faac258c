import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from kieumau.collation import vi_key, vi_sorted

VI = "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ"
words = st.text(alphabet=VI + VI.upper() + " 0123456789", max_size=12)


def test_d_stroke_comes_right_after_d_and_modified_vowels_after_their_base():
    names = ["Phường Tây Nha Trang", "Phường Đông Hải", "Phường Dương Đông", "Phường Ép", "Phường Ân", "Phường Ăn", "Phường An"]
    assert vi_sorted(names) == ["Phường An", "Phường Ăn", "Phường Ân", "Phường Dương Đông", "Phường Đông Hải", "Phường Ép",
                                "Phường Tây Nha Trang"]


def test_tones_only_break_ties_in_dictionary_order():
    assert vi_sorted(["má", "mạ", "mà", "mả", "ma", "mã"]) == ["ma", "mà", "mả", "mã", "má", "mạ"]
    assert vi_sorted(["mạ b", "ma c"]) == ["mạ b", "ma c"]  # the letters decide before the tones


def test_numbers_in_names_sort_as_numbers():
    assert vi_sorted(["Phường 10", "Phường 2", "Phường 1"]) == ["Phường 1", "Phường 2", "Phường 10"]


@given(words)
def test_the_key_ignores_how_the_text_is_normalized(text):
    assert vi_key(unicodedata.normalize("NFC", text)) == vi_key(unicodedata.normalize("NFD", text))


@given(st.lists(words, max_size=8))
def test_sorting_is_a_total_order_independent_of_the_input_order(items):
    assert vi_sorted(items) == vi_sorted(list(reversed(items)))
    assert vi_sorted(vi_sorted(items)) == vi_sorted(items)


@given(words, words)
def test_upper_and_lower_case_share_a_place(a, b):
    assert (vi_key(a)[0] < vi_key(b)[0]) == (vi_key(a.upper())[0] < vi_key(b.lower())[0])
