"""A province's norm tables (land per kind of ward, equipment per kind of ward) from a YAML data file.

The whole file is checked before anything is written: one bad row refuses the file, with a Vietnamese message naming
the line and the field. Loading replaces the province's tables (items are matched by ``code``, so the wards' holdings
follow them); an item that wards already hold cannot be dropped from the file — set its quantities to 0 instead.

    province: "56"                      # official code of the province on today's map
    title: "…"
    source: "Thông tư 69/2021/TT-BCA"   # default legal source of the rows
    land:
      - {kind: loai-1, work_m2: 1000, living_m2: 600, source: "…"}
    equipment:
      - {code: o-to, category: giao-thong, name: "Xe ô tô", unit: chiếc, price: 850000000,
         quantity: {loai-1: 1, loai-2: 1, loai-3: 0}}
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from audit.models import record
from engine import yamlsource
from kieumau import clock
from kieumau.commands import os_problem, shown
from units.models import Level, Unit

from .models import Category, EquipmentItem, EquipmentNorm, Headquarters, LandNorm, WardKind
from .services import changed

DATA_DIR = Path(__file__).resolve().parent / "data"
MAX_M2 = Decimal(10**7)
MAX_PRICE = Decimal(10**13)
MAX_QUANTITY = 10_000
TOP_KEYS = {"province", "title", "source", "land", "equipment"}
LAND_KEYS = {"kind", "work_m2", "living_m2", "source"}
ITEM_KEYS = {"code", "category", "name", "unit", "price", "source", "quantity"}


class NormError(ValueError):
    def __init__(self, message: str, line: int | None = None, where: str = ""):
        self.message, self.line, self.where = message, line, where
        place = " — ".join(p for p in (f"dòng {line}" if line else "", f"«{where}»" if where else "") if p)
        super().__init__(f"{place[:1].upper()}{place[1:]}: {message}" if place else message)


@dataclass
class Table:
    province: Unit
    title: str
    land: list = field(default_factory=list)  # dicts: kind, work, living, source
    items: list = field(default_factory=list)  # dicts: code, category, name, unit, price, source, quantity{kind: n}
    digest: str = ""


class _Reader:
    def __init__(self, lines: dict):
        self.lines = lines

    def fail(self, path: str, message: str):
        holder, line = path, self.lines.get(path)
        while line is None and holder:  # an absent key: the line of what should hold it
            holder = holder.rpartition(".")[0] if "." in holder else holder.rpartition("[")[0]
            line = self.lines.get(holder)
        raise NormError(message, line, path)

    def text(self, data: dict, path: str, key: str, *, limit: int, default=None) -> str:
        value = data.get(key, default)
        if not isinstance(value, str) or not value.strip():
            self.fail(f"{path}.{key}", "cần một chuỗi ký tự, không để trống")
        if len(value) > limit:
            self.fail(f"{path}.{key}", f"dài quá {limit} ký tự")
        return value.strip()

    def number(self, data: dict, path: str, key: str, *, maximum: Decimal, places: int, required: bool = True):
        value = data.get(key)
        if value is None and not required:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            self.fail(f"{path}.{key}", "cần một số")
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            self.fail(f"{path}.{key}", f"«{str(value)[:30]}» không phải là số (viết 1234.5, không dùng dấu phân cách nghìn)")
        if not number.is_finite() or number < 0:
            self.fail(f"{path}.{key}", "không được là số âm")
        if number > maximum:
            self.fail(f"{path}.{key}", f"số quá lớn (tối đa {maximum:f})")
        if -number.normalize().as_tuple().exponent > places:
            self.fail(f"{path}.{key}", f"tối đa {places} chữ số thập phân" if places else "phải là số nguyên")
        return number

    def keys(self, data, path: str, allowed: set, what: str) -> dict:
        if not isinstance(data, dict):
            self.fail(path, f"mỗi {what} phải là một bảng khóa: giá trị")
        unknown = sorted(set(data) - allowed)
        if unknown:
            self.fail(f"{path}.{unknown[0]}", f"khóa «{unknown[0]}» không dùng trong {what} (dùng: {', '.join(sorted(allowed))})")
        return data


def parse(text: str) -> Table:
    try:
        data, lines = yamlsource.load(text)
    except yamlsource.SourceError as e:
        raise NormError(e.message, e.line, e.path) from None
    r = _Reader(lines)
    r.keys(data, "", TOP_KEYS, "tệp định mức")
    code = data.get("province")
    if not isinstance(code, str) or not code.strip():
        r.fail("province", "cần mã tỉnh, thành phố (chuỗi, ví dụ \"56\")")
    province = Unit.objects.valid_on(clock.today()).filter(level=Level.PROVINCE, code=code.strip()).first()
    if province is None:
        r.fail("province", f"không có tỉnh, thành phố mã «{code[:10]}» đang tồn tại")
    default_source = data.get("source") or ""
    table = Table(province, r.text(data, "", "title", limit=300),
                  digest=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest())
    land, items = data.get("land") or [], data.get("equipment") or []
    if not isinstance(land, list):
        r.fail("land", "«land» phải là một danh sách")
    if not isinstance(items, list):
        r.fail("equipment", "«equipment» phải là một danh sách")
    seen = set()
    for i, row in enumerate(land):
        path = f"land[{i}]"
        r.keys(row, path, LAND_KEYS, "dòng định mức đất")
        kind = row.get("kind")
        if kind not in WardKind.values:
            r.fail(f"{path}.kind", f"loại phường «{str(kind)[:20]}» không có (dùng: {', '.join(WardKind.values)})")
        if kind in seen:
            r.fail(f"{path}.kind", f"loại phường «{kind}» đã có ở dòng trên")
        seen.add(kind)
        table.land.append({"kind": kind, "work": r.number(row, path, "work_m2", maximum=MAX_M2, places=2),
                           "living": r.number(row, path, "living_m2", maximum=MAX_M2, places=2),
                           "source": r.text(row, path, "source", limit=300, default=default_source)})
    codes = set()
    for i, row in enumerate(items):
        path = f"equipment[{i}]"
        r.keys(row, path, ITEM_KEYS, "hạng mục trang bị")
        code = r.text(row, path, "code", limit=40)
        if slugify(code) != code:
            r.fail(f"{path}.code", f"mã «{code}» chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang")
        if code in codes:
            r.fail(f"{path}.code", f"mã «{code}» bị lặp")
        codes.add(code)
        category = row.get("category")
        if category not in Category.values:
            r.fail(f"{path}.category", f"nhóm «{str(category)[:30]}» không có (dùng: {', '.join(Category.values)})")
        quantity = row.get("quantity")
        if not isinstance(quantity, dict) or not quantity:
            r.fail(f"{path}.quantity", "cần số lượng theo loại phường, ví dụ {loai-1: 2, loai-2: 1}")
        per_kind = {}
        for kind in quantity:
            if kind not in WardKind.values:
                r.fail(f"{path}.quantity.{kind}", f"loại phường «{str(kind)[:20]}» không có (dùng: {', '.join(WardKind.values)})")
            per_kind[kind] = int(r.number(quantity, f"{path}.quantity", kind, maximum=Decimal(MAX_QUANTITY), places=0))
        price = r.number(row, path, "price", maximum=MAX_PRICE, places=0, required=False)
        table.items.append({"code": code, "category": category, "name": r.text(row, path, "name", limit=200),
                            "unit": r.text(row, path, "unit", limit=20, default="chiếc"),
                            "price": price, "source": r.text(row, path, "source", limit=300, default=default_source),
                            "quantity": per_kind})
    if not table.land and not table.items:
        r.fail("", "tệp không có dòng định mức nào (land, equipment)")
    return table


def load_text(text: str, name: str = "", actor=None) -> Table:
    table = parse(text)
    _store(table, name, actor)
    return table


def load_file(path, actor=None) -> Table:
    """Load the norm file at ``path``. FileNotFoundError when there is no such file; NormError (Vietnamese) when it
    cannot be read (a folder, no permission, a name too long …) or a row is refused."""
    path = Path(path)
    try:
        folder, size = path.is_dir(), path.stat().st_size
    except FileNotFoundError:
        raise
    except (OSError, ValueError) as exc:  # a name too long for the file system, no permission, a NUL in the path …
        raise NormError(f"Không đọc được tệp {shown(path)}: {os_problem(exc)}") from None
    if folder:
        raise NormError(f"{shown(path)} là một thư mục, không phải tệp định mức (.yaml)")
    if size > yamlsource.MAX_BYTES:
        raise NormError(f"Tệp lớn quá {yamlsource.MAX_BYTES // 1_000_000} MB")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise NormError("Tệp không phải văn bản UTF-8") from None
    except OSError as exc:
        raise NormError(f"Không đọc được tệp {shown(path)}: {os_problem(exc)}") from None
    return load_text(text, path.name, actor)


@transaction.atomic
def _store(table: Table, name: str, actor) -> None:
    province = table.province
    current = {i.code: i for i in EquipmentItem.objects.select_for_update().filter(province=province)}
    dropped = set(current) - {row["code"] for row in table.items}
    held = EquipmentItem.objects.filter(pk__in=[current[c].pk for c in dropped], holdings__isnull=False).first()
    if held is not None:
        raise NormError(f"hạng mục «{held.code}» ({held.name}) đã có số liệu trang bị của phường: giữ hạng mục trong tệp "
                        f"(đặt số lượng 0) thay vì xóa", None, "equipment")
    LandNorm.objects.filter(province=province).delete()
    LandNorm.objects.bulk_create(LandNorm(province=province, ward_kind=row["kind"], work_land_m2=row["work"],
                                          living_land_m2=row["living"], source=row["source"]) for row in table.land)
    EquipmentItem.objects.filter(pk__in=[current[c].pk for c in dropped]).delete()
    EquipmentNorm.objects.filter(item__province=province).delete()
    quantities = []
    for position, row in enumerate(table.items):
        item = current.get(row["code"]) or EquipmentItem(province=province, code=row["code"])
        item.category, item.name, item.unit_label = row["category"], row["name"], row["unit"]
        item.unit_price, item.source, item.position = row["price"], row["source"], position
        item.save()
        quantities += [EquipmentNorm(item=item, ward_kind=k, quantity=q) for k, q in row["quantity"].items()]
    EquipmentNorm.objects.bulk_create(quantities)
    record(actor, "resources.norms_loaded", EquipmentItem, unit=province,
           data={"file": name, "digest": table.digest, "land": len(table.land), "items": len(table.items),
                 "dropped": sorted(dropped)})
    norms_changed(province)


def norms_changed(province) -> None:
    """The norm-derived figures of every ward of the province with a headquarters record may have moved."""
    for unit_id in Headquarters.objects.filter(unit__path__startswith=province.path).values_list("unit_id", flat=True):
        changed(unit_id, clock.today().year)
