"""Finding a ward by what a citizen types: today's wards by name, and old names (before a merger) leading to the
wards they became (each successor where an old ward was split). Accents and "phường" are optional."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from unidecode import unidecode

from kieumau import clock
from units.history import successors_by_unit
from units.models import Level, Unit
from units.territory import is_valid_on

MAX_RESULTS = 12
_TTL = 600  # seconds the name index is kept in memory (units change a few times a decade)
_index: tuple[float, list] | None = None
_PREFIX = re.compile(r"^(phuong|xa|thi tran|p\.?)\s+")


@dataclass(frozen=True)
class Match:
    unit: Unit  # a ward valid today
    province: str
    via: str = ""  # the old name typed, when the ward is found through its history


def fold(text: str) -> str:
    text = unidecode((text or "")[:100]).lower()
    text = re.sub(r"[^a-z0-9 ]+", " ", text)
    return " ".join(text.split())


def _key(name: str) -> str:
    return _PREFIX.sub("", fold(name))


def _load() -> list:
    global _index
    if _index is not None and time.monotonic() - _index[0] < _TTL:
        return _index[1]
    rows = [(_key(name), pk) for pk, name in Unit.objects.filter(level=Level.COMMUNE).values_list("pk", "name")]
    _index = (time.monotonic(), rows)
    return rows


def forget() -> None:
    global _index
    _index = None


def find(typed: str) -> list[Match]:
    query = _key(typed)
    if len(query) < 2:
        return []
    hits = sorted(pk for key, pk in _load() if query in key)
    units = Unit.objects.in_bulk(hits[:200])
    today = clock.today()
    found: dict[int, tuple] = {}  # ward id → (ward, the old unit it was found through, or None)
    exact = sorted(units.values(), key=lambda u: (_key(u.name) != query, u.name))
    old = [u for u in exact if not is_valid_on(u, today)]
    became = successors_by_unit([u.pk for u in old]) if old else {}  # one query per generation for all of them
    wards_now = Unit.objects.valid_on(today).filter(pk__in=set().union(*became.values()) if became else [],
                                                    level=Level.COMMUNE, kind="Phường").order_by("name")
    wards_now = list(wards_now)
    for unit in exact:
        if len(found) >= MAX_RESULTS:
            break
        if is_valid_on(unit, today):
            if unit.kind == "Phường" and unit.pk not in found:
                found[unit.pk] = (unit, None)
            continue
        for s in wards_now:
            if s.pk in became[unit.pk] and s.pk not in found:
                found[s.pk] = (s, unit)
    shown = list(found.values())[:MAX_RESULTS]
    names = province_names([u for pair in shown for u in pair if u is not None])
    return [Match(ward, names[ward.pk], via=f"{old.name} ({names[old.pk]}, trước {_until(old)})" if old else "")
            for ward, old in shown]


def _until(unit) -> str:
    return f"{unit.valid_until:%d/%m/%Y}" if unit.valid_until else ""


def province_names(units) -> dict[int, str]:
    """Unit id → the name of its province, for all of ``units`` in one query."""
    roots = dict(Unit.objects.filter(pk__in={u.root_id for u in units}).values_list("pk", "name"))
    return {u.pk: roots.get(u.root_id, "") for u in units}


def ward_today(code: str) -> Unit | None:
    """The ward bearing ``code`` today (codes are reused over time: the one valid now)."""
    code = (code or "").strip()[:10]
    if not code.isascii() or not code.isdigit():
        return None
    return (Unit.objects.valid_on(clock.today()).filter(code=code, level=Level.COMMUNE, kind="Phường")
            .select_related("parent").first())
