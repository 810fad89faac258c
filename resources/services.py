"""Writing the registers: each write reads the posted values (refusing anything wrong, naming the field), changes the
rows in one transaction with one audit row, and tells the assessments that the unit-year's figures may have moved
(frameworks.providers.changed, after commit).

Funding: a disbursed amount above the planned one is accepted (a supplementary allocation is paid before the plan is
amended) and shown flagged "vượt dự toán" on the pages; it is never silently capped.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from audit.models import record
from frameworks import providers
from kieumau import clock, posted
from kieumau.posted import Refused

from . import figures, read, registers
from .models import (BudgetLine, Condition, Headquarters, Holding, LegalStatus, Source, Staffing, Subject,
                     Training, WardKind)


MAX_M2 = 10**7  # ten square kilometres: more than any ward police's land
MAX_MILLION = 10**8  # a hundred thousand billion VND
MAX_PIECES = 100_000
MAX_OFFICERS = 10_000
HQ_FIELDS = ["ward_kind", "work_land_m2", "living_land_m2", "legal_status", "follows_design", "year_built", "condition",
             "planned_works"]
FIRST_YEAR = 2000
# Staffing's counts by title: (officers, of them meeting the standard, the title's name)
TITLES = (("chiefs", "chiefs_ok", "Trưởng Công an phường"), ("deputies", "deputies_ok", "Phó Trưởng Công an phường"),
          ("officers", "officers_ok", "cán bộ, chiến sĩ"))
STAFF_FIELDS = ["establishment", *(f for n_field, ok_field, _name in TITLES for f in (n_field, ok_field))]


def changed(unit_id: int, *years: int) -> None:
    """After commit: a failure refreshing an assessment never loses the register's write (the daily refresh catches up)."""
    for year in set(years):
        providers.changed_on_commit(unit_id, year)


def _json(value):
    return figures.stored(value) if isinstance(value, Decimal) else value


def check_year(year: int) -> int:
    last = clock.today().year + 1
    if not FIRST_YEAR <= year <= last:
        raise Refused(f"Năm {year} nằm ngoài khoảng được ghi sổ ({FIRST_YEAR}–{last}).")
    return year


# --- headquarters and land -------------------------------------------------------------------------------------------

def read_headquarters(data) -> dict:
    today = clock.today()
    built = read.year(data.get("year_built"), "năm xây dựng", high=today.year)
    return {
        "ward_kind": posted.choice(data.get("ward_kind"), WardKind, "loại phường"),
        "work_land_m2": read.decimal(data.get("work_land_m2"), "diện tích đất làm việc (m²)", maximum=MAX_M2),
        "living_land_m2": read.decimal(data.get("living_land_m2"), "diện tích đất sinh hoạt (m²)", maximum=MAX_M2,
                                       required=False) or Decimal(0),
        "legal_status": posted.choice(data.get("legal_status"), LegalStatus, "tình trạng pháp lý của đất"),
        "follows_design": (data.get("follows_design") or "") in {"1", "on", "true"},
        "year_built": built,
        "condition": posted.choice(data.get("condition"), Condition, "hiện trạng trụ sở"),
        "planned_works": posted.plain(data.get("planned_works"), "hạng mục dự kiến đầu tư", required=False, limit=2000),
    }


@transaction.atomic
def save_headquarters(unit, user, data) -> Headquarters:
    values = read_headquarters(data)
    hq = Headquarters.objects.select_for_update().filter(unit=unit).first()
    before = {f: _json(getattr(hq, f)) for f in HQ_FIELDS} if hq else {}
    hq = hq or Headquarters(unit=unit)
    for field, value in values.items():
        setattr(hq, field, value)
    after = {f: _json(getattr(hq, f)) for f in HQ_FIELDS}
    diff = {f: {"before": before.get(f), "after": after[f]} for f in HQ_FIELDS if before.get(f) != after[f]}
    if not diff:
        return hq
    hq.updated_at, hq.updated_by = clock.now(), user
    hq.save()
    record(user, "resources.headquarters_saved", hq, unit=unit, data={"changes": diff, "new": not before})
    changed(unit.pk, clock.today().year)
    return hq


# --- equipment holdings ----------------------------------------------------------------------------------------------

@transaction.atomic
def save_holdings(unit, user, data) -> int:
    """Holdings from ``data`` (``item_<id>`` → pieces; blank is 0); returns how many items changed."""
    items = list(registers.items_for(unit))
    if not items:
        raise Refused("Tỉnh chưa có bảng định mức trang bị: chưa ghi được số lượng trang bị.")
    wanted = {i.pk: read.count(data.get(f"item_{i.pk}"), f"số lượng «{i.name}»", maximum=MAX_PIECES, required=False) or 0
              for i in items}
    held = {h.item_id: h for h in Holding.objects.select_for_update().filter(unit=unit)}
    changes, new, moved = [], [], []
    for item in items:
        quantity, h = wanted[item.pk], held.get(item.pk)
        if h is not None and h.quantity == quantity:
            continue
        changes.append({"item": item.name, "before": None if h is None else h.quantity, "after": quantity})
        if h is None:
            new.append(Holding(unit=unit, item=item, quantity=quantity))
        else:
            h.quantity = quantity
            moved.append(h)
    if not changes:
        return 0
    Holding.objects.bulk_create(new)
    Holding.objects.bulk_update(moved, ["quantity"])
    record(user, "resources.holdings_saved", unit, unit=unit, data={"changes": changes})
    changed(unit.pk, clock.today().year)
    return len(changes)


# --- funding ---------------------------------------------------------------------------------------------------------

def read_budget(data) -> dict:
    return {
        "source": posted.choice(data.get("source"), Source, "nguồn kinh phí"),
        "purpose": posted.plain(data.get("purpose"), "nội dung chi", limit=300),
        "planned": read.decimal(data.get("planned"), "dự toán (triệu đồng)", places=3, maximum=MAX_MILLION),
        "disbursed": read.decimal(data.get("disbursed"), "đã cấp (triệu đồng)", places=3, maximum=MAX_MILLION,
                                  required=False) or Decimal(0),
    }


def _line_data(line: BudgetLine) -> dict:
    return {"year": line.year, "source": line.source, "purpose": line.purpose, "planned": _json(line.planned),
            "disbursed": _json(line.disbursed)}


@transaction.atomic
def save_budget_line(unit, user, year: int, data, line: BudgetLine | None = None) -> BudgetLine:
    """A new line (``line`` None) or a change to one of the unit's lines."""
    check_year(year)
    values = read_budget(data)
    if line is None:
        line = BudgetLine.objects.create(unit=unit, year=year, created_by=user, **values)
        record(user, "resources.budget_line_added", line, unit=unit, data=_line_data(line))
        changed(unit.pk, year)
        return line
    line = BudgetLine.objects.select_for_update().get(pk=line.pk, unit=unit)
    before = _line_data(line)
    old_year = line.year
    line.year = year
    for field, value in values.items():
        setattr(line, field, value)
    after = _line_data(line)
    if before == after:
        return line
    line.save()
    record(user, "resources.budget_line_changed", line, unit=unit,
           data={"changes": {k: {"before": before[k], "after": after[k]} for k in after if before[k] != after[k]}})
    changed(unit.pk, old_year, year)
    return line


@transaction.atomic
def delete_budget_line(unit, user, line: BudgetLine) -> None:
    data = _line_data(line)
    record(user, "resources.budget_line_deleted", line, unit=unit, data=data)
    line.delete()
    changed(unit.pk, data["year"])


# --- staffing and training -------------------------------------------------------------------------------------------

def read_staffing(data) -> dict:
    out = {"establishment": read.count(data.get("establishment"), "biên chế được giao", maximum=MAX_OFFICERS)}
    for n_field, ok_field, name in TITLES:
        n = read.count(data.get(n_field), f"số {name}", maximum=MAX_OFFICERS, required=False) or 0
        ok = read.count(data.get(ok_field), f"số {name} đạt tiêu chuẩn", maximum=MAX_OFFICERS, required=False) or 0
        if ok > n:
            raise Refused(f"Số {name} đạt tiêu chuẩn ({ok}) không được lớn hơn số {name} ({n}).")
        out[n_field], out[ok_field] = n, ok
    return out


@transaction.atomic
def save_staffing(unit, user, year: int, data) -> Staffing:
    check_year(year)
    values = read_staffing(data)
    total = Staffing(**values).total
    crowded = Training.objects.filter(unit=unit, year=year, attendees__gt=total).order_by("-attendees").first()
    if crowded is not None:
        raise Refused(f"Buổi tập huấn «{crowded.title}» ngày {crowded.held_on:%d/%m/%Y} có {crowded.attendees} người dự, "
                      f"nhiều hơn tổng số cán bộ, chiến sĩ vừa nhập ({total}).")
    staffing = Staffing.objects.select_for_update().filter(unit=unit, year=year).first()
    before = {f: getattr(staffing, f) for f in STAFF_FIELDS} if staffing else {}
    staffing = staffing or Staffing(unit=unit, year=year)
    for field, value in values.items():
        setattr(staffing, field, value)
    if before == values:
        return staffing
    staffing.updated_at = clock.now()
    staffing.save()
    record(user, "resources.staffing_saved", staffing, unit=unit,
           data={"year": year, "changes": {f: {"before": before.get(f), "after": values[f]} for f in STAFF_FIELDS
                                           if before.get(f) != values[f]}})
    changed(unit.pk, year)
    return staffing


@transaction.atomic
def add_training(unit, user, year: int, data) -> Training:
    check_year(year)
    subject = posted.choice(data.get("subject"), Subject, "nội dung tập huấn")
    held_on = posted.date(data.get("held_on"))
    if held_on is None:
        raise Refused("Hãy nhập ngày tập huấn.")
    if held_on.year != year:
        raise Refused(f"Ngày tập huấn {held_on:%d/%m/%Y} không thuộc năm {year}.")
    title = posted.plain(data.get("title"), "tên buổi tập huấn", limit=200)
    attendees = read.count(data.get("attendees"), "số người dự", maximum=MAX_OFFICERS)
    staffing = Staffing.objects.filter(unit=unit, year=year).first()
    if staffing is None:
        raise Refused(f"Hãy nhập biên chế năm {year} trước khi ghi buổi tập huấn (số người dự không vượt số cán bộ, chiến sĩ).")
    if attendees > staffing.total:
        raise Refused(f"Số người dự ({attendees}) không được lớn hơn số cán bộ, chiến sĩ năm {year} ({staffing.total}).")
    training = Training.objects.create(unit=unit, year=year, subject=subject, held_on=held_on, title=title, attendees=attendees)
    record(user, "resources.training_added", training, unit=unit,
           data={"year": year, "subject": subject, "held_on": str(held_on), "title": title, "attendees": attendees})
    changed(unit.pk, year)
    return training


@transaction.atomic
def delete_training(unit, user, training: Training) -> None:
    record(user, "resources.training_deleted", training, unit=unit,
           data={"year": training.year, "held_on": str(training.held_on), "title": training.title})
    training.delete()
    changed(unit.pk, training.year)
