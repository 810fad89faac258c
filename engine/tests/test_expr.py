from fractions import Fraction

import pytest

from engine import expr as E
from engine.compiler import Columns, compile_expr
from engine.values import MISSING, NA

TYPES = {"a": E.NUM, "b": E.NUM, "x": E.NUM, "ok": E.BOOL, "flag": E.BOOL}


def run(source, cur=None, prev=None):
    node = E.parse(source)
    E.check(node, TYPES, want=None)
    fn = compile_expr(node)
    cur, prev = cur or {}, prev or {}
    return fn(Columns(1, {k: [v] for k, v in cur.items()}, {k: [v] for k, v in prev.items()}))[0]


def test_it_does_exact_decimal_arithmetic():
    assert run("a * 0.1 + b * 0.2 = 0.3", {"a": 1, "b": 1}) is True  # 0.1 + 0.2 == 0.3 exactly
    assert run("a / 3 * 3 = 1", {"a": 1}) is True
    assert run("x * 1.5%", {"x": 200}) == 3


def test_percent_literals_are_exact():
    assert E.parse("6%") == E.Const(Fraction(6, 100))
    assert E.parse("100%") == E.Const(1)
    assert E.parse("1.5%") == E.Const(Fraction(15, 1000))


def test_prev_reads_last_year():
    assert run("x <= prev(x) * (1 - 6%)", {"x": 47}, {"x": 50}) is True
    assert run("x <= prev(x) * (1 - 6%)", {"x": 48}, {"x": 50}) is False
    assert run("x <= prev(x) * (1 - 6%)", {"x": 48}, {}) is MISSING


def test_division_by_zero_is_not_applicable():
    assert run("a / b >= 90%", {"a": 0, "b": 0}) is NA
    assert run("a / b >= 90%", {"b": 0}) is NA  # nothing to count, even with the part blank
    assert run("a / b >= 90%", {"b": 10}) is MISSING


def test_kleene_logic_with_missing_and_na():
    assert run("a = 0 or b = 0", {"a": 0}) is True
    assert run("a = 0 or b = 0", {"a": 1}) is MISSING
    assert run("a = 0 and b = 0", {"a": 1}) is False
    assert run("a / b >= 1 and ok", {"a": 1, "b": 0, "ok": True}) is True  # N/A is skipped
    assert run("not ok", {"ok": False}) is True
    assert run("flag = ok", {"ok": True, "flag": True}) is True


@pytest.mark.parametrize(
    "source, fragment",
    [
        ("__import__('os')", "Ký tự không hợp lệ"),
        ("open('x')", "Ký tự không hợp lệ"),
        ("a.__class__", "Ký tự không hợp lệ"),
        ("eval(a)", "Không có hàm «eval»"),
        ("prev(prev(a))", "prev() chỉ nhận tên"),
        ("a ** 2", "Cần một giá trị"),
        ("[a for a in b]", "Ký tự không hợp lệ"),
        ("a < b < 3", "Không được nối hai phép so sánh"),
        ("(" * 60 + "a" + ")" * 60, "lồng nhau quá"),
        ("a + " * 400 + "a", "dài quá"),
        ("9" * 40, "quá 15 chữ số"),
        ("a = ", "Cần một giá trị nhưng gặp hết biểu thức"),
        ("a = 1 )", "Thừa «)»"),
        ("lambda: 1", "Ký tự không hợp lệ"),
        ("a; import os", "Ký tự không hợp lệ"),
    ],
)
def test_hostile_or_malformed_expressions_are_rejected(source, fragment):
    with pytest.raises(E.ExpressionError) as exc:
        E.check(E.parse(source), TYPES)
    assert fragment in str(exc.value)


@pytest.mark.parametrize(
    "source, fragment",
    [
        ("unknown = 0", "Chỉ số «unknown» không có"),
        ("ok + 1 = 2", "cần số"),
        ("a and ok", "cần giá trị đúng/sai"),
        ("ok < flag", "chỉ so sánh bằng"),
        ("a = ok", "Không so sánh được"),
        ("a + 1", "phải cho kết quả đúng/sai"),
    ],
)
def test_type_errors_are_reported(source, fragment):
    with pytest.raises(E.ExpressionError) as exc:
        E.check(E.parse(source), TYPES)
    assert fragment in str(exc.value)


def test_error_carries_the_column():
    with pytest.raises(E.ExpressionError) as exc:
        E.check(E.parse("a = 0 or zz = 1"), TYPES)
    assert exc.value.column == 10


def test_names_lists_current_and_previous_reads():
    assert E.names(E.parse("x <= prev(x) * 2 and a / b > 1")) == ({"x", "a", "b"}, {"x"})
