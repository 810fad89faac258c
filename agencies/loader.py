"""Load a province's program, bodies, tasks and successions from a data file (agencies/data/*.yaml).

The file is the province's record of who does what, with the legal basis of each change, so a province corrects it
in the app (admin) or in the file and loads it again: rows are matched by code and updated, never duplicated.
Errors are collected and reported together, in Vietnamese, with the place they were found; nothing is written then.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from django.db import IntegrityError, transaction

from audit.models import record
from engine import yamlsource
from units.models import Level, Unit

from .models import Body, Program, Succession, Task

DATA_DIR = Path(__file__).resolve().parent / "data"
KINDS = {k for k, _label in Body.Kind.choices}
EDGE_KINDS = {k for k, _label in Succession.Kind.choices}


class DataError(ValueError):
    def __init__(self, problems: list[str], path: str = ""):
        self.problems, self.path = problems, path
        super().__init__("; ".join(problems))


@dataclass
class Loaded:
    program: Program
    bodies: int = 0
    tasks: int = 0
    changes: int = 0
    calendar: int = 0
    warnings: list[str] = field(default_factory=list)


def _date(value, where: str, problems: list[str]):
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        problems.append(f"{where}: «{value}» không phải ngày dạng YYYY-MM-DD")
        return None


def _province(code: str, on: dt.date) -> Unit | None:
    return Unit.objects.filter(level=Level.PROVINCE, code=str(code)).valid_on(on).first()


def _successor_province(province: Unit, on: dt.date) -> Unit | None:
    """The province that took over ``province``'s land, for bodies created after it ended (Bình Dương → HCM)."""
    from units.history import successors_now

    steps = [s for s in successors_now(province, on) if s.unit.level == Level.PROVINCE]
    return steps[0].unit if steps else None


def load_file(path: str | Path, actor=None) -> Loaded:
    path = Path(path)
    if path.stat().st_size > yamlsource.MAX_BYTES:
        raise DataError([f"Tệp lớn quá {yamlsource.MAX_BYTES // 1_000_000} MB"], str(path))
    try:
        data, _lines = yamlsource.load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise DataError(["Tệp không phải văn bản UTF-8"], str(path)) from None
    except yamlsource.SourceError as e:
        raise DataError([f"dòng {e.line}: {e.message}" if e.line else e.message], str(path)) from None
    return load_data(data, actor=actor, source=path.name)


def load_data(data, actor=None, source: str = "") -> Loaded:
    try:
        with transaction.atomic():
            return _load(data, actor, source)
    except IntegrityError as e:  # a rule of the stored data the file breaks: said, not a traceback
        raise DataError([f"Dữ liệu mâu thuẫn với dữ liệu đã có: {e}"], source) from None


def _load(data, actor, source: str) -> Loaded:
    problems: list[str] = []
    if not isinstance(data, dict) or not isinstance(data.get("program"), dict):
        raise DataError(["Thiếu mục «program»"], source)
    p = data["program"]
    on = _date(p.get("province_on"), "program.province_on", problems) or dt.date(2023, 1, 1)
    province = _province(p.get("province", ""), on)
    if province is None:
        problems.append(f"program.province: không có tỉnh mã «{p.get('province')}» vào ngày {on:%d/%m/%Y}")
    for key in ("code", "title", "source", "start_year", "end_year"):
        if not p.get(key):
            problems.append(f"program.{key}: thiếu")
    bodies_in = data.get("bodies") or []
    tasks_in = data.get("tasks") or []
    changes_in = data.get("changes") or []
    cal = p.get("calendar") or {}
    codes = set()
    for i, b in enumerate(bodies_in):
        where = f"bodies[{i + 1}]"
        if not isinstance(b, dict) or not b.get("code") or not b.get("name"):
            problems.append(f"{where}: cần «code» và «name»")
            continue
        if b["code"] in codes:
            problems.append(f"{where}: mã «{b['code']}» lặp lại")
        codes.add(b["code"])
        if b.get("kind") not in KINDS:
            problems.append(f"{where} ({b['code']}): loại «{b.get('kind')}» không có; dùng một trong {', '.join(sorted(KINDS))}")
    for i, t in enumerate(tasks_in):
        if not isinstance(t, dict) or t.get("body") not in codes or not str(t.get("text", "")).strip():
            problems.append(f"tasks[{i + 1}]: cần «body» là một mã trong «bodies» và «text»")
    for i, c in enumerate(changes_in):
        if not isinstance(c, dict) or c.get("from") not in codes or c.get("to") not in codes:
            problems.append(f"changes[{i + 1}]: «from» và «to» phải là mã trong «bodies»")
        elif c.get("kind") not in EDGE_KINDS:
            problems.append(f"changes[{i + 1}]: loại «{c.get('kind')}» không có")
    defaults = [c.get("from") for c in changes_in if isinstance(c, dict) and c.get("default")]
    for code in {c for c in defaults if defaults.count(c) > 1}:
        problems.append(f"changes: «{code}» có nhiều hơn một nơi nhận nhiệm vụ (default: true)")
    if problems:
        raise DataError(problems, source)

    program, _created = Program.objects.update_or_create(code=p["code"], defaults={
        "province": province, "title": p["title"], "source": p["source"], "start_year": int(p["start_year"]),
        "end_year": int(p["end_year"]), "coordinator": p.get("coordinator", ""), "reports_to": p.get("reports_to", ""),
        "calendar_assumed": bool(cal.get("assumed")), "calendar_basis": cal.get("basis", "")})
    out = Loaded(program)

    by_code: dict[str, Body] = {}
    for i, b in enumerate(bodies_in):
        where = f"bodies[{i + 1}] ({b['code']})"
        since = _date(b.get("valid_from"), f"{where}.valid_from", problems)
        until = _date(b.get("valid_until"), f"{where}.valid_until", problems)
        home = province
        if b.get("province"):
            home = _province(b["province"], since or on)
        elif since and province.valid_until and since >= province.valid_until:
            home = _successor_province(province, since)
        if home is None:
            problems.append(f"{where}: không xác định được tỉnh của cơ quan")
            continue
        district = None
        if b.get("district"):
            district = Unit.objects.filter(parent=home, name=b["district"]).first()
            if district is None:
                problems.append(f"{where}: không có «{b['district']}» trong {home.name}")
        by_code[b["code"]], _ = Body.objects.update_or_create(code=b["code"], defaults={
            "name": b["name"], "short_name": b.get("short_name", ""), "kind": b["kind"], "province": home,
            "district": district, "valid_from": since, "valid_until": until, "basis": b.get("basis", "")})
        out.bodies += 1
    # The file is the record of who succeeded whom: edges from its bodies that it no longer lists are removed first,
    # so a corrected successor replaces the old one instead of colliding with it (one default edge per body).
    listed = {(c["from"], c["to"]) for c in changes_in}
    for edge in Succession.objects.filter(predecessor__in=by_code.values()).select_related("predecessor", "successor"):
        if (edge.predecessor.code, edge.successor.code) not in listed:
            edge.delete()
    Succession.objects.filter(predecessor__in=by_code.values()).update(is_default=False)
    for i, c in enumerate(changes_in):
        day = _date(c.get("date"), f"changes[{i + 1}].date", problems)
        if day is None:
            problems.append(f"changes[{i + 1}]: thiếu ngày")
            continue
        Succession.objects.update_or_create(
            predecessor=by_code[c["from"]], successor=by_code[c["to"]],
            defaults={"effective_date": day, "kind": c["kind"], "is_default": bool(c.get("default")),
                      "duties": c.get("duties", ""), "basis": c.get("basis", "")})
        out.changes += 1
    for t in tasks_in:
        figures = [f for f in (t.get("figures") or []) if isinstance(f, dict) and f.get("code") and f.get("label")]
        Task.objects.update_or_create(program=program, item=str(t.get("item", "")), holder=by_code[t["body"]],
                                      defaults={"text": str(t["text"]).strip(), "figures": figures})
        out.tasks += 1
    out.calendar = _load_calendar(program, cal, problems)
    listed_tasks = {(str(t.get("item", "")), t["body"]) for t in tasks_in}
    stale = sum(1 for item, code in Task.objects.filter(program=program).values_list("item", "holder__code")
                if (item, code) not in listed_tasks)
    if stale:
        out.warnings.append(f"{stale} nhiệm vụ không còn trong tệp được giữ lại (đã có báo cáo): sửa trong quản trị nếu cần")
    if problems:
        raise DataError(problems, source)
    record(actor, "agencies.loaded", program, unit=province,
           data={"source": source, "bodies": out.bodies, "tasks": out.tasks, "changes": out.changes})
    return out


def _load_calendar(program: Program, cal: dict, problems: list[str]) -> int:
    from reporting import periods
    from reporting.models import CalendarEntry

    entries = []
    for kind in (periods.SIX_MONTHLY, periods.YEARLY):
        if isinstance(cal.get(kind), dict):
            c = cal[kind]
            entries.append((kind, "", "", c))
    for m in cal.get("milestones") or []:
        if isinstance(m, dict):
            entries.append((periods.MILESTONE, str(m.get("code", "")), str(m.get("title", "")), m))
    n = 0
    for kind, code, title, c in entries:
        rule = periods.Rule(kind, str(c.get("due_before", "")), str(c.get("window_from", "")), str(c.get("window_to", "")),
                            code, title, int(c.get("opens_days_before", 30)))
        try:
            periods.check_rule(rule)
        except periods.PeriodError as e:
            problems.append(f"program.calendar ({code or kind}): {e}")
            continue
        CalendarEntry.objects.update_or_create(program=program, kind=kind, code=code, defaults={
            "title": title, "due_before": rule.due_before, "window_from": rule.window_from, "window_to": rule.window_to,
            "opens_days_before": rule.opens_days_before, "note": str(c.get("note", ""))})
        n += 1
    return n
