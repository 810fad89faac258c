"""The demo's coordination layer: the two programs' bodies and tasks (agencies/data), reporter accounts, and a report
history for 2024 to now — most on time, some late, some missing, one returned and sent back in time, one returned
and still waiting — written through the same services the pages use, each at its date (audit rows dated so)."""

from __future__ import annotations

import datetime as dt
import hashlib
import zoneinfo

from django.contrib.auth import get_user_model

from accounts.models import Role
from agencies.loader import DATA_DIR, load_file
from agencies.models import Body, BodyAssignment, Program
from agencies.roles import reporters
from agencies.succession import Graph
from inbox.models import Notification
from kieumau import clock
from reporting import board as boards
from reporting import services

TZ = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
FIRST_DEADLINE = dt.date(2023, 12, 1)  # from Khánh Hòa's first review (sơ kết, end of 2023)

# Reporter accounts printed by the demo: (username, full name, body code in agencies/data). The Sở Tài chính of
# Bình Dương ended on 1/7/2025 (its reporter reads its history); its successor in TP.HCM reports since.
REPORTERS = [
    ("baocao.taichinh.binhduong", "Lâm Thị Thảo (Sở Tài chính Bình Dương, đến 30/6/2025)", "bd.stc"),
    ("baocao.taichinh.hcm", "Đinh Văn Khoa (Sở Tài chính TP Hồ Chí Minh)", "hcm.stc"),
    ("baocao.tinhdoan.khanhhoa", "Hồ Thị Yến (Tỉnh đoàn Khánh Hòa)", "kh.tinhdoan"),
    ("baocao.mttq.khanhhoa", "Cao Văn Phúc (Ủy ban MTTQ tỉnh Khánh Hòa)", "kh.mttq"),
]
JOURNEY_BODY = "kh.tinhdoan"  # left without a 2026 report, for the walk-through: submit, return, resubmit


def load(password: str, log=print) -> list[tuple[str, str, str]]:
    for path in sorted(DATA_DIR.glob("*.yaml")):
        out = load_file(path)
        log(f"Cơ quan phối hợp ({out.program.code}): {out.bodies} cơ quan, {out.tasks} nhiệm vụ, {out.changes} thay đổi")
    printed = _reporters(password)
    n = _history(password)
    log(f"Báo cáo định kỳ mẫu: {n} báo cáo")
    return printed


def _reporters(password: str) -> list[tuple[str, str, str]]:
    User = get_user_model()
    printed = []
    for username, name, code in REPORTERS:
        body = Body.objects.get(code=code)
        user, _ = User.objects.get_or_create(username=username, defaults={"first_name": name})
        user.first_name = name
        user.set_password(password)
        user.save()
        BodyAssignment.objects.get_or_create(user=user, body=body, role=Role.AGENCY_REPORTER)
        printed.append((username, password, f"{Role.AGENCY_REPORTER.label} — {body}"))
    return printed


def _roll(*parts) -> int:
    """A number 0–99 fixed by ``parts``: the same demo on every run, varied across bodies and periods."""
    return int(hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest(), 16) % 100


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 30), TZ)


def _history(password: str) -> int:
    today = clock.today()
    graph = Graph.load()
    written = 0
    journey = {Body.objects.get(code=JOURNEY_BODY).pk}
    started = clock.now()
    for program in Program.objects.order_by("code"):
        every = [p for p in boards.periods_until(program, today, upcoming=1) if p.deadline >= FIRST_DEADLINE]
        last_past = max((p for p in every if p.deadline < today), key=lambda p: p.deadline, default=None)
        by_period = {b.period.code: b for b in boards.boards(program, every, today, graph)}
        for p in every:
            waiting = p == last_past  # one report of the last period is returned and not yet sent back
            for row in by_period[p.code].rows:
                if row.report is not None:
                    continue
                roll = _roll(program.code, p.code, row.holder.code)
                if waiting and roll >= 26 and row.writer.pk not in journey:
                    roll, waiting = RETURNED_WAITING, False
                user = _reporter_user(row.writer, password)
                written += _play(program, p, row, user, roll, today, current=p.deadline >= today, spare=row.writer.pk in journey)
    # The history's own notifications were read when they happened; the inbox shows what is new today.
    Notification.objects.filter(created_at__lt=started, read_at__isnull=True, text__contains="«Báo cáo").update(read_at=started)
    return written


def _content(row, p) -> tuple[dict, str, str]:
    lines = {}
    for t in row.tasks:
        figures = {f["code"]: str(5 + _roll(p.code, t.item, f["code"]) * 3) for f in t.figures}
        lines[t.pk] = (f"{row.writer.name} đã triển khai nhiệm vụ mục {t.item} trong kỳ {p.title.lower()}: ban hành kế hoạch, "
                       f"tổ chức các hoạt động theo chức năng và phối hợp với Công an tỉnh (dữ liệu mẫu).", figures)
    return lines, "", ""


RETURNED_WAITING = 100  # outside the rolls (0–99)


def _play(program, p, row, user, roll: int, today: dt.date, *, current: bool, spare: bool) -> int:
    staff = _staff_user(program, p.deadline)
    lines, difficulties, proposals = _content(row, p)
    if current:  # the period open now: a few drafts, a few already in; the journey's body has not started
        if spare or not p.is_open(today) or roll >= 40:
            return 0
        with clock.replaying_at(_at(today - dt.timedelta(days=1 + roll % 5))):
            services.save(program, p, row, user, lines, difficulties, proposals, submit=roll < 20)
        return 1
    if roll < 8:  # missing: nothing at all
        return 0
    if roll < 12:  # a draft started, never sent
        with clock.replaying_at(_at(p.deadline - dt.timedelta(days=3))):
            services.save(program, p, row, user, lines, difficulties, proposals, submit=False)
        return 1
    late = 18 <= roll < 26
    day = p.deadline + dt.timedelta(days=3 + roll % 9) if late else p.deadline - dt.timedelta(days=1 + roll % 10)
    if roll in (30, 31):  # hard difficulties reported
        difficulties = "Kinh phí bố trí cho nhiệm vụ chưa kịp thời; thiếu cán bộ chuyên trách (dữ liệu mẫu)."
        proposals = "Đề nghị Công an tỉnh tham mưu UBND tỉnh bổ sung kinh phí trong năm sau (dữ liệu mẫu)."
    with clock.replaying_at(_at(day)):
        services.save(program, p, row, user, lines, difficulties, proposals, submit=True)
    if roll in (40, 41, 42) and staff:  # returned, then sent back within the time given
        with clock.replaying_at(_at(day + dt.timedelta(days=2), 15)):
            services.return_report(program, p, row, staff, "Bổ sung số liệu cụ thể và kết quả so với cùng kỳ (dữ liệu mẫu).", None)
        with clock.replaying_at(_at(day + dt.timedelta(days=5), 10)):
            lines = {k: (v[0] + " Đã bổ sung số liệu so sánh cùng kỳ.", v[1]) for k, v in lines.items()}
            services.save(program, p, row, user, lines, difficulties, proposals, submit=True)
    elif roll == RETURNED_WAITING and staff:  # returned, still waiting
        with clock.replaying_at(_at(day + dt.timedelta(days=2), 15)):
            services.return_report(program, p, row, staff, "Báo cáo chưa nêu kết quả cụ thể của từng nhiệm vụ; đề nghị bổ sung (dữ liệu mẫu).", None)
    return 1


def _reporter_user(body: Body, password: str):
    """The body's reporter: the demo's named one, or an account for the body (every body has one; not printed)."""
    if named := reporters(body):
        return named[0]
    User = get_user_model()
    user, created = User.objects.get_or_create(username=f"baocao.{body.code}"[:150],
                                               defaults={"first_name": f"Cán bộ báo cáo — {body.name}"[:150]})
    if created:
        user.set_password(password)
        user.save()
    BodyAssignment.objects.get_or_create(user=user, body=body, role=Role.AGENCY_REPORTER)
    return user


def _staff_user(program, day):
    return boards.program_staff(program, day).order_by("pk").first()
