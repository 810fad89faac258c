"""The demo's meetings, difficulties and supervision for both programs: most meetings of each quarter and half-year
held with minutes (a few missing, shown as gaps), action items done and open, one upcoming meeting scheduled; a
difficulty answered, one open and one turned into a proposal to adjust the roadmap; a supervision visit with one
finding closed and one awaiting response. Written through the services the pages use, at their dates."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model

from agencies.models import Body, Program
from audit.models import AuditEvent
from audit.models import append as append_events
from difficulties import services as difficulties
from kieumau import clock
from meetings import calendar as MC
from meetings import expected as E
from meetings import services as meetings
from meetings.models import ActionItem, Meeting
from reporting import board as boards
from roadmaps.models import Plan
from supervision import services as supervision
from units import territory

from .coordination import _at, _roll

GAP_RATE = 7  # in 100: expected meetings left without minutes (the dashboard's gaps)


def load(log=print) -> None:
    if Meeting.objects.exists():
        return  # the demo is loaded once; a second run leaves what users did
    User = get_user_model()
    for program in Program.objects.order_by("code").select_related("province"):
        n, gaps = _meetings(program)
        log(f"Họp giao ban mẫu ({program.code}): {n} cuộc họp có biên bản, {gaps} cuộc họp thiếu")
    kh, bd = Program.objects.get(code="kh-2023"), Program.objects.get(code="bd-2023")
    _difficulties(kh, bd)
    _supervision(kh, bd, User)
    log("Phản ánh khó khăn, giám sát mẫu: đã tạo")


def _staff(program, day):
    """The program's staff on ``day``, or today's (the old Khánh Hòa had no PV01 account in the demo)."""
    return boards.program_staff(program, day).order_by("pk").first() or boards.program_staff(program, clock.today()).order_by("pk").first()


def _meetings(program) -> tuple[int, int]:
    today = clock.today()
    start, _end = E.program_span(program)
    due = E.expected(program, start, today, today)
    rows, gaps = [], 0
    for e in due:
        roll = _roll(program.code, e.level, e.unit.pk, e.slot.code)
        if roll < GAP_RATE:
            gaps += 1
            continue
        held = min(e.slot.end - dt.timedelta(days=3 + roll % 20), today - dt.timedelta(days=1))
        rows.append(Meeting(
            program=program, level=e.level, unit=e.unit, slot=e.slot.code, title=meetings.default_title(e.level, e.unit, e.slot),
            scheduled_on=held, held_on=held, state=Meeting.State.HELD, created_by=_staff(program, held), updated_at=_at(held),
            chair=_chair(e.level, e.unit), attendees=_attendees(e.level),
            minutes=f"Nghe Công an {'phường' if e.level == 'ward' else 'tỉnh'} báo cáo kết quả thực hiện {e.slot.title.lower()}; các cơ quan phát biểu (dữ liệu mẫu).",
            conclusions="Đánh giá kết quả, chỉ ra hạn chế và giao nhiệm vụ kỳ tới (dữ liệu mẫu)."))
    made = Meeting.objects.bulk_create(rows)
    append_events([AuditEvent(actor=m.created_by, action="meeting.held", object_type="meetings.meeting",
                              object_id=str(m.pk), unit=m.unit, at=_at(m.held_on, 17),
                              data={"held_on": m.held_on.isoformat()}) for m in made])
    actions = []
    for m in made:
        if m.level != MC.WARD:
            due_on = m.held_on + dt.timedelta(days=45)
            done = due_on < today - dt.timedelta(days=30) and _roll(m.pk, "a") >= 20
            actions.append(ActionItem(meeting=m, text="Rà soát, bổ sung tiêu chí còn thiếu của các phường đăng ký (dữ liệu mẫu).",
                                      owner="Công an tỉnh (PV01)", due=due_on, done_on=due_on - dt.timedelta(days=5) if done else None,
                                      done_note="Đã rà soát, báo cáo kết quả (dữ liệu mẫu)." if done else "",
                                      done_by=m.created_by if done else None))
    ActionItem.objects.bulk_create(actions)
    upcoming = [e for e in E.expected(program, today, today + dt.timedelta(days=100), today, upcoming=True) if e.level != MC.WARD]
    staff = _staff(program, today)
    if upcoming and staff:
        e = upcoming[0]
        if not Meeting.objects.filter(program=program, level=e.level, unit=e.unit, slot=e.slot.code).exists():
            meetings.schedule(program, e, min(e.slot.end, today + dt.timedelta(days=14)), staff)
    return len(made), gaps


def _chair(level: str, unit) -> str:
    return {"ward": f"Bí thư Đảng ủy {unit.name}", "city": f"Bí thư {unit.name.replace('Thành phố', 'Thành ủy').replace('Thị xã', 'Thị ủy')}",
            "province": "Phó Bí thư Thường trực Tỉnh ủy", "conference": "Phó Chủ tịch UBND tỉnh"}[level]


def _attendees(level: str) -> str:
    if level == "ward":
        return "Ban Thường vụ Đảng ủy phường; Công an phường; Ủy ban MTTQ và các đoàn thể phường; tổ dân phố (dữ liệu mẫu)."
    return "Công an tỉnh; các sở, ngành, đoàn thể được giao nhiệm vụ; đại diện Ủy ban nhân dân (dữ liệu mẫu)."


def _reporter(code: str):
    from agencies.roles import reporters

    return reporters(Body.objects.get(code=code))[0]


def _difficulties(kh, bd) -> None:
    today = clock.today()
    staff = _staff(kh, today)  # read now: inside a replay "today" is the replayed day, before the new province had staff
    # Khánh Hòa: the Tỉnh đoàn's difficulty answered in 2025; the MTTQ's forwarded; a proposal to adjust a target.
    with clock.replaying_at(_at(dt.date(2025, 4, 8))):
        d = difficulties.raise_difficulty(kh, _reporter("kh.tinhdoan"), body=Body.objects.get(code="kh.tinhdoan"),
                                          title="Thiếu kinh phí cho mô hình thanh niên tự quản",
                                          text="Kinh phí hỗ trợ mô hình «Thanh niên tự quản về an ninh trật tự» chưa được bố trí trong dự toán năm 2025 (dữ liệu mẫu).",
                                          proposal="Đề nghị Công an tỉnh tham mưu UBND tỉnh bố trí kinh phí (dữ liệu mẫu).")
    with clock.replaying_at(_at(dt.date(2025, 4, 22))):
        difficulties.answer(d, staff,
                            "Công an tỉnh đã tham mưu UBND tỉnh bổ sung kinh phí từ nguồn dự phòng; Sở Tài chính hướng dẫn thủ tục (dữ liệu mẫu).")
    with clock.replaying_at(_at(today - dt.timedelta(days=12))):
        d = difficulties.raise_difficulty(kh, _reporter("kh.mttq"), body=Body.objects.get(code="kh.mttq"),
                                          title="Các phường sau sắp xếp chưa kiện toàn tổ an ninh trật tự cơ sở",
                                          text="Sau sắp xếp đơn vị hành chính, nhiều phường mới chưa kiện toàn tổ bảo vệ an ninh, trật tự ở cơ sở; việc vận động quần chúng bị gián đoạn (dữ liệu mẫu).")
    with clock.replaying_at(_at(today - dt.timedelta(days=9))):
        difficulties.forward(d, _staff(kh, today), Body.objects.filter(code__startswith="kh.", valid_until__isnull=True, name__contains="Ủy ban nhân dân tỉnh").first()
                             or Body.objects.get(code="kh.tinhdoan"), "Đề nghị xem xét, chỉ đạo các phường kiện toàn (dữ liệu mẫu).")
    with clock.replaying_at(_at(today - dt.timedelta(days=5))):
        d = difficulties.raise_difficulty(kh, _reporter("kh.tinhdoan"), body=Body.objects.get(code="kh.tinhdoan"),
                                          title="Chỉ tiêu 100% phường đạt kiểu mẫu năm 2030 khó đạt sau hợp nhất tỉnh",
                                          text="Số phường tăng sau hợp nhất với Ninh Thuận; nhiều phường mới chưa đủ điều kiện cơ sở vật chất, biên chế để đạt tiêu chí trước năm 2030 (dữ liệu mẫu).")
    plan = Plan.objects.filter(province=kh.province, replaced_by__isnull=True).first()
    if plan is not None:
        with clock.replaying_at(_at(today - dt.timedelta(days=2))):
            difficulties.propose_adjustment(d, _staff(kh, today), plan, boards.current_province(kh, today), year=2030,
                                            kind="percent", value="90",
                                            reason="Số phường tăng sau hợp nhất tỉnh; đề nghị điều chỉnh chỉ tiêu năm 2030 còn 90% (dữ liệu mẫu).")
    # Bình Dương: the Sở Tài chính's difficulty of 2025, still open under the province that took over.
    with clock.replaying_at(_at(dt.date(2025, 5, 20))):
        difficulties.raise_difficulty(bd, _reporter("bd.stc"), body=Body.objects.get(code="bd.stc"),
                                      title="Vướng mắc về nguồn kinh phí đầu tư trụ sở Công an phường",
                                      text="Chưa có hướng dẫn phân bổ vốn đầu tư công cho trụ sở Công an phường giai đoạn 2025–2030 (dữ liệu mẫu).",
                                      proposal="Đề nghị Công an tỉnh kiến nghị Bộ Công an hướng dẫn (dữ liệu mẫu).")


def _supervision(kh, bd, User) -> None:
    today = clock.today()
    kh_sup = User.objects.get(username="giamsat.khanhhoa")
    ward = territory.Land(kh.province, today.year, today.year).wards_at(today.year)[0]
    with clock.replaying_at(_at(today - dt.timedelta(days=40))):
        v = supervision.record_visit(kh, kh_sup, kind="supervision", organisation="Ban Pháp chế HĐND tỉnh Khánh Hòa", unit=ward,
                                     visited_on=today - dt.timedelta(days=40),
                                     summary="Giám sát việc thực hiện tiêu chí xây dựng Công an phường điển hình, kiểu mẫu năm nay (dữ liệu mẫu).")
        f1 = supervision.add_finding(v, kh_sup, text="Hồ sơ tiếp nhận phản ánh của người dân chưa ghi đủ thời hạn giải quyết (dữ liệu mẫu).",
                                     recommendation="Bổ sung sổ theo dõi, công khai thời hạn (dữ liệu mẫu).", due=today - dt.timedelta(days=10))
        supervision.add_finding(v, kh_sup, text="Camera an ninh tại hai tổ dân phố chưa kết nối về trụ sở (dữ liệu mẫu).",
                                recommendation="Lập kế hoạch kết nối trong quý tới (dữ liệu mẫu).", due=today + dt.timedelta(days=20))
    with clock.replaying_at(_at(today - dt.timedelta(days=25))):
        supervision.respond(f1, _staff(kh, today), "Đã bổ sung sổ theo dõi và niêm yết thời hạn tại trụ sở (dữ liệu mẫu).")
    with clock.replaying_at(_at(today - dt.timedelta(days=20))):
        supervision.follow_up(f1, kh_sup, "Đã kiểm tra lại, đạt yêu cầu (dữ liệu mẫu).", close=True)
    bd_sup = User.objects.get(username="giamsat.binhduong")
    with clock.replaying_at(_at(dt.date(2025, 3, 18))):
        v = supervision.record_visit(bd, bd_sup, kind="supervision", organisation="Ủy ban MTTQ Việt Nam tỉnh Bình Dương",
                                     body=Body.objects.get(code="bd.stc"), visited_on=dt.date(2025, 3, 18),
                                     summary="Giám sát việc bố trí kinh phí thực hiện Đề án năm 2024–2025 (dữ liệu mẫu).")
        supervision.add_finding(v, bd_sup, text="Kinh phí năm 2025 cho các phường đăng ký chưa được phân bổ (dữ liệu mẫu).",
                                recommendation="Phân bổ trước 30/6/2025 (dữ liệu mẫu).", due=dt.date(2025, 6, 30))
