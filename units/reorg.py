"""Recording a future reorganization, by hand or from a CSV file (command ``reorganize``, admin page).

One row per lineage edge::

    ngay_hieu_luc,loai,ma_cu,ma_moi,ten_moi,loai_moi,ma_cap_tren,mac_dinh
    2027-01-01,merge,26734,26734,,,,
    2027-01-01,merge,26737,26734,,,,
    2027-01-01,split,26740,26743,Phường Mới,Phường,79,1

- ``ma_cu``: code of the unit valid the day before; it ends that day unless it is also ``ma_moi`` (it continues).
- ``ma_moi``: code of the successor. If no unit with that code is valid on the date, a new one is formed with
  ``ten_moi``, ``loai_moi`` (Phường/Xã/…) under the unit coded ``ma_cap_tren`` — all three are then required.
- ``mac_dinh``: for a split, 1 on the default successor (exactly one per divided unit).

Every row is checked before anything is written; a file with any error writes nothing and says, in Vietnamese,
which line and which column are wrong.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field

from django.db import transaction

from audit.models import record

from .models import Level, Lineage, Unit
from .signals import reorganized

COLUMNS = ["ngay_hieu_luc", "loai", "ma_cu", "ma_moi", "ten_moi", "loai_moi", "ma_cap_tren", "mac_dinh"]
KINDS = {k.value for k in Lineage.Kind}
SOURCE = "reorganize"
# The whole 2025 reform, the largest ever, was about 10,000 edges nationally (and is imported from the package data,
# not from this file); a province's reorganization is a few hundred rows. A file beyond these limits is refused whole
# before it is read further (a 200,000-row file used to keep the server busy for minutes).
MAX_BYTES = 2_000_000
MAX_ROWS = 10_000


@dataclass(frozen=True)
class Row:
    line: int
    day: dt.date
    kind: str
    old: str
    new: str
    new_name: str
    new_kind: str
    parent: str
    default: bool


@dataclass
class Plan:
    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # "Dòng N, cột X: ..."
    ending: list = field(default_factory=list)  # units that end
    forming: list = field(default_factory=list)  # (code, name, kind, parent unit, day) of units to form
    edges: list = field(default_factory=list)  # (old unit, new code, kind, default, day)
    existing: dict = field(default_factory=dict)  # (new code, level) → the unit already valid that day

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)


def parse(text: str) -> tuple[list[Row], list[str]]:
    """Read the CSV (pure: no database). Returns rows and errors."""
    rows, errors = [], []
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        return [], [f"Tệp lớn quá {MAX_BYTES // 1_000_000} MB (giới hạn cho một đợt sắp xếp); hãy chia thành nhiều tệp"]
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [c for c in COLUMNS[:4] if c not in (reader.fieldnames or [])]
    if missing:
        return [], [f"Thiếu cột: {', '.join(missing)} (dòng tiêu đề phải có {', '.join(COLUMNS)})"]
    for n, raw in enumerate(reader, start=2):
        if n - 1 > MAX_ROWS:
            return [], [f"Tệp có hơn {MAX_ROWS:,} dòng (giới hạn cho một đợt sắp xếp); hãy chia thành nhiều tệp".replace(",", ".")]
        get = lambda c: (raw.get(c) or "").strip()  # noqa: E731
        if not any(get(c) for c in COLUMNS):
            continue
        try:
            day = dt.date.fromisoformat(get("ngay_hieu_luc"))
        except ValueError:
            errors.append(f"Dòng {n}, cột ngay_hieu_luc: «{get('ngay_hieu_luc')}» không phải ngày dạng NNNN-TT-NN")
            continue
        kind = get("loai")
        if kind not in KINDS:
            errors.append(f"Dòng {n}, cột loai: «{kind}» không hợp lệ (dùng {', '.join(sorted(KINDS))})")
            continue
        for col in ("ma_cu", "ma_moi"):
            if not get(col).isdigit():
                errors.append(f"Dòng {n}, cột {col}: mã đơn vị «{get(col)}» phải là dãy số")
        if get("mac_dinh") not in ("", "0", "1"):
            errors.append(f"Dòng {n}, cột mac_dinh: dùng 1 (mặc định) hoặc 0")
        rows.append(Row(n, day, kind, get("ma_cu"), get("ma_moi"), get("ten_moi"), get("loai_moi"), get("ma_cap_tren"),
                        get("mac_dinh") == "1" or kind != Lineage.Kind.SPLIT))
    if not rows and not errors:
        errors.append("Tệp không có dòng dữ liệu nào")
    return rows, errors


class _Units:
    """The units a file names, read in a few queries (not one per row), looked up by code and date."""

    CHUNK = 900  # SQLite's bound-parameter limit

    def __init__(self, rows: list[Row]):
        codes = sorted({c for r in rows for c in (r.old, r.new, r.parent) if c})
        self.by_code: dict[str, list[Unit]] = {}
        for start in range(0, len(codes), self.CHUNK):
            for unit in Unit.objects.filter(code__in=codes[start : start + self.CHUNK]):
                self.by_code.setdefault(unit.code, []).append(unit)

    def valid_on(self, code: str, day: dt.date, levels=(Level.COMMUNE, Level.PROVINCE)) -> list[Unit]:
        return [u for u in self.by_code.get(code, []) if u.level in levels and (u.valid_from is None or u.valid_from <= day)
                and (u.valid_until is None or u.valid_until > day)]


def check(text: str) -> Plan:
    """Parse and check against the database; writes nothing."""
    rows, errors = parse(text)
    plan = Plan(rows, errors)
    if errors:
        return plan
    units = _Units(rows)
    _valid_on = units.valid_on
    forming: dict[str, tuple] = {}
    defaults: dict[str, list] = {}
    for r in rows:
        before = _valid_on(r.old, r.day - dt.timedelta(days=1))
        if len(before) != 1:
            plan.errors.append(f"Dòng {r.line}, cột ma_cu: không có đơn vị mã {r.old} còn hiệu lực ngày "
                               f"{r.day - dt.timedelta(days=1):%d/%m/%Y}" if not before else
                               f"Dòng {r.line}, cột ma_cu: mã {r.old} ứng với nhiều đơn vị, không đoán")
            continue
        old = before[0]
        existing = [u for u in _valid_on(r.new, r.day) if u.level == old.level]
        if existing:
            plan.existing[(r.new, old.level)] = existing[0]
        elif r.new not in forming:
            if not (r.new_name and r.new_kind and r.parent):
                plan.errors.append(f"Dòng {r.line}: chưa có đơn vị mã {r.new} ngày {r.day:%d/%m/%Y}; "
                                   "cần ten_moi, loai_moi và ma_cap_tren để lập đơn vị mới")
                continue
            parents = _valid_on(r.parent, r.day, levels=(Level.PROVINCE, Level.DISTRICT))
            if len(parents) != 1:
                plan.errors.append(f"Dòng {r.line}, cột ma_cap_tren: không có đơn vị cấp trên mã {r.parent} ngày {r.day:%d/%m/%Y}")
                continue
            forming[r.new] = (r.new, r.new_name, r.new_kind, parents[0], r.day)
        plan.edges.append((old, r.new, r.kind, r.default, r.day))
        if r.kind == Lineage.Kind.SPLIT:
            defaults.setdefault(r.old, []).append(r)
        if r.old != r.new and old not in plan.ending:
            plan.ending.append(old)
    for code, split_rows in defaults.items():
        if sum(r.default for r in split_rows) != 1:
            plan.errors.append(f"Dòng {', '.join(str(r.line) for r in split_rows)}: đơn vị {code} bị chia phải có đúng một "
                               "đơn vị kế thừa mặc định (mac_dinh = 1)")
    plan.forming = list(forming.values())
    return plan


@transaction.atomic
def apply(text: str, actor=None) -> Plan:
    """Check, then write everything or nothing. Re-applying the same file changes nothing."""
    plan = check(text)
    if not plan.ok:
        return plan
    made: dict[str, Unit] = {}
    changed = 0
    for code, name, kind, parent, day in plan.forming:  # new wards/communes (a new province is formed by an import)
        made[code], was_made = Unit.objects.get_or_create(code=code, level=Level.COMMUNE, valid_from=day, defaults=dict(
            name=name, short_name=name.split(" ", 1)[-1], kind=kind, parent=parent, source=SOURCE))
        changed += was_made
    created = 0
    for old, new_code, kind, default, day in plan.edges:
        new = made.get(new_code) or plan.existing[(new_code, old.level)]
        _edge, was_made = Lineage.objects.get_or_create(predecessor=old, successor=new, effective_date=day,
                                                        defaults=dict(kind=kind, is_default_successor=default,
                                                                      note="Ghi nhận thủ công"))
        created += was_made
    ends_on = {old.pk: day for old, _code, _kind, _default, day in plan.edges}
    for old in plan.ending:
        day = ends_on[old.pk]
        if old.valid_until != day:
            old.valid_until = day
            old.save(update_fields=["valid_until"])
            changed += 1
    if created or changed:
        reorganized.send(sender=Lineage)  # what the ended units left unfinished is closed (assessments.closing)
        record(actor, "units.reorganized", Lineage, data={"source": SOURCE, "edges_created": created,
                                                          "formed": [c for c, *_ in plan.forming],
                                                          "ended": [u.code for u in plan.ending]})
    return plan
