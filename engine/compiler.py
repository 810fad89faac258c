"""Compile a checked expression AST into a column evaluator.

A compiled expression takes a ``Columns`` (one list per indicator, one slot per
unit) and returns a list of results, one per unit. Evaluating column-wise
keeps Python's per-node overhead out of the inner loop: the whole country is
evaluated with a few hundred list comprehensions instead of millions of
recursive calls. One unit is just a column of length one.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field
from fractions import Fraction

from . import expr as E
from .values import MISSING, NA, Sentinel, and3, divide, not3, or3


@dataclass
class Columns:
    n: int
    current: dict[str, list] = field(default_factory=dict)
    previous: dict[str, list] = field(default_factory=dict)

    def cur(self, code: str) -> list:
        col = self.current.get(code)
        return col if col is not None else [MISSING] * self.n

    def prev(self, code: str) -> list:
        col = self.previous.get(code)
        return col if col is not None else [MISSING] * self.n


_ARITH = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": divide}
_CMP = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "=": operator.eq,
    "!=": operator.ne,
}


def compile_expr(node):
    """Return ``fn(columns) -> list`` for a type-checked AST."""
    folded = _fold(node)
    if isinstance(folded, E.Const):
        value = folded.value
        return lambda cols: [value] * cols.n
    return _compile(folded)


def _compile(node):
    if isinstance(node, E.Const):
        value = node.value
        return lambda cols: [value] * cols.n
    if isinstance(node, E.Var):
        code = node.code
        return lambda cols: cols.cur(code)
    if isinstance(node, E.Prev):
        code = node.code
        return lambda cols: cols.prev(code)
    if isinstance(node, E.Neg):
        inner = _compile(node.operand)
        return lambda cols: [-v for v in inner(cols)]
    if isinstance(node, E.Not):
        inner = _compile(node.operand)
        return lambda cols: [not3(v) for v in inner(cols)]
    if isinstance(node, E.Arith):
        return _binary(_ARITH[node.op], node.left, node.right)
    if isinstance(node, E.Compare):
        return _compare(node)
    if isinstance(node, E.Logic):
        return _binary(and3 if node.op == "and" else or3, node.left, node.right)
    raise TypeError(node)  # pragma: no cover


def _binary(op, left_node, right_node):
    # A constant side is bound once instead of materialised as a column.
    if isinstance(right_node, E.Const):
        left, c = _compile(left_node), right_node.value
        return lambda cols: [op(a, c) for a in left(cols)]
    if isinstance(left_node, E.Const):
        right, c = _compile(right_node), left_node.value
        return lambda cols: [op(c, b) for b in right(cols)]
    left, right = _compile(left_node), _compile(right_node)
    return lambda cols: list(map(op, left(cols), right(cols)))


def _compare(node: E.Compare):
    op = _CMP[node.op]
    # Fast path for the framework's most common shape, ``a / b >= p%``:
    # compare ``a * den(p)`` with ``num(p) * b`` in integers instead of
    # building a Fraction per unit. Same result, including b = 0 → NA.
    if (
        isinstance(node.left, E.Arith)
        and node.left.op == "/"
        and isinstance(node.right, E.Const)
        and not isinstance(node.right.value, bool)
    ):
        num_fn, den_fn = _compile(node.left.left), _compile(node.left.right)
        p = Fraction(node.right.value)
        pn, pd = p.numerator, p.denominator

        def ratio_cmp(cols):  # one comprehension: a third faster than appending in a loop
            return [
                (NA if b == 0 else op(a * pd, pn * b) if b > 0 else op(pn * b, a * pd))  # b < 0 flips the sides
                if b.__class__ is int and a.__class__ is int
                else op(divide(a, b), p)
                for a, b in zip(num_fn(cols), den_fn(cols))
            ]

        return ratio_cmp
    scaled = _scaled_compare(node, op)
    if scaled:
        return scaled
    if isinstance(node.right, E.Const):  # ``x = 0``, ``x >= 3``: the comparison inline, no call per unit
        left, c, cmp = _compile(node.left), node.right.value, _CMP_CONST[node.op]
        return lambda cols: cmp(left(cols), c)
    return _binary(op, node.left, node.right)


# ``a OP c`` is what ``operator.OP(a, c)`` does, sentinels included (their methods absorb the comparison)
_CMP_CONST = {
    "<": lambda col, c: [a < c for a in col],
    "<=": lambda col, c: [a <= c for a in col],
    ">": lambda col, c: [a > c for a in col],
    ">=": lambda col, c: [a >= c for a in col],
    "=": lambda col, c: [a == c for a in col],
    "!=": lambda col, c: [a != c for a in col],
}


def _scaled_compare(node: E.Compare, op):
    """Fast path for ``x <= prev(x) * (1 - 6%)``: compare ``x * den`` with ``prev * num``.

    Same result as the general path (property-tested), without a Fraction per unit.
    """
    right = node.right
    if not (isinstance(right, E.Arith) and right.op == "*" and isinstance(right.right, E.Const)):
        return None
    c = right.right.value
    if isinstance(c, bool) or not isinstance(c, Fraction):
        return None
    left_fn, base_fn = _compile(node.left), _compile(right.left)
    cn, cd = c.numerator, c.denominator

    def scaled_cmp(cols):  # cd > 0, so the sides keep their order
        return [
            op(a * cd, b * cn) if a.__class__ is int and b.__class__ is int else op(a, b * c)
            for a, b in zip(left_fn(cols), base_fn(cols))
        ]

    return scaled_cmp


def _fold(node):
    """Constant folding, so ``prev(x) * (1 - 6%)`` multiplies by one constant."""
    if isinstance(node, E.Neg):
        inner = _fold(node.operand)
        return E.Const(-inner.value) if isinstance(inner, E.Const) else E.Neg(inner)
    if isinstance(node, E.Not):
        inner = _fold(node.operand)
        return E.Const(not inner.value) if isinstance(inner, E.Const) else E.Not(inner)
    if isinstance(node, (E.Arith, E.Compare, E.Logic)):
        left, right = _fold(node.left), _fold(node.right)
        if isinstance(left, E.Const) and isinstance(right, E.Const):
            if isinstance(node, E.Arith):
                value = _ARITH[node.op](left.value, right.value)
            elif isinstance(node, E.Compare):
                value = _CMP[node.op](left.value, right.value)
            else:
                value = (and3 if node.op == "and" else or3)(left.value, right.value)
            if not isinstance(value, Sentinel):
                if isinstance(value, Fraction) and value.denominator == 1:
                    value = value.numerator
                return E.Const(value)
        return type(node)(node.op, left, right)
    return node


def evaluate_scalar(fn, current: dict, previous: dict):
    """Evaluate a compiled expression for one unit (used for explanations)."""
    cols = Columns(1, {k: [v] for k, v in current.items()}, {k: [v] for k, v in previous.items()})
    return fn(cols)[0]


__all__ = ["Columns", "compile_expr", "evaluate_scalar", "MISSING", "NA"]
