"""Evaluate a framework for one unit or for many units at once.

Statuses follow spec/criteria-5764.md: a condition is pass / fail / missing /
not_applicable; a criterion fails if any condition fails, else is missing if
any is missing, else passes (all-N/A → not_applicable); a unit meets the
standard when no criterion fails or is missing.

Internally a status is a small int ordered by severity (N/A < pass < missing
< fail), so a criterion's status is the ``max`` of its conditions'. While
combining, each status is one bit (1 << severity) in one byte per unit, and a
column of bytes is read as one big integer: OR-ing the integers of a
criterion's conditions ORs every unit's byte at once, in C, and the highest
bit set is the ``max``. ``bytes.translate`` maps the bits back to a severity.
Batch columns are ``bytes`` of severities (indexing gives ints).

``evaluate_many`` computes statuses only: that is what pages store and what
the national benchmark times. ``evaluate`` adds the Vietnamese explanation of
every condition, for the scorecard and the ``evaluate`` command.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass
from fractions import Fraction
from functools import reduce
from itertools import repeat
from operator import itemgetter, or_

from .compiler import Columns
from .framework import Condition, Framework
from .values import MISSING, NA

PASS, FAIL, MISS, NOT_APPLICABLE = "pass", "fail", "missing", "not_applicable"
STATUSES = (PASS, FAIL, MISS, NOT_APPLICABLE)
# severity codes: the order matters (see module docstring)
S_NA, S_PASS, S_MISS, S_FAIL = 0, 1, 2, 3
NAMES = {S_NA: NOT_APPLICABLE, S_PASS: PASS, S_MISS: MISS, S_FAIL: FAIL}
# a condition's value → its status as one bit (see module docstring)
_BIT = {True: 1 << S_PASS, False: 1 << S_FAIL, MISSING: 1 << S_MISS, NA: 1 << S_NA}
# a ``when`` value → the status that replaces the requirement's (0: the requirement applies, keep its status)
_WHEN_BIT = {True: 0, False: 1 << S_NA, NA: 1 << S_NA, MISSING: 1 << S_MISS}
_KEEP = bytes(0xFF if b == 0 else 0 for b in range(256))  # a when-byte → mask over the requirement's bits
_SEVERITY = bytes(max((s for s in NAMES if b >> s & 1), default=S_NA) for b in range(256))  # bits → highest
_MEETS = bytes(0 if b & (1 << S_MISS | 1 << S_FAIL) else 1 for b in range(256))
# a column of plain booleans read as bytes (False → 0, True → 1) → each one's status bit, as _BIT gives
_BOOL_BIT = bytes(_BIT.get(b, 0) for b in range(256))


@dataclass
class ConditionResult:
    key: str
    text: str
    status: str
    explanation: str = ""


@dataclass
class CriterionResult:
    code: str
    status: str
    conditions: list  # status names, or ConditionResult when explained


@dataclass
class UnitResult:
    criteria: dict  # code -> CriterionResult, in framework order
    meets_standard: bool

    def as_json(self, framework_code: str) -> dict:
        return {
            "framework": framework_code,
            "meets_standard": self.meets_standard,
            "criteria": {
                code: {
                    "status": r.status,
                    "conditions": [
                        {"status": c.status, "explanation": c.explanation}
                        if isinstance(c, ConditionResult)
                        else {"status": c}
                        for c in r.conditions
                    ],
                }
                for code, r in self.criteria.items()
            },
        }


class Batch:
    """Statuses for ``n`` units, stored column-wise (one ``bytes`` of severities per criterion and per condition)."""

    def __init__(self, framework: Framework, n: int, criteria: dict, conditions: dict, meets: list):
        self.framework, self.n = framework, n
        self.criteria = criteria  # code -> bytes, a severity per unit
        self.conditions = conditions  # code -> [bytes, a severity per unit, per condition]
        self.meets = meets  # [bool per unit]

    def unit(self, i: int) -> UnitResult:
        crits = {
            code: CriterionResult(code, NAMES[col[i]], [NAMES[c[i]] for c in self.conditions[code]])
            for code, col in self.criteria.items()
        }
        return UnitResult(crits, self.meets[i])

    def __iter__(self):
        return (self.unit(i) for i in range(self.n))


def _status_bits(values: list) -> bytes:
    """Each value's status bit (``_BIT``), one byte per unit."""
    # Most conditions' columns hold no sentinel (every figure they read is there): bytes() reads the booleans as
    # 0 and 1 in C, and translate() makes them bits, about ten times faster than a dictionary lookup per unit. A
    # sentinel makes bytes() refuse the column at once, as does an int outside 0–255; one from 2 to 255 would be read
    # as a byte, hence the max(). Those columns take the lookup, which answers or refuses each value as before.
    try:
        raw = bytes(values)
    except (TypeError, ValueError):
        raw = None
    if raw is None or (raw and max(raw) > 1):
        return bytes(map(_BIT.__getitem__, values))
    return raw.translate(_BOOL_BIT)


def _condition_bits(cond: Condition, cols: Columns) -> int:
    """The condition's status bit of every unit, as one integer (unit i in byte i)."""
    bits = int.from_bytes(_status_bits(cond.rule_fn(cols)), "little")
    if cond.when_fn is None:
        return bits
    # when False / N/A → the requirement does not apply; when missing → missing; when true → its own status
    when = bytes(map(_WHEN_BIT.get, cond.when_fn(cols), repeat(1 << S_NA)))  # type-checked booleans; else N/A
    return bits & int.from_bytes(when.translate(_KEEP), "little") | int.from_bytes(when, "little")


def columns(framework: Framework, rows) -> Columns:
    """Build columns from ``rows`` of ``(values, previous)`` dicts of typed values.

    ``num`` values may arrive as decimal strings (as stored in JSON); they are
    made exact here. Codes the framework does not know are ignored.
    """
    rows = list(rows)
    current = [r[0] for r in rows]
    previous = [r[1] for r in rows]
    cols = Columns(len(rows))
    # Building columns is most of the national evaluation's own time. One ``itemgetter`` of every code per unit,
    # then a transpose, runs in C; a unit that lacks a code (blank figures) takes the per-code path.
    codes = list(framework.indicators)
    if codes:
        every = itemgetter(*codes) if len(codes) > 1 else (lambda r, c=codes[0]: (r[c],))
        blank = dict.fromkeys(codes, MISSING)

        def one(r):
            try:
                return every(r)
            except KeyError:  # a unit lacks a few codes: fill them in C rather than ask for every code in Python
                return every({**blank, **r})

        for (code, ind), col in zip(framework.indicators.items(), zip(*map(one, current)) if rows else [()] * len(codes)):
            cols.current[code] = _exact(col) if ind.type == "num" else list(col)
    # last year's few codes one comprehension each: for four codes that is cheaper than the path above's Python call
    # per unit (sharing that path measured ≈ 10 ms slower on the bench's 10,035 units)
    for code in framework.prev_codes:
        col = [r.get(code, MISSING) for r in previous]
        cols.previous[code] = _exact(col) if framework.indicators[code].type == "num" else col
    return cols


def _exact(col):
    memo = {}  # the same decimal text recurs across units: convert each once

    def convert(v):
        exact = memo.get(v)
        if exact is None:
            exact = memo[v] = exact_number(v)
        return exact

    return [v if v is MISSING or v.__class__ is int else convert(v) for v in col]


def exact_number(v):
    """``int`` or ``Fraction`` from an int, Decimal or decimal string."""
    if v.__class__ is str and "e" not in v.lower():
        whole, _, frac = v.strip().partition(".")
        if not frac.strip("0"):
            return int(whole)
        f = Fraction(int(whole + frac), 10 ** len(frac))  # avoids Fraction's regex parser
    else:
        f = Fraction(v)
    return f.numerator if f.denominator == 1 else f


@contextmanager
def _collector_paused():
    """No cyclic garbage collection while a batch builds its columns.

    The columns hold one tuple per unit: a national batch makes some 10,000 tracked objects, enough to start
    dozens of young collections and a full one, which walks the whole heap (the rows just read, every module) and
    frees nothing, since a batch makes no cycles. That was a third of the columns' time (13 of 44 ms on the bench's
    10,035 units). The collections that fell due run once after the batch, over what survived it. The switch is the
    process's: other threads run without collections meanwhile (a batch of the whole country lasts ~70 ms), and only
    the caller that found the collector on turns it back on, so a nested batch leaves it off and, whatever the order
    in which concurrent batches end, the collector is on again once the last of them has ended.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def evaluate_many(framework: Framework, rows) -> Batch:
    """Statuses of every unit of ``rows``, ``(figures, last year's figures)`` dictionaries."""
    with _collector_paused():
        return _evaluate_columns(framework, columns(framework, rows))


def _evaluate_columns(framework: Framework, cols: Columns) -> Batch:
    n = cols.n
    criteria, conditions, worst = {}, {}, 0
    for crit in framework.criteria:
        bits = [_condition_bits(cond, cols) for cond in crit.conditions]
        conditions[crit.code] = [b.to_bytes(n, "little").translate(_SEVERITY) for b in bits]
        either = reduce(or_, bits, 0)  # a unit's byte holds every status its conditions have
        criteria[crit.code] = either.to_bytes(n, "little").translate(_SEVERITY)
        worst |= either
    meets = list(map(bool, worst.to_bytes(n, "little").translate(_MEETS)))
    return Batch(framework, n, criteria, conditions, meets)


def evaluate(framework: Framework, values: dict, previous: dict) -> UnitResult:
    """One unit, with an explanation for every condition."""
    result = evaluate_many(framework, [(values, previous)]).unit(0)
    one = columns(framework, [(values, previous)])
    cur = {k: v[0] for k, v in one.current.items()}
    prev = {k: v[0] for k, v in one.previous.items()}
    for crit in framework.criteria:
        r = result.criteria[crit.code]
        r.conditions = [
            ConditionResult(cond.key, cond.text, status, explain(framework, cond, status, cur, prev))
            for cond, status in zip(crit.conditions, r.conditions)
        ]
    return result


def explain(framework: Framework, cond: Condition, status: str, cur: dict, prev: dict) -> str:
    if status == MISS:
        order = list(framework.indicators)
        absent = [framework.indicators[c].label for c in order if c in cond.reads and cur.get(c, MISSING) is MISSING]
        absent += [
            f"{framework.indicators[c].label} (năm trước)"
            for c in order
            if c in cond.reads_prev and prev.get(c, MISSING) is MISSING
        ]
        return "Thiếu dữ liệu: " + "; ".join(absent) + "."
    if status == NOT_APPLICABLE:
        return cond.na_text or "Không áp dụng: không có đối tượng để tính (mẫu số bằng 0)."
    return cond.explain.render(cur, prev)
