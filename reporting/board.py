"""Read models of the reporting calendar: which programs a province runs on a day, and where every task holder's
report stands for a period (the dashboard, the command ``reporting_status`` and the reminders share these)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from agencies.models import Program, Task
from agencies.succession import Graph
from kieumau import fragments
from units.history import predecessor_ids, successors_now
from units.models import Level, Unit

from . import periods, status
from .models import CalendarEntry, Report


def province_on(code: str, day: dt.date) -> Unit | None:
    """The province bearing ``code`` on ``day`` (codes are reused across maps: 56 is two provinces)."""
    return Unit.objects.filter(level=Level.PROVINCE, code=code).valid_on(day).first()


def programs_for(province: Unit) -> list[Program]:
    """Programs run on ``province``'s land: its own and those of the provinces it was formed from."""
    ids = {province.pk, *fragments.provinces_formed_from(province)}
    return list(Program.objects.filter(province_id__in=ids).select_related("province").order_by("start_year", "code"))


def programs_shown(province: Unit) -> list[Program]:
    """The programs a province's pages show: those run on its land, or, for a province that has ended, its own."""
    return programs_for(province) or list(Program.objects.filter(province=province).select_related("province"))


def program_staff(program: Program, today: dt.date):
    """The active program staff (PV01) of the province that runs ``program`` on ``today``: who returns its reports,
    hears of submissions and is told of overdue ones."""
    from django.contrib.auth import get_user_model

    from accounts.models import Role

    return get_user_model().objects.filter(is_active=True, roles__role=Role.PROGRAM_STAFF,
                                           roles__unit=current_province(program, today)).distinct()


def current_province(program: Program, today: dt.date) -> Unit:
    """The province that runs ``program`` today: its own, or the one that took over its land."""
    unit = program.province
    if unit.valid_until is None or unit.valid_until > today:
        return unit
    # kept until the map changes: the to-do page asks it of every program of a program staff's province
    return fragments.until_the_map_changes(f"province-now:{unit.pk}:{today.isoformat()}", lambda: next(
        (s.unit for s in successors_now(unit, today) if s.unit.level == Level.PROVINCE), unit))


def rules(program: Program) -> list[periods.Rule]:
    return [e.rule() for e in CalendarEntry.objects.filter(program=program)]


def period(program: Program, code: str) -> periods.Period:
    return periods.resolve(rules(program), code, program.start_year, program.end_year)


@dataclass
class Row:
    holder: object            # the body the plan names
    held_by: object | None    # the body holding its tasks on the deadline day, when that is another body
    tasks: list
    report: Report | None
    status: str
    overdue_days: int

    @property
    def writer(self):
        return self.held_by or self.holder

    @property
    def label(self) -> str:
        return status.LABELS[self.status]


@dataclass
class Board:
    program: Program
    period: periods.Period
    rows: list[Row]
    rates: status.Rates


def board(program: Program, p: periods.Period, today: dt.date, graph: Graph | None = None) -> Board:
    return boards(program, [p], today, graph)[0]


def boards(program: Program, ps: list[periods.Period], today: dt.date, graph: Graph | None = None) -> list[Board]:
    """The boards of several periods from two queries (tasks, reports), whatever the number of periods: the
    dashboard's trend, a reporter's list of periods and the reminders read many periods at once."""
    graph = graph or Graph.load()
    tasks: dict[int, list] = {}
    for t in Task.objects.filter(program=program).order_by("pk"):
        tasks.setdefault(t.holder_id, []).append(t)
    reports: dict[str, dict[int, Report]] = {}
    for r in Report.objects.filter(program=program, period__in=[p.code for p in ps]):
        reports.setdefault(r.period, {})[r.holder_id] = r
    return [_board(program, p, today, graph, tasks, reports.get(p.code, {})) for p in ps]


def _board(program, p, today, graph, tasks, reports) -> Board:
    rows = []
    for holder_id, held in tasks.items():
        report = reports.get(holder_id)
        on_deadline = graph.holder_on(holder_id, p.deadline)
        if on_deadline is None and report is None:
            continue  # its tasks ended with it (a city's committee after 1/7/2025), or it did not exist yet
        s = status.status_of(p.deadline, today, report.snapshot() if report else None)
        late = status.overdue_days(p.deadline, today) if s in (status.MISSING, status.RETURNED) else 0
        holder = graph.bodies[holder_id]
        rows.append(Row(holder, on_deadline if on_deadline and on_deadline.pk != holder_id else None, held, report, s, late))
    rows.sort(key=lambda r: (_item_key(r.tasks[0].item), r.holder.name))
    return Board(program, p, rows, status.rates([r.status for r in rows]))


def _item_key(item: str):
    return (0, int(item)) if item.isdigit() else (1, item)


def periods_until(program: Program, today: dt.date, *, upcoming: int = 1) -> list[periods.Period]:
    """The program's periods whose deadline has passed, plus the next ``upcoming`` ones (for trends and menus)."""
    every = periods.all_periods(rules(program), program.start_year, program.end_year)
    past = [p for p in every if p.deadline < today]
    future = [p for p in every if p.deadline >= today][:upcoming]
    return past + future


def programs_of_ward(ward: Unit, day: dt.date) -> list[Program]:
    """The programs whose land holds ``ward`` on ``day`` (a ward of Thành phố Hồ Chí Minh formed from Bình Dương's
    follows Bình Dương's program; one formed from old Hồ Chí Minh's does not)."""
    from units.territory import communes

    root = Unit.objects.get(pk=ward.root_id) if ward.level != Level.PROVINCE else ward
    return [p for p in programs_for(root) if communes(p.province, day, day).filter(pk=ward.pk).exists()]


def find(province_code: str, period_code: str) -> tuple[Program | None, periods.Period | None, Unit | None, list[str]]:
    """The program, period and province that a province code and a period code name: the province bearing the code on
    the period's deadline (codes are reused across maps). Returns the errors, in Vietnamese, when there is none."""
    from units.history import successor_ids

    province_code, period_code = str(province_code).strip(), str(period_code).strip()
    ids = set(Unit.objects.filter(level=Level.PROVINCE, code=province_code).values_list("pk", flat=True))
    if not ids:
        return None, None, None, [f"Không có tỉnh mã «{province_code}» có chương trình báo cáo."]
    reach = ids | predecessor_ids(ids) | successor_ids(ids)
    candidates = list(Program.objects.filter(province_id__in=reach).select_related("province").order_by("start_year", "code"))
    if not candidates:
        return None, None, None, [f"Không có tỉnh mã «{province_code}» có chương trình báo cáo."]
    errors = []
    for program in candidates:
        try:
            p = period(program, period_code)
        except periods.PeriodError as e:
            errors.append(str(e))
            continue
        province = province_on(province_code, p.deadline)
        if province is None or program not in programs_for(province):
            continue
        return program, p, province, []
    if not errors:
        errors.append(f"Tỉnh mã «{province_code}» không còn tồn tại hoặc không có chương trình vào hạn nộp của kỳ «{period_code}».")
    return None, None, None, sorted(set(errors))
