"""Figures derived from the registers, as pure functions over plain rows (tested with random tables): the equipment
a ward lacks against its norm and what closing the gap costs, and funding totals. No database here."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

ZERO = Decimal(0)


@dataclass(frozen=True)
class NormRow:
    item_id: int
    name: str
    category: str
    norm: int  # quantity per ward of the ward's kind
    unit_price: Decimal | None  # VND; None when the table has no price


@dataclass(frozen=True)
class Line:
    item_id: int
    name: str
    category: str
    norm: int
    held: int
    unit_price: Decimal | None

    @property
    def missing(self) -> int:
        return max(self.norm - self.held, 0)

    @property
    def cost(self) -> Decimal | None:
        """What closing the gap costs (VND), None without a unit price."""
        return None if self.unit_price is None else self.unit_price * self.missing


def lines(norms: list[NormRow], held: dict[int, int]) -> list[Line]:
    """Each norm item with quantity > 0 against what the ward holds (an item not recorded counts as 0 held)."""
    return [Line(n.item_id, n.name, n.category, n.norm, held.get(n.item_id, 0), n.unit_price) for n in norms if n.norm > 0]


def shortfalls(rows: list[Line]) -> list[Line]:
    return [r for r in rows if r.missing > 0]


def by_cost(rows: list) -> list:
    """Rows with a known cost first, dearest first; then those without a price (by name)."""
    priced = sorted((r for r in rows if r.cost is not None), key=lambda r: (-r.cost, r.name))
    return priced + sorted((r for r in rows if r.cost is None), key=lambda r: r.name)


@dataclass(frozen=True)
class Gap:
    """A ward's (or the province's) shortfall summary."""

    items: int  # norm items short
    units: int  # pieces missing
    cost: Decimal  # of the priced ones
    unpriced: int  # items short without a unit price


def gap(rows: list[Line]) -> Gap:
    short = shortfalls(rows)
    return Gap(len(short), sum(r.missing for r in short), sum((r.cost for r in short if r.cost is not None), ZERO),
               sum(1 for r in short if r.cost is None))


def province_lines(per_ward: dict) -> list[Line]:
    """The province's shortfall per item: ``per_ward`` maps a ward to its lines; the missing pieces are added up."""
    missing: dict[int, int] = defaultdict(int)
    first: dict[int, Line] = {}
    for rows in per_ward.values():
        for r in shortfalls(rows):
            missing[r.item_id] += r.missing
            first.setdefault(r.item_id, r)
    return [Line(i, first[i].name, first[i].category, missing[i], 0, first[i].unit_price) for i in missing]


@dataclass(frozen=True)
class Totals:
    planned: Decimal
    disbursed: Decimal
    lines: int


def totals(amounts: list[tuple[Decimal, Decimal]]) -> Totals:
    """Sums of (planned, disbursed) pairs, exact."""
    return Totals(sum((p for p, _d in amounts), ZERO), sum((d for _p, d in amounts), ZERO), len(amounts))


def stored(value: Decimal) -> str:
    """A decimal as assessments store a ``num`` figure (engine.inputs): "123.45", "200" — never a float."""
    normal = Decimal(value).normalize()
    return f"{normal:f}" if normal != normal.to_integral() else str(int(normal))
