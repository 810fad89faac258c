"""From an uploaded workbook to a preview (old → new per cell, every problem with its cell) and, once the owner
confirms, to one audited change of all the wards' figures.

The figures are validated by ``assessments.services.save_figures`` itself — the entry form's one validation and
locking path: the preview runs it for every changed ward inside a transaction that is always rolled back, and the
confirmation runs it again, for real, in one transaction over all wards, at the revisions the preview was made at.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string
from django.utils import timezone

from accounts.scope import Scope, scope_for
from assessments.services import save_figures
from audit.models import record
from engine import fmt
from frameworks import providers
from engine.inputs import parse_one
from kieumau import clock
from units.models import Level, Unit
from units.territory import display_name

from . import layout, reader, safety, wards
from .models import PendingImport
from .reader import Problem

EXPIRES = dt.timedelta(hours=24)


@dataclass
class Preview:
    province: Unit | None = None
    year: int | None = None
    plan: list = field(default_factory=list)  # PendingImport.plan
    changes: list = field(default_factory=list)  # PendingImport.changes
    problems: list = field(default_factory=list)  # reader.Problem

    @property
    def ok(self) -> bool:
        return not self.problems


class _DryRun(Exception):
    """Raised at the end of a preview's transaction so that nothing it wrote is kept."""


class _Failed(Exception):
    pass


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def scope_of(user) -> Scope:
    """The command line without --user acts for the whole country, as an administrator does."""
    return scope_for(user) if user is not None else Scope({}, everything=True)


def preview(data: bytes, user, *, province: Unit | None = None, year: int | None = None) -> Preview:
    """Read ``data`` and say what it would change; ``province``/``year``: what the page it was uploaded on expects.
    Raises safety.Unreadable for a file that cannot be read at all. Writes nothing."""
    upload = reader.read(safety.open_workbook(data))
    out = Preview(problems=list(upload.problems))
    if upload.province_id is None:
        return out
    found = Unit.objects.filter(pk=upload.province_id, level=Level.PROVINCE).first()
    if found is None:
        out.problems.append(Problem("", "", "Tỉnh ghi trong mẫu không có trên KiểuMẫu: tệp không phải mẫu tải từ đây."))
        return out
    expected = (province or found, year or upload.year)
    if (found.pk, upload.year) != (expected[0].pk, expected[1]):
        out.problems.append(Problem("", "", f"Tệp là mẫu của {display_name(found)} năm {upload.year}, không phải của "
                                            f"{display_name(expected[0])} năm {expected[1]}: hãy tải lên ở trang của đúng "
                                            "tỉnh và năm, hoặc tải mẫu mới."))
        return out
    from assessments import eligibility

    if not eligibility.year_in_program(upload.year):
        out.problems.append(Problem("", "", f"Năm {upload.year} không có đánh giá để nhập số liệu."))
        return out
    out.province, out.year = found, upload.year
    scope = scope_of(user)
    land = {r.unit.pk: r for r in wards.province_land(found, upload.year, scope)}
    sheets = {s.name: s for s in upload.sheets}
    pending = []
    for row in upload.rows:
        ward = _ward_for(row, land, sheets[row.sheet], found, upload.year, out.problems)
        if ward is None:
            continue
        entry = _diff(row, ward, out.problems)
        if entry is not None:
            pending.append((row, ward, entry))
    _dry_run(pending, upload.year, user, out)
    order = {s.name: i for i, s in enumerate(upload.sheets)}
    out.problems.sort(key=lambda p: (order.get(p.sheet, -1), _position(p.cell)))
    return out


def _position(cell: str) -> tuple[int, int]:
    """(row, column) of "F7", for listing problems in reading order; (0, 0) for a whole sheet or file."""
    if not cell:
        return 0, 0
    column, row = coordinate_from_string(cell)
    return row, column_index_from_string(column)


def _ward_for(row, land: dict, sheet, province: Unit, year: int, problems: list):
    ward = land.get(row.unit_id)
    where = (row.sheet, f"A{row.number}")
    if ward is None:
        problems.append(Problem(*where, f"Mã hệ thống {row.unit_id} không phải một phường của {display_name(province)} "
                                        f"năm {year} (dòng {row.number}, mã phường «{row.code}»)."))
        return None
    if not ward.visible:
        problems.append(Problem(*where, f"{ward.unit.name} ngoài phạm vi của bạn: bạn không nhập số liệu cho phường này."))
        return None
    if row.code != ward.unit.code:
        problems.append(Problem(row.sheet, f"B{row.number}", f"Mã phường ghi «{row.code}» nhưng mã hệ thống {row.unit_id} là "
                                                             f"{ward.unit.name} (mã {ward.unit.code}): dòng đã bị sửa?"))
        return None
    if ward.framework.pk != sheet.framework.pk:
        problems.append(Problem(*where, f"{ward.unit.name} đánh giá theo bộ tiêu chí phiên bản {ward.framework.version}, "
                                        f"không phải phiên bản {sheet.framework.version} của trang này: hãy tải mẫu mới."))
        return None
    return ward


def _typed(ind, value):
    """A cell as a stored figure (engine.inputs' form), None when blank; ValueError (Vietnamese) when invalid."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, (dt.date, dt.time, dt.timedelta)):
        raise ValueError("Ô chứa ngày, giờ chứ không phải " + ("«Có»/«Không»" if ind.type == "bool" else "số") +
                         ": hãy định dạng ô là số (General) rồi gõ lại.")
    typed = parse_one(ind.type, value.strip() if isinstance(value, str) else value)
    if ind.type != "bool" and ind.unit.strip() == "%" and Decimal(str(typed)) > 100:
        raise ValueError("Tỷ lệ phần trăm không được lớn hơn 100")
    return typed


def _same(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    return Decimal(str(a)) == Decimal(str(b))


def _raw(type_: str, typed) -> str:
    """A stored figure written back as the entry form posts it (a decimal with a comma: "1.234" would read as 1234)."""
    if typed is None:
        return ""
    if type_ == "bool":
        return "true" if typed else "false"
    return str(typed).replace(".", ",") if type_ == "num" else str(typed)


def shown(ind, value) -> str:
    if value is None:
        return "(trống)"
    if ind is not None and ind.type == "bool":
        return "Có" if value else "Không"
    try:
        return fmt.number(Decimal(str(value)), places=4)
    except (ArithmeticError, ValueError, TypeError):
        return str(value)


def _diff(row, ward, problems: list) -> dict | None:
    """What the row changes (raw values for save_figures, and the changed cells), None when nothing or when a cell
    is wrong (its problem recorded)."""
    values, previous, changed, wrong = {}, {}, [], False
    fw = ward.fw
    provided_codes = providers.provided_codes()
    for key, (value, cell) in row.cells.items():
        code = key.removeprefix(layout.PREV_PREFIX)
        ind = fw.indicators[code]
        try:
            typed = _typed(ind, value)
        except ValueError as exc:
            problems.append(Problem(row.sheet, cell, f"{ward.unit.name} — «{ind.label}»: {exc}"))
            wrong = True
            continue
        if key.startswith(layout.PREV_PREFIX):
            if ward.prev_locked(code):
                if not _same(typed, ward.last_year.get(code)):
                    problems.append(Problem(row.sheet, cell, f"{ward.unit.name} — «{ind.label}» năm trước đã có trong hồ sơ "
                                                             f"({shown(ind, ward.last_year.get(code))}): không sửa ở đây."))
                    wrong = True
            elif not _same(typed, ward.previous.get(code)):
                previous[code] = _raw(ind.type, typed)
                changed.append(cell)
            continue
        if _same(typed, ward.values.get(code)):
            continue  # unchanged (a figure a register provides included): nothing to check
        if code in provided_codes and code in ward.provided:
            if not _same(typed, ward.locked_value(code)):
                problems.append(Problem(row.sheet, cell, (
                    f"{ward.unit.name} — «{ind.label}» do {ward.provided[code].source} tính "
                    f"({shown(ind, ward.locked_value(code))}): không nhập qua Excel. Muốn nhập tay thay số liệu này, "
                    "hãy sửa trên trang nhập số liệu và ghi lý do.")))
                wrong = True
        else:
            values[code] = _raw(ind.type, typed)
            changed.append(cell)
    if changed and ward.lock:
        problems.append(Problem(row.sheet, changed[0], f"{ward.unit.name}: {ward.lock} Không nhận thay đổi ở "
                                                       f"{_cells(changed)}."))
        return None
    if wrong or not changed:
        return None
    return {"unit": ward.unit.pk, "revision": ward.revision, "framework": ward.framework.pk,
            "values": values, "previous": previous}


def _cells(cells: list) -> str:
    return "ô " + ", ".join(cells[:8]) + (f" và {len(cells) - 8} ô khác" if len(cells) > 8 else "")


def _dry_run(pending: list, year: int, user, out: Preview) -> None:
    """save_figures for every changed ward, rolled back: its errors and its changes, exactly as confirming would."""
    try:
        with transaction.atomic():
            for row, ward, entry in pending:
                outcome = save_figures(ward.unit, year, entry["values"], entry["previous"], user, revision=entry["revision"],
                                       validate_only=True)
                if not outcome.ok:
                    for key, message in outcome.errors.items():
                        out.problems.append(Problem(row.sheet, _cell_of(row, key), f"{ward.unit.name}: {message}"))
                    continue
                out.plan.append(entry)
                for change in outcome.changed:
                    key = change["code"] if change["section"] == "values" else layout.PREV_PREFIX + change["code"]
                    ind = ward.fw.indicators.get(change["code"])
                    label = (ind.label if ind else change["code"]) + (" (năm trước)" if change["section"] != "values" else "")
                    out.changes.append({"ward": ward.unit.name, "unit": ward.unit.pk, "sheet": row.sheet,
                                        "cell": _cell_of(row, key), "label": label,
                                        "before": shown(ind, change["before"]), "after": shown(ind, change["after"])})
            raise _DryRun
    except _DryRun:
        pass
    if out.problems:
        out.plan, out.changes = [], []


def _cell_of(row, key: str) -> str:
    key = layout.PREV_PREFIX + key[len("prev_"):] if key.startswith("prev_") else key
    found = row.cells.get(key)
    return found[1] if found else f"A{row.number}"


def store(result: Preview, owner, file_name: str, file_digest: str) -> PendingImport:
    """Keep a valid preview for its owner's confirmation; uploads of theirs left unconfirmed for a week are dropped."""
    with transaction.atomic():
        if owner is not None:
            PendingImport.objects.filter(owner=owner, created_at__lt=clock.now() - dt.timedelta(days=7)).exclude(
                status=PendingImport.Status.APPLIED).delete()
        return PendingImport.objects.create(
            owner=owner, province=result.province, year=result.year, file_name=file_name[:255], digest=file_digest,
            plan=result.plan, changes=result.changes, wards=len(result.plan), cells=len(result.changes))


@dataclass
class Outcome:
    ok: bool
    message: str


def confirm(pk: int, user, file_digest: str) -> Outcome:
    """Apply a pending upload: all wards or none, once."""
    with transaction.atomic():
        pending = PendingImport.objects.select_for_update().select_related("province").get(pk=pk)
        if pending.status == PendingImport.Status.APPLIED:
            at = timezone.localtime(pending.applied_at).strftime("%H:%M ngày %d/%m/%Y")
            return Outcome(False, f"Tệp «{pending.file_name}» đã được nhập lúc {at}; không nhập lần nữa.")
        if pending.status != PendingImport.Status.PENDING:
            return Outcome(False, f"Lần tải lên này không còn chờ xác nhận ({pending.get_status_display()}): "
                                  "hãy tải tệp lên lại.")
        if file_digest != pending.digest:
            return Outcome(False, "Trang xác nhận không khớp với tệp đã tải lên: hãy mở lại trang xem trước.")
        why = _why_stale(pending, user)
        if why:
            pending.status, pending.message = PendingImport.Status.STALE, why
            pending.save(update_fields=["status", "message"])
            return Outcome(False, why)
        try:
            with transaction.atomic():
                _apply(pending, user)
        except _Failed as failed:
            pending.status, pending.message = PendingImport.Status.FAILED, str(failed)
            pending.save(update_fields=["status", "message"])
            return Outcome(False, str(failed))
    return Outcome(True, f"Đã nhập số liệu của {pending.wards} phường ({pending.cells} ô) từ tệp «{pending.file_name}».")


def _why_stale(pending: PendingImport, user) -> str:
    if clock.now() - pending.created_at > EXPIRES:
        return "Bản xem trước đã quá 24 giờ: hãy tải tệp lên lại để xem số liệu hiện tại."
    from assessments.models import Assessment

    current = dict(Assessment.objects.filter(year=pending.year, unit_id__in=[e["unit"] for e in pending.plan])
                   .values_list("unit_id", "revision"))
    moved = [e["unit"] for e in pending.plan if current.get(e["unit"], 0) != e["revision"]]
    if moved:
        names = ", ".join(Unit.objects.filter(pk__in=moved).order_by("name").values_list("name", flat=True)[:10])
        return (f"Số liệu của {names} đã được sửa sau khi bạn xem trước; chưa lưu gì. "
                "Hãy tải mẫu mới hoặc tải tệp lên lại để xem các thay đổi hiện tại.")
    return ""


def _apply(pending: PendingImport, user) -> None:
    scope = scope_of(user)
    units = Unit.objects.in_bulk([e["unit"] for e in pending.plan])
    for entry in pending.plan:
        unit = units.get(entry["unit"])
        if unit is None or not scope.can_enter_data(unit):
            raise _Failed("Bạn không còn quyền nhập số liệu cho mọi phường trong tệp; chưa lưu gì.")
        outcome = save_figures(unit, pending.year, entry["values"], entry["previous"], user, revision=entry["revision"])
        if not outcome.ok:
            messages = "; ".join(str(m) for m in outcome.errors.values())
            raise _Failed(f"{unit.name}: {messages} Chưa lưu gì; hãy tải tệp lên lại.")
    pending.status, pending.applied_at = PendingImport.Status.APPLIED, clock.now()
    pending.save(update_fields=["status", "applied_at"])
    record(user, "workbook.imported", pending, unit=pending.province,
           data={"file": pending.file_name, "digest": pending.digest, "year": pending.year, "wards": pending.wards,
                 "cells": pending.cells, "units": [e["unit"] for e in pending.plan]})
