"""Carrying last year's figures into a ward formed by a reorganization.

A new ward has no record of last year, but the wards it was formed from do.
Where summing makes sense their figures become its "previous year":

- one predecessor that came whole (continued, renamed, reclassified): every figure carries over, it is the same place;
- several predecessors that came whole (a merger): counts (``int``) are summed; yes/no answers and measures such as
  an area are not, because "Phường A had X and Phường B had not" says nothing about the merged ward;
- a predecessor that was divided between several new wards: nothing is carried, since its counts cannot be
  apportioned without guessing. Those figures are entered by hand.

A count is summed only when every predecessor has it: a partial sum would understate last year.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SUMMABLE = {"int"}


@dataclass(frozen=True)
class Source:
    name: str
    values: dict | None  # last year's figures; None = no record of that year
    whole: bool  # came whole into the new ward (False: divided between several)


@dataclass
class Carried:
    values: dict = field(default_factory=dict)
    sources: list = field(default_factory=list)  # names of the wards summed
    reason: str = ""  # why nothing (or not everything) was carried, in Vietnamese


def carry(types: dict[str, str], sources: list[Source]) -> Carried:
    """``types`` maps indicator code → type ("int", "num", "bool")."""
    if not sources:
        return Carried()
    divided = [s.name for s in sources if not s.whole]
    if divided:
        return Carried(reason="không cộng dồn vì " + ", ".join(divided) + " được chia cho nhiều đơn vị mới")
    missing = [s.name for s in sources if s.values is None]
    if missing:
        return Carried(reason="không cộng dồn vì chưa có số liệu năm trước của " + ", ".join(missing))
    names = [s.name for s in sources]
    if len(sources) == 1:
        return Carried(dict(sources[0].values), names)
    out = {}
    for code, type_ in types.items():
        if type_ not in SUMMABLE:
            continue
        parts = [s.values.get(code) for s in sources]
        if all(isinstance(p, int) and not isinstance(p, bool) for p in parts):
            out[code] = sum(parts)
    return Carried(out, names, "chỉ cộng các chỉ tiêu đếm được; chỉ tiêu có/không và diện tích không cộng dồn")
