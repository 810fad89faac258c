"""Indicator providers: registers that compute a criterion's figures for a unit and a year, with their provenance.

A capability (the citizens' feedback register, later the resources registers) registers a provider here, in a layer
below the assessments, from its AppConfig.ready(); the assessment pages ask ``provided()`` and never import the
capability. When a register's rows change, the capability calls ``changed(unit_id, year)``: the assessments listen
(``figures_changed``) and refresh a figure that is still editable.

A provided figure is the ward's figure unless someone overrides it with a written reason (assessments.derived).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Protocol

from django.db import transaction
from django.dispatch import Signal

log = logging.getLogger("kieumau.providers")
figures_changed = Signal()  # sent with unit_id=…, year=…


@dataclass(frozen=True)
class Provided:
    code: str
    value: Any
    source: str  # the register, as users name it ("Sổ phản ánh của Nhân dân")
    detail: str  # how the figure was reached, with its numbers
    url: str = ""  # the rows behind the figure

    def as_dict(self) -> dict:
        return {"value": self.value, "source": self.source, "detail": self.detail, "url": self.url}


class Provider(Protocol):
    name: str
    codes: frozenset

    def values(self, unit, year: int) -> dict[str, Provided]:
        """The figures this provider has for the unit-year ({} when its register does not cover that year)."""


_providers: dict[str, Provider] = {}


def register(provider: Provider) -> None:
    clash = {c for other in _providers.values() if other.name != provider.name for c in other.codes & provider.codes}
    if clash:
        raise ValueError(f"indicators provided twice: {sorted(clash)}")
    _providers[provider.name] = provider


def registered() -> list[Provider]:
    return list(_providers.values())


def provided_codes() -> frozenset:
    return frozenset().union(*(p.codes for p in _providers.values())) if _providers else frozenset()


def provided(unit, year: int, codes=None) -> dict[str, Provided]:
    """Every provided figure for the unit-year (only of ``codes``, when given: providers not concerned are not asked)."""
    out: dict[str, Provided] = {}
    wanted = set(codes) if codes is not None else None
    for provider in _providers.values():
        if wanted is not None and not (provider.codes & wanted):
            continue
        for code, item in provider.values(unit, year).items():
            if wanted is None or code in wanted:
                out[code] = item
    return out


def changed(unit_id: int, year: int) -> None:
    figures_changed.send(sender=None, unit_id=unit_id, year=year)


def changed_on_commit(unit_id: int, year: int) -> None:
    """``changed`` once the register's write has committed; a failure there is logged, never undoes the write (the
    daily refresh, assessments.derived.refresh_year, catches up)."""
    def send():
        try:
            changed(unit_id, year)
        except Exception:  # noqa: BLE001 — logged; the register's write has committed already
            log.exception("refreshing provided figures failed (unit %s, year %s)", unit_id, year)

    transaction.on_commit(send)
