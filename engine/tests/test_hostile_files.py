"""Hostile framework files and rules: refused with a line and a Vietnamese reason, never a traceback or a hang."""

import pytest

from engine.expr import ExpressionError, tokenize
from engine.framework import FrameworkError, load_text

from .test_framework_file import MINIMAL

# 382 bytes that expand to 10^9 list items when aliases are followed ("billion laughs")
LAUGHS = "\n".join(["a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]"]
                   + [f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},"
                      f"*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]" for i in range(8)])


def refused(text) -> str:
    with pytest.raises(FrameworkError) as exc:
        load_text(text, "f.yaml")
    return str(exc.value)


def test_nested_aliases_are_refused_before_anything_is_built():
    assert len(LAUGHS.encode()) < 400
    message = refused(LAUGHS)
    assert "f.yaml:1" in message and "neo" in message


def test_a_self_referencing_alias_is_refused():
    assert "neo" in refused("a: &x [*x]\n")
    assert "f.yaml:2" in refused("framework: x\ngroups: &g\n  - *g\n")


def test_an_anchor_even_unused_is_refused_with_its_line():
    text = MINIMAL.replace("title: Test", "title: &t Test")
    assert "f.yaml:3" in refused(text)


@pytest.mark.parametrize("digits", ["١٠", "１０", "²", "৫"])
def test_numbers_in_rules_are_ascii_digits(digits):
    with pytest.raises(ExpressionError) as exc:
        tokenize(f"so_a >= {digits}")
    assert "không hợp lệ" in str(exc.value)
    text = MINIMAL.replace("so_b / so_a >= 90%", f"so_b / so_a >= {digits}%")
    assert "f.yaml:15" in refused(text)
