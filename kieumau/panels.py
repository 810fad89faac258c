"""Panels that capabilities add to shared pages (a ward's scorecard, a province's period summary) without those pages
importing them: a capability registers a function from its AppConfig.ready(); the page renders what they return.

A panel function returns None (nothing to show) or ``Panel(title, template, context)``.
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
_province: list = []
_todo: list = []


def register_todo(fn) -> None:
    if fn not in _todo:
        _todo.append(fn)


def for_todo(user) -> list[Panel]:
    """Sections of the "Việc cần làm" page (fn(user) → Panel or None)."""
    return [p for p in (fn(user) for fn in _todo) if p is not None]


def register_ward(fn) -> None:
    if fn not in _ward:
        _ward.append(fn)


def register_province(fn) -> None:
    if fn not in _province:
        _province.append(fn)


def for_ward(unit, year: int, user) -> list[Panel]:
    return [p for p in (fn(unit, year, user) for fn in _ward) if p is not None]


def for_province(province, start, end, user) -> list[Panel]:
    return [p for p in (fn(province, start, end, user) for fn in _province) if p is not None]
