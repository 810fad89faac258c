"""Reorganizations of 2024 that the package data already reflects, recorded as facts.

``vietnamadminunits``' pre-2025 list is the list *after* the 2024 changes, so
the wards that disappeared in 2024 are not in it. Without them a 2023 report
of Khánh Hòa would show 30 wards instead of the 35 it had, and the 2023
assessments of the six Nha Trang wards would have nowhere to live. This module
adds them back, valid until the change, with lineage edges to their successors.

Official codes of the wards that ended come from the national list in force
before the change (the package keeps their gaps: 22342, 22345, 22354, 22360,
22369; the new Phường Tân Tiến took 22366, the code of Phường Phước Tiến).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from audit.models import record

from .importer import LEGACY_SOURCE
from .models import Level, Lineage, Unit
from .signals import reorganized

SOURCE = "facts:2024"


@dataclass(frozen=True)
class Change:
    province: str
    district: str  # official code of the district the wards belonged to
    effective: dt.date
    act: str
    # (code, name, kind) of units that ended on ``effective``
    ended: tuple
    # (code of the unit that continues or was formed, formed on ``effective``?)
    successors: tuple
    # (old code, new code, lineage kind)
    edges: tuple


NHA_TRANG_2024 = Change(
    province="56", district="568", effective=dt.date(2024, 11, 1),
    act="Nghị quyết của UBTVQH về sắp xếp ĐVHC cấp xã tỉnh Khánh Hòa giai đoạn 2023–2025",
    ended=(("22342", "Phường Xương Huân", "Phường"), ("22345", "Phường Vạn Thắng", "Phường"),
           ("22354", "Phường Phương Sơn", "Phường"), ("22360", "Phường Phước Tân", "Phường"),
           ("22366", "Phường Phước Tiến", "Phường"), ("22369", "Phường Tân Lập", "Phường")),
    successors=(("22351", False), ("22348", False), ("22366", True)),  # Phương Sài, Vạn Thạnh continue; Tân Tiến is new
    edges=(("22354", "22351", Lineage.Kind.MERGE),  # Phương Sơn → Phương Sài
           ("22342", "22348", Lineage.Kind.MERGE), ("22345", "22348", Lineage.Kind.MERGE),  # Xương Huân, Vạn Thắng → Vạn Thạnh
           ("22366", "22366", Lineage.Kind.MERGE), ("22360", "22366", Lineage.Kind.MERGE),
           ("22369", "22366", Lineage.Kind.MERGE)),  # Phước Tiến, Phước Tân, Tân Lập → Tân Tiến
)

BEN_CAT_2024 = Change(
    province="74", district="721", effective=dt.date(2024, 5, 1),
    act="Nghị quyết của UBTVQH thành lập thành phố Bến Cát và các phường thuộc thành phố Bến Cát",
    ended=(("25840", "Xã An Điền", "Xã"), ("25843", "Xã An Tây", "Xã")),
    successors=(("25840", True), ("25843", True)),  # the same communes, now wards (phường)
    edges=(("25840", "25840", Lineage.Kind.RECLASSIFY), ("25843", "25843", Lineage.Kind.RECLASSIFY)),
)

CHANGES = (NHA_TRANG_2024, BEN_CAT_2024)


@transaction.atomic
def apply_2024(province_codes: list[str] | None = None) -> int:
    """Record the 2024 changes of the given provinces (all known ones when None); idempotent. Returns edges created."""
    created = 0
    for change in CHANGES:
        if province_codes and change.province not in province_codes:
            continue
        district = Unit.objects.filter(level=Level.DISTRICT, code=change.district, source=LEGACY_SOURCE).first()
        if district is None:
            continue  # that province's units are not imported yet
        current = {u.code: u for u in Unit.objects.filter(
            level=Level.COMMUNE, source=LEGACY_SOURCE, code__in=[c for c, _ in change.successors])}
        moved = 0  # units dated or made here: the map changed even when every edge exists already
        for code, formed in change.successors:
            unit = current[code]
            if formed and unit.valid_from != change.effective:
                unit.valid_from = change.effective
                unit.save(update_fields=["valid_from"])
                moved += 1
        old = {}
        for code, name, kind in change.ended:
            unit, made = Unit.objects.get_or_create(
                level=Level.COMMUNE, code=code, source=SOURCE, valid_until=change.effective,
                defaults=dict(name=name, short_name=name.split(" ", 1)[1], kind=kind, parent=district))
            old[code] = unit
            moved += made
        made_here = 0
        for old_code, new_code, kind in change.edges:
            _edge, made = Lineage.objects.get_or_create(
                predecessor=old[old_code], successor=current[new_code], effective_date=change.effective,
                defaults=dict(kind=kind, is_default_successor=True, note=change.act))
            made_here += made
        created += made_here
        reorganized.send(sender=Lineage)
        if made_here or moved:
            # naming no unit, as every reorganization does: lineage moved, and pages of any land may read it
            # (kieumau.fragments.family and unit_versions keep what they derive from lineage under that version)
            record(None, "units.reorganized", Lineage,
                   data={"source": SOURCE, "effective": change.effective.isoformat(), "act": change.act,
                         "district": district.code})
    return created
