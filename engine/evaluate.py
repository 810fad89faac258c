"""Evaluate a framework for one unit or for many units at once.

Statuses follow spec/criteria-5764.md: a condition is pass / fail / missing /
not_applicable; a criterion fails if any condition fails, else is missing if
any is missing, else passes (all-N/A → not_applicable); a unit meets the
standard when no criterion fails or is missing.

Internally a status is a small int ordered by severity (N/A < pass < missing
< fail), so a criterion's status is the ``max`` of its conditions' and the
whole country is combined with C-level ``map(max, ...)``.

``evaluate_many`` computes statuses only: that is what pages store and what
the national benchmark times. ``evaluate`` adds the Vietnamese explanation of
every condition, for the scorecard and the ``evaluate`` command.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from .compiler import Columns
from .framework import Condition, Framework
from .values import MISSING, NA

PASS, FAIL, MISS, NOT_APPLICABLE = "pass", "fail", "missing", "not_applicable"
STATUSES = (PASS, FAIL, MISS, NOT_APPLICABLE)
# severity codes: the order matters (see module docstring)
S_NA, S_PASS, S_MISS, S_FAIL = 0, 1, 2, 3
NAMES = {S_NA: NOT_APPLICABLE, S_PASS: PASS, S_MISS: MISS, S_FAIL: FAIL}
_FROM_VALUE = {True: S_PASS, False: S_FAIL, MISSING: S_MISS, NA: S_NA}


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
    """Statuses for ``n`` units, stored column-wise (one list per criterion)."""

    def __init__(self, framework: Framework, n: int, criteria: dict, conditions: dict, meets: list):
        self.framework, self.n = framework, n
        self.criteria = criteria  # code -> [severity per unit]
        self.conditions = conditions  # code -> [[severity per unit] per condition]
        self.meets = meets  # [bool per unit]

    def unit(self, i: int) -> UnitResult:
        crits = {
            code: CriterionResult(code, NAMES[col[i]], [NAMES[c[i]] for c in self.conditions[code]])
            for code, col in self.criteria.items()
        }
        return UnitResult(crits, self.meets[i])

    def __iter__(self):
        return (self.unit(i) for i in range(self.n))


def _condition_severities(cond: Condition, cols: Columns) -> list[int]:
    values = cond.rule_fn(cols)
    sev = list(map(_FROM_VALUE.__getitem__, values))
    if cond.when_fn is None:
        return sev
    # when False / N/A → the requirement does not apply; when missing → missing
    return [s if w is True else (S_MISS if w is MISSING else S_NA) for w, s in zip(cond.when_fn(cols), sev)]


def columns(framework: Framework, rows) -> Columns:
    """Build columns from ``rows`` of ``(values, previous)`` dicts of typed values.

    ``num`` values may arrive as decimal strings (as stored in JSON); they are
    made exact here. Codes the framework does not know are ignored.
    """
    rows = list(rows)
    current = [r[0] for r in rows]
    previous = [r[1] for r in rows]
    cols = Columns(len(rows))
    # Building columns is most of the national evaluation's own time: a list comprehension calling the bound
    # ``get`` is about twice as fast here as ``map(methodcaller(...))`` (measured in docs/performance.md).
    for code, ind in framework.indicators.items():
        col = [r.get(code, MISSING) for r in current]
        cols.current[code] = _exact(col) if ind.type == "num" else col
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


def evaluate_many(framework: Framework, rows) -> Batch:
    cols = columns(framework, rows)
    criteria, conditions = {}, {}
    for crit in framework.criteria:
        cond_cols = [_condition_severities(cond, cols) for cond in crit.conditions]
        conditions[crit.code] = cond_cols
        criteria[crit.code] = list(map(max, *cond_cols)) if len(cond_cols) > 1 else list(cond_cols[0])
    worst = list(map(max, *criteria.values())) if len(criteria) > 1 else next(iter(criteria.values()), [])
    meets = [w <= S_PASS for w in worst]
    return Batch(framework, cols.n, criteria, conditions, meets)


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
