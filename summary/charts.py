"""Chart geometry as plain data, drawn as inline SVG by the template: prints as crisp as text, needs no script."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Segment:
    key: str
    label: str
    value: int
    x: float      # percent of the width
    width: float


def stacked(parts: list[tuple[str, str, int]]) -> list[Segment]:
    """One horizontal bar split into parts (key, label, value), widths in percent summing to 100 (or empty)."""
    total = sum(v for _k, _l, v in parts)
    out, x = [], 0.0
    if not total:
        return out
    for key, label, value in parts:
        if value:
            w = round(100 * value / total, 2)
            out.append(Segment(key, label, value, round(x, 2), w))
            x += w
    return out


@dataclass(frozen=True)
class Column:
    label: str
    target: int | None
    actual: int | None
    x: int            # left of the pair, in the chart's units (each pair is 100 wide, the plot 100 high)
    target_h: float
    actual_h: float

    @property
    def target_y(self) -> float:
        return round(100 - self.target_h, 2)

    @property
    def actual_y(self) -> float:
        return round(100 - self.actual_h, 2)


def columns(rows: list[tuple[str, int | None, int | None]]) -> list[Column]:
    """Paired columns (target, actual) scaled to the largest value (90 units high at most, room for the numbers)."""
    top = max([v for _l, t, a in rows for v in (t, a) if v is not None] or [0])
    scale = (lambda v: round(90 * v / top, 2) if v and top else 0.0)  # noqa: E731
    return [Column(label, t, a, 100 * i, scale(t), scale(a)) for i, (label, t, a) in enumerate(rows)]
