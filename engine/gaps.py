"""Gap analysis: for a failing condition, the smallest change of one figure that makes it pass.

Works on the condition's expression, for the shapes the framework uses:
``x op expr`` (solve for the indicator x), ``a / b op p`` (solve for the part a),
a yes/no indicator, and ``and`` / ``or`` of those. Arithmetic is exact and
the target of a count is rounded the safe way (≥ 89,9 → 90, ≤ 45,12 → 45).
Anything else gets no suggestion rather than a wrong one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from . import expr as E
from . import fmt
from .compiler import compile_expr, evaluate_scalar
from .framework import Condition, Framework
from .values import MISSING, Sentinel


@dataclass(frozen=True)
class Fix:
    code: str
    current: object
    target: object
    text: str

    @property
    def size(self) -> Fraction:
        if isinstance(self.target, bool) or isinstance(self.current, bool) or self.current is MISSING:
            return Fraction(1)
        return abs(Fraction(self.target) - Fraction(self.current))


def suggest(framework: Framework, cond: Condition, cur: dict, prev: dict) -> list[Fix]:
    """The changes that make ``cond`` pass (all of them needed), or [] when none can be derived."""
    node = E.parse(cond.rule)
    fixes = _fix(framework, node, cur, prev)
    return fixes or []


def _value(node, cur, prev):
    return evaluate_scalar(compile_expr(node), cur, prev)


def _fix(fw, node, cur, prev) -> list[Fix] | None:
    if _value(node, cur, prev) is True:
        return []
    if isinstance(node, E.Var) and fw.indicators[node.code].type == "bool":
        label = fw.indicators[node.code].label
        return [Fix(node.code, cur.get(node.code, MISSING), True, f"cần đạt: «{label}»")]
    if isinstance(node, E.Logic):
        left, right = _fix(fw, node.left, cur, prev), _fix(fw, node.right, cur, prev)
        if node.op == "and":
            return None if left is None or right is None else left + right
        options = [o for o in (left, right) if o is not None]
        return min(options, key=lambda fixes: sum(f.size for f in fixes), default=None)
    if isinstance(node, E.Compare) and node.op in ("<", "<=", ">", ">=", "="):
        return _fix_compare(fw, node, cur, prev)
    return None


def _fix_compare(fw, node: E.Compare, cur, prev) -> list[Fix] | None:
    left, op = node.left, node.op
    if isinstance(left, E.Var):
        bound = _value(node.right, cur, prev)
        code, context = left.code, _context(node.right, cur, prev)
    elif isinstance(left, E.Arith) and left.op == "/" and isinstance(left.left, E.Var) and isinstance(node.right, E.Const):
        denominator = _value(left.right, cur, prev)
        if denominator.__class__ is Sentinel:
            return None
        bound = Fraction(node.right.value) * Fraction(denominator)
        code, context = left.left.code, None
    else:
        return None
    if bound.__class__ is Sentinel:
        return None
    ind = fw.indicators[code]
    target = _solve(op, Fraction(bound), integer=ind.type == "int")
    if target is None:
        return None
    current = cur.get(code, MISSING)
    return [Fix(code, current, target, _text(ind, current, target, op, left, node, cur, prev, context))]


def _solve(op: str, bound: Fraction, *, integer: bool):
    if not integer:
        return bound if op in (">=", "<=", "=") else None
    if op == ">=":
        return math.ceil(bound)
    if op == ">":
        return math.floor(bound) + 1
    if op == "<=":
        return math.floor(bound)
    if op == "<":
        return math.ceil(bound) - 1
    return int(bound) if bound.denominator == 1 else None  # "=" a non-integer count: impossible


def _context(node, cur, prev) -> str | None:
    """ "năm trước 48" when the bound comes from last year's figure."""
    _, prev_codes = E.names(node)
    if len(prev_codes) == 1:
        code = next(iter(prev_codes))
        return f"năm trước {fmt.number(prev.get(code, MISSING))}"
    return None


def _text(ind, current, target, op, left, node, cur, prev, context) -> str:
    label = f"«{ind.label}»"
    if current is MISSING:
        return f"cần nhập {label} (đạt khi {_op_text(op)} {fmt.number(target)})"
    delta = Fraction(target) - Fraction(current)
    if isinstance(left, E.Arith):  # a ratio: show it before and after
        b = _value(left.right, cur, prev)
        pct = fmt.percent(node.right.value)
        verb = "thêm" if delta > 0 else "bớt"
        return (f"cần {verb} {fmt.number(abs(delta))} {label}: {fmt.number(current)}/{fmt.number(b)} → "
                f"{fmt.number(target)}/{fmt.number(b)} {_op_text(op)} {pct}")
    if context:
        return f"{label} phải {_op_text(op)} {fmt.number(target)} ({context}, hiện {fmt.number(current)})"
    if target == 0 and delta < 0:
        return f"{label} phải giảm từ {fmt.number(current)} xuống 0"
    verb = "thêm" if delta > 0 else "giảm"
    return f"cần {verb} {fmt.number(abs(delta))} {label}: {fmt.number(current)} → {fmt.number(target)}"


def _op_text(op: str) -> str:
    return {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "="}[op]
