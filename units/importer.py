"""Import administrative units from the data shipped in ``vietnamadminunits``.

Offline and at ward level only: we read the package's SQLite dataset
directly (never ``convert_address``, which may go online for street
addresses). Re-running an import changes nothing that is already right.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction

from audit.models import record

from .models import Level, Unit

LEGACY_SOURCE = "vietnamadminunits:legacy"
# The 63-province list stopped being valid when the two-tier local government started.
LEGACY_UNTIL = dt.date(2025, 7, 1)


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    provinces: list = field(default_factory=list)

    def __str__(self) -> str:
        return f"{self.created} mới, {self.updated} cập nhật, {self.unchanged} không đổi"


def legacy_rows(province_codes: list[str] | None = None) -> list[dict]:
    from vietnamadminunits.database import query

    sql = (
        "SELECT DISTINCT province, provinceShort, provinceCode, district, districtShort, districtType, districtCode,"
        " ward, wardShort, wardType, wardCode FROM admin_units_legacy WHERE wardCode IS NOT NULL"
    )
    rows = query(sql)
    if province_codes:
        wanted = {str(c) for c in province_codes}
        rows = [r for r in rows if r["provinceCode"] in wanted]
    return rows


def province_names() -> dict[str, str]:
    from vietnamadminunits.database import query

    return {r["provinceCode"]: r["province"] for r in query("SELECT DISTINCT provinceCode, province FROM admin_units_legacy")}


@transaction.atomic
def import_legacy(province_codes: list[str] | None = None) -> ImportReport:
    rows = legacy_rows(province_codes)
    if province_codes and not rows:
        raise ValueError(f"Không có mã tỉnh nào trong {', '.join(province_codes)} ở dữ liệu vietnamadminunits")
    report = ImportReport()
    wanted: dict[tuple, dict] = {}
    for r in rows:
        wanted.setdefault((Level.PROVINCE, r["provinceCode"]), dict(
            name=r["province"], short_name=r["provinceShort"], kind=_province_kind(r["province"]), parent=None))
        wanted.setdefault((Level.DISTRICT, r["districtCode"]), dict(
            name=r["district"], short_name=r["districtShort"], kind=r["districtType"], parent=(Level.PROVINCE, r["provinceCode"])))
        wanted[(Level.COMMUNE, r["wardCode"])] = dict(
            name=r["ward"], short_name=r["wardShort"], kind=r["wardType"] or "Xã", parent=(Level.DISTRICT, r["districtCode"]))
    report.provinces = sorted({code for (level, code) in wanted if level == Level.PROVINCE})
    sync_units(wanted, LEGACY_SOURCE, report, valid_until=LEGACY_UNTIL)
    return report


def sync_units(wanted: dict, source: str, report: ImportReport, *, valid_from=None, valid_until=None) -> dict:
    """Create or update the units of one source from ``{(level, code): attrs}``, parents first.

    Returns ``{(level, code): Unit}`` for every unit of that source. Records one audit row when anything changed.
    """
    existing = {(u.level, u.code): u for u in Unit.objects.filter(source=source)}
    for level in (Level.PROVINCE, Level.DISTRICT, Level.COMMUNE):
        new, changed = [], []
        for (lvl, code), attrs in wanted.items():
            if lvl != level:
                continue
            parent = existing[attrs["parent"]] if attrs["parent"] else None
            unit = existing.get((lvl, code))
            if unit is None:
                unit = Unit(code=code, level=lvl, source=source, valid_from=valid_from, valid_until=valid_until,
                            name=attrs["name"], short_name=attrs["short_name"], kind=attrs["kind"], parent=parent)
                new.append(unit)
            elif (unit.name, unit.short_name, unit.kind, unit.parent_id) != (
                attrs["name"], attrs["short_name"], attrs["kind"], parent.pk if parent else None
            ):
                unit.name, unit.short_name, unit.kind, unit.parent = attrs["name"], attrs["short_name"], attrs["kind"], parent
                changed.append(unit)
            else:
                report.unchanged += 1
        Unit.objects.bulk_create(new, batch_size=2000)
        if not all(u.pk for u in new):  # backends that do not return ids from bulk inserts
            ids = dict(Unit.objects.filter(source=source, level=level).values_list("code", "pk"))
            for u in new:
                u.pk = ids[u.code]
        for u in new:
            existing[(level, u.code)] = u
        Unit.objects.bulk_update(changed, ["name", "short_name", "kind", "parent"], batch_size=2000)
        _set_paths(new + changed)
        report.created += len(new)
        report.updated += len(changed)
    if report.created or report.updated:
        record(None, "units.imported", Unit, data={"source": source, "created": report.created,
                                                    "updated": report.updated, "provinces": report.provinces})
    return existing


def _set_paths(units: list[Unit]) -> None:
    for u in units:
        u.path = f"{u.parent.path if u.parent else '/'}{u.pk}/"
    Unit.objects.bulk_update(units, ["path"], batch_size=2000)


def _province_kind(name: str) -> str:
    return "Thành phố" if name.startswith("Thành phố") else "Tỉnh"
