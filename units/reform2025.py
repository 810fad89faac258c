"""The 1/7/2025 structure (34 provinces, 3,321 communes, no districts) and the official old → new mapping.

Everything comes from ``vietnamadminunits``' bundled data, offline: the
``admin_units`` table (the 2025 list) and ``converter_2025.json`` (which
old wards went whole into which new one, and which were divided, with the
default successor marked). Mapping keys are resolved to official codes through
the package's own key columns; a key that resolves to nothing is reported and
skipped, never guessed. Re-running changes nothing that is already right.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from audit.models import record

from . import facts
from .importer import LEGACY_SOURCE, LEGACY_UNTIL, ImportReport, _province_kind, import_legacy, sync_units
from .models import Level, Lineage, Unit
from .signals import reorganized

SOURCE = "vietnamadminunits:2025"
REFORM_DATE = LEGACY_UNTIL  # the two-tier local government started on 1/7/2025
ACT = "Sắp xếp ĐVHC 2025 (chính quyền địa phương hai cấp, hiệu lực 01/7/2025)"


@dataclass
class ReformReport:
    units: ImportReport = field(default_factory=ImportReport)
    legacy: ImportReport | None = None
    edges_created: int = 0
    edges_updated: int = 0
    unknown: list = field(default_factory=list)  # Vietnamese lines: which mapping key could not be resolved

    def __str__(self) -> str:
        return (f"đơn vị 2025: {self.units}; quan hệ kế thừa: {self.edges_created} mới, {self.edges_updated} cập nhật;"
                f" {len(self.unknown)} mục không khớp")


def _package_data():
    import vietnamadminunits
    from vietnamadminunits.database import query

    converter = json.loads((Path(vietnamadminunits.__file__).parent / "data" / "converter_2025.json").read_text("utf-8"))
    new_rows = query("SELECT province, provinceShort, provinceCode, provinceKey, ward, wardShort, wardType, wardCode, wardKey"
                     " FROM admin_units")
    old_rows = query("SELECT provinceCode, provinceKey, districtKey, wardKey, wardCode, wardShort, wardType"
                     " FROM admin_units_legacy WHERE wardCode IS NOT NULL")
    return converter, new_rows, old_rows


def _kind(old: dict, new: dict, sources: int) -> str:
    if sources > 1:
        return Lineage.Kind.MERGE
    if (old["wardType"] or "Xã") != new["wardType"]:
        return Lineage.Kind.RECLASSIFY
    if old["wardShort"] != new["wardShort"]:
        return Lineage.Kind.RENAME
    return Lineage.Kind.CONTINUE


@transaction.atomic
def import_2025(province_codes: list[str] | None = None) -> ReformReport:
    """Import the 2025 provinces given by their 2025 codes (all when None), their predecessors, and the lineage."""
    converter, new_rows, old_rows = _package_data()
    if province_codes:
        wanted_codes = {str(c) for c in province_codes}
        new_rows = [r for r in new_rows if r["provinceCode"] in wanted_codes]
        if not new_rows:
            raise ValueError(f"Không có mã tỉnh nào trong {', '.join(province_codes)} ở danh mục 2025")
    report = ReformReport()
    new_by_key = {(r["provinceKey"], r["wardKey"]): r for r in new_rows}
    province_keys = {r["provinceKey"]: r for r in new_rows}
    old_by_key = {f"{r['provinceKey']}_{r['districtKey']}_{r['wardKey']}": r for r in old_rows}
    old_province_code = {r["provinceKey"]: r["provinceCode"] for r in old_rows}

    # The predecessors first: the pre-2025 units of every old province that went into the chosen ones.
    old_codes = set()
    for pkey in province_keys:
        for old_key in converter["DICT_PROVINCE"].get(pkey, []):
            if old_key in old_province_code:
                old_codes.add(old_province_code[old_key])
            else:
                report.unknown.append(f"Tỉnh cũ «{old_key}» (nhập vào {province_keys[pkey]['province']}) không có trong danh mục trước 2025")
    report.legacy = import_legacy(sorted(old_codes))
    facts.apply_2024(sorted(old_codes))

    wanted: dict[tuple, dict] = {}
    for r in new_rows:
        wanted.setdefault((Level.PROVINCE, r["provinceCode"]), dict(
            name=r["province"], short_name=r["provinceShort"], kind=_province_kind(r["province"]), parent=None))
        wanted[(Level.COMMUNE, r["wardCode"])] = dict(
            name=r["ward"], short_name=r["wardShort"], kind=r["wardType"], parent=(Level.PROVINCE, r["provinceCode"]))
    report.units.provinces = sorted({code for level, code in wanted if level == Level.PROVINCE})
    new_units = sync_units(wanted, SOURCE, report.units, valid_from=REFORM_DATE)
    old_units = {(u.level, u.code): u for u in Unit.objects.filter(source=LEGACY_SOURCE, level__in=[Level.PROVINCE, Level.COMMUNE])
                 .only("id", "level", "code")}

    edges: dict[tuple, tuple] = {}  # (predecessor id, successor id) → (kind, default)
    for pkey, row in province_keys.items():
        olds = converter["DICT_PROVINCE"].get(pkey, [])
        for old_key in olds:
            old = old_units.get((Level.PROVINCE, old_province_code.get(old_key)))
            if old:
                kind = Lineage.Kind.MERGE if len(olds) > 1 else Lineage.Kind.CONTINUE
                edges[(old.pk, new_units[(Level.PROVINCE, row["provinceCode"])].pk)] = (kind, True)
        whole = converter["DICT_PROVINCE_WARD_NO_DIVIDED"].get(pkey, {})
        divided = converter["DICT_PROVINCE_WARD_DIVIDED"].get(pkey, {})
        split_into: dict[str, list] = {}
        for old_key, targets in divided.items():
            for t in targets:
                split_into.setdefault(t["newWardKey"], []).append(old_key)
        for new_key in sorted(set(whole) | set(split_into)):
            new = new_by_key.get((pkey, new_key))
            if new is None:
                report.unknown.append(f"Phường/xã mới «{new_key}» ({row['province']}) không có trong danh mục 2025")
                continue
            successor = new_units[(Level.COMMUNE, new["wardCode"])]
            sources = len(whole.get(new_key, [])) + len(split_into.get(new_key, []))
            for old_key in whole.get(new_key, []):
                old = _resolve(old_key, old_by_key, old_units, report, new["ward"])
                if old:
                    edges[(old[0].pk, successor.pk)] = (_kind(old[1], new, sources), True)
        for old_key, targets in divided.items():
            old = _resolve(old_key, old_by_key, old_units, report, row["province"])
            for t in targets:
                new = new_by_key.get((pkey, t["newWardKey"]))
                if new is None:
                    report.unknown.append(f"Phường/xã mới «{t['newWardKey']}» (nhận một phần của «{old_key}») không có trong danh mục 2025")
                elif old:
                    edges[(old[0].pk, new_units[(Level.COMMUNE, new["wardCode"])].pk)] = (Lineage.Kind.SPLIT, bool(t["isDefaultNewWard"]))
    _save_edges(edges, report)
    reorganized.send(sender=Lineage)
    if report.edges_created or report.edges_updated:
        record(None, "units.reorganized", Lineage, data={"source": SOURCE, "effective": REFORM_DATE.isoformat(),
                                                         "created": report.edges_created, "updated": report.edges_updated,
                                                         "unknown": len(report.unknown)})
    return report


def _resolve(old_key, old_by_key, old_units, report, where):
    row = old_by_key.get(old_key)
    unit = old_units.get((Level.COMMUNE, row["wardCode"])) if row else None
    if unit is None:
        why = "là huyện không có cấp xã" if old_key.endswith("_") else "không có trong danh mục trước 2025"
        report.unknown.append(f"Phường/xã cũ «{old_key}» (chuyển vào {where}) {why}: bỏ qua, không đoán")
        return None
    return unit, row


def _save_edges(edges: dict, report: ReformReport) -> None:
    existing = {(e.predecessor_id, e.successor_id): e for e in Lineage.objects.filter(effective_date=REFORM_DATE)}
    new, changed = [], []
    for (pred, succ), (kind, default) in edges.items():
        edge = existing.get((pred, succ))
        if edge is None:
            new.append(Lineage(predecessor_id=pred, successor_id=succ, kind=kind, is_default_successor=default,
                               effective_date=REFORM_DATE, note=ACT))
        elif (edge.kind, edge.is_default_successor) != (kind, default):
            edge.kind, edge.is_default_successor = kind, default
            changed.append(edge)
    Lineage.objects.bulk_create(new, batch_size=2000)
    Lineage.objects.bulk_update(changed, ["kind", "is_default_successor"], batch_size=2000)
    report.edges_created, report.edges_updated = len(new), len(changed)
