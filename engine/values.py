"""Value model of the rule engine.

Numbers are Python ``int`` or ``fractions.Fraction`` — never floats — so every
threshold comparison is exact. Two sentinels stand for the statuses a value can
have besides a number or a boolean:

* ``MISSING``: an input the computation needs is absent;
* ``NA``: there is nothing to count (a ratio whose denominator is 0, a
  condition whose ``when`` is false).

The sentinels absorb arithmetic and comparisons (``MISSING + 1`` is
``MISSING``; ``3 < NA`` is ``NA``), so compiled expressions need no checks on
their hot path. When both meet, ``MISSING`` wins: a missing input is reported
even where the ratio would also have been empty.
"""

from __future__ import annotations

from fractions import Fraction


class Sentinel:
    __slots__ = ("name", "rank")

    def __init__(self, name: str, rank: int):
        self.name = name
        self.rank = rank

    def __repr__(self) -> str:
        return self.name

    def __bool__(self) -> bool:  # a sentinel must never be used as a truth value
        raise TypeError(f"{self.name} has no truth value")

    def __reduce__(self):  # keep identity across pickling (multiprocessing)
        return (_sentinel_by_name, (self.name,))

    def _absorb(self, other):
        if other.__class__ is Sentinel and other.rank > self.rank:
            return other
        return self

    __add__ = __radd__ = __sub__ = __rsub__ = _absorb
    __mul__ = __rmul__ = __truediv__ = __rtruediv__ = _absorb
    __lt__ = __le__ = __gt__ = __ge__ = _absorb
    __neg__ = lambda self: self  # noqa: E731

    def __eq__(self, other):
        if other.__class__ is Sentinel:
            return self._absorb(other)
        return self

    def __ne__(self, other):
        return self.__eq__(other)

    def __hash__(self) -> int:
        # Fixed small hashes, distinct from hash(True) and hash(False), so a
        # dict keyed by {True, False, MISSING, NA} never needs __eq__.
        return 1000 + self.rank


NA = Sentinel("NA", 1)
MISSING = Sentinel("MISSING", 2)


def _sentinel_by_name(name: str) -> Sentinel:
    return {"NA": NA, "MISSING": MISSING}[name]


def is_sentinel(value) -> bool:
    return value.__class__ is Sentinel


def divide(a, b):
    """Exact division; a zero denominator means "nothing to count" (NA).

    NA wins over a missing numerator: when the denominator is a known zero the
    numerator does not matter (e.g. 0 tips received, processed count left blank).
    """
    if b.__class__ is not Sentinel and b == 0:
        return NA
    if a.__class__ is int and b.__class__ is int:
        q, r = divmod(a, b)
        return q if not r else Fraction(a, b)
    if a.__class__ is Sentinel or b.__class__ is Sentinel:
        return a + b  # absorbed by the sentinel rule
    return Fraction(a) / Fraction(b)


def and3(a, b):
    """Kleene AND where NA is skipped (the identity), as the spec skips N/A."""
    if a is False or b is False:
        return False
    if a is MISSING or b is MISSING:
        return MISSING
    if a is NA:
        return b
    if b is NA:
        return a
    return True


def or3(a, b):
    """Kleene OR where NA is skipped: ``x = 0 or (...)`` passes on x = 0 alone."""
    if a is True or b is True:
        return True
    if a is MISSING or b is MISSING:
        return MISSING
    if a is NA:
        return b
    if b is NA:
        return a
    return False


def not3(a):
    if a.__class__ is Sentinel:
        return a
    return not a


def to_number(value):
    """Normalise an ``int``/``Decimal``/``str`` number to ``int`` or ``Fraction``."""
    if value.__class__ is int:
        return value
    f = Fraction(value)
    return f.numerator if f.denominator == 1 else f
