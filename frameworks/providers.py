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
    # Optional ``kept = True``: the figures move only with an audit event naming the unit, a unit above it, a unit of
    # its lineage or no unit (kieumau.fragments.unit_versions), or with the day; the entry form then keeps them
    # (assessments.derived). Not for a register whose write may move another unit's figures without naming it, nor
    # for one that reads the assessments' figures (that version leaves out the figures saved).

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


def _concerned(codes) -> list[Provider]:
    return [p for p in _providers.values() if codes is None or p.codes & set(codes)]


def provided(unit, year: int, codes=None, *, kept: dict | None = None) -> dict[str, Provided]:
    """Every provided figure for the unit-year (only of ``codes``, when given: providers not concerned are not asked).
    ``kept``: what ``kept_values`` answered a moment ago, read back by the caller from where it keeps them; those
    providers are not asked again."""
    out: dict[str, Provided] = {}
    for provider in _concerned(codes):
        items = kept[provider.name] if kept is not None and provider.name in kept else provider.values(unit, year)
        for code, item in items.items():
            if codes is None or code in codes:
                out[code] = item
    return out


def kept_values(unit, year: int, codes=None) -> dict[str, dict[str, Provided]]:
    """The values of the concerned providers that declare ``kept``, by provider."""
    return {p.name: p.values(unit, year) for p in _concerned(codes) if getattr(p, "kept", False)}


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
