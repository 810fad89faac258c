"""Vietnamese alphabetical order (a ă â b c d đ e ê … o ô ơ … u ư …), for every list people read.

Code-point order puts "Đông Hải" after "Tây Nha Trang" and "Bắc" after "Bảo"; a Vietnamese reader expects
Đ right after D and tones to matter only between otherwise equal words. Lists on pages are small (a province's
wards), so they are sorted here rather than by a database collation that SQLite lacks and PostgreSQL names
differently per build.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")

# base letters in order; a modifier (breve, circumflex, horn) makes the next letter of the alphabet
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_RANK = {ch: i for i, ch in enumerate(_ALPHABET)}
_MODIFIED = {("a", "\u0306"): "ă", ("a", "\u0302"): "â", ("e", "\u0302"): "ê", ("o", "\u0302"): "ô",
             ("o", "\u031b"): "ơ", ("u", "\u031b"): "ư"}
# tones, in dictionary order: ngang, huyền, hỏi, ngã, sắc, nặng
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def _letters(text: str):
    """(letter, tone, is_upper) for each character, modifiers folded into their letter."""
    out = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch):
            if not out:
                continue
            letter, tone, upper = out[-1]
            if ch in _TONES:
                out[-1] = (letter, _TONES[ch], upper)
            else:
                out[-1] = (_MODIFIED.get((letter, ch), letter), tone, upper)
            continue
        lower = ch.lower()
        out.append(("đ" if lower == "đ" else lower, 0, ch != lower))
    return out


def vi_key(text: str) -> tuple:
    """A sort key: letters by the Vietnamese alphabet first, then tones, then case; digit runs as numbers."""
    primary, tones, cases = [], [], []
    letters = _letters(text or "")
    i = 0
    while i < len(letters):
        letter, tone, upper = letters[i]
        if letter.isdigit() and letter.isascii():
            j = i
            while j < len(letters) and letters[j][0].isdigit() and letters[j][0].isascii():
                j += 1
            primary.append((1, int("".join(x[0] for x in letters[i:j]))))
            i = j
            continue
        if letter.isspace():
            primary.append((0, 0))
        elif letter in _RANK:
            primary.append((2, _RANK[letter]))
        else:
            primary.append((3, ord(letter)))
        tones.append(tone)
        cases.append(upper)
        i += 1
    return tuple(primary), tuple(tones), tuple(cases)


def vi_sorted(items: Iterable[T], key: Callable[[T], str] = str) -> list[T]:
    return sorted(items, key=lambda item: vi_key(key(item)))
