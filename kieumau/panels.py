"""Panels that capabilities add to shared pages (a ward's scorecard, a province's period summary) without those pages
importing them: a capability registers a function from its AppConfig.ready(); the page renders what they return.

A panel function returns None (nothing to show) or ``Panel(title, template, context)``.

A ward panel registered ``kept=True`` promises that what it shows changes only with an audit event on the ward, a
unit above it or a unit linked to it by lineage (kieumau.fragments.unit_versions): the scorecard keeps it rendered in
the cache. A panel that also shows what no event records (survey answers are counted, not audited) registers a
``stamp(unit, year)``: a cheap text that moves whenever that changes (one small query), read into the scorecard's key
with the version. Others are rendered on every request.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.template.loader import render_to_string


@dataclass(frozen=True)
class Panel:
    title: str
    template: str
    context: dict = field(default_factory=dict)

    def render(self) -> str:
        return render_to_string(self.template, {"panel": self, **self.context})


_ward: list = []
_kept: set = set()
_stamps: dict = {}  # panel function -> stamp(unit, year)
_province: list = []
_todo: list = []


def register_todo(fn) -> None:
    if fn not in _todo:
        _todo.append(fn)


def for_todo(user) -> list[Panel]:
    """Sections of the "Việc cần làm" page (fn(user) → Panel or None)."""
    return [p for p in (fn(user) for fn in _todo) if p is not None]


def register_ward(fn, *, kept: bool = False, stamp=None) -> None:
    if fn not in _ward:
        _ward.append(fn)
    if kept or stamp is not None:
        _kept.add(fn)
    if stamp is not None:
        _stamps[fn] = stamp


def ward_stamp(unit, year: int) -> str:
    """What the kept panels show beyond the audited data, as text for a cache key (read before the panels are)."""
    return "|".join(str(_stamps[fn](unit, year)) for fn in _ward if fn in _stamps)


def register_province(fn) -> None:
    if fn not in _province:
        _province.append(fn)


def ward_html(unit, year: int, user, *, kept: bool) -> list[tuple[int, str]]:
    """The rendered ward panels that are kept (``kept=True``) or not, each with its place among all ward panels."""
    out = []
    for place, fn in enumerate(_ward):
        if (fn in _kept) == kept:
            panel = fn(unit, year, user)
            if panel is not None:
                out.append((place, panel.render()))
    return out


def for_province(province, start, end, user) -> list[Panel]:
    return [p for p in (fn(province, start, end, user) for fn in _province) if p is not None]
