"""The demo's movement registers: models, rewards and propaganda in six wards of Khánh Hòa and six on Bình Dương's land
(now Thành phố Hồ Chí Minh), written through the services the pages use, each step at its date.

Every ward keeps self-managed models and one "Dân vận khéo" model, some a creative one; one model per province has
stopped. Rewards 2025–2026 are mostly decided; one waits, one was refused; two wards per province have no reward for
their cadres in the current year, so TC14 is not met there. A few propaganda activities of the bodies point to their
periodic report of the period. Every row is marked as demo data.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.contrib.auth import get_user_model

from agencies.models import Body
from emulation import reports, services
from emulation.models import MassModel, Propaganda, Reward
from kieumau import clock
from units.models import Level, Unit
from units.territory import is_valid_on

TZ = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
KH, HCM = "56", "79"
WARDS = {
    KH: ["Phường Nha Trang", "Phường Bắc Nha Trang", "Phường Nam Nha Trang", "Phường Tây Nha Trang", "Phường Cam Ranh",
         "Phường Ba Ngòi"],
    HCM: ["Phường Thủ Dầu Một", "Phường Dĩ An", "Phường Thuận An", "Phường Bến Cát", "Phường Lái Thiêu", "Phường Phú Lợi"],
}
STAFF = {KH: "pv01.khanhhoa", HCM: "pv01.hcm"}
SIGNERS = {"ward_chair": "Chủ tịch UBND phường", "police_director": "Giám đốc Công an tỉnh",
           "province_chair": "Chủ tịch UBND tỉnh"}
SELF_MANAGED = ["Tổ tự quản về an ninh, trật tự khu phố {n}", "Camera an ninh khu dân cư", "Tổ liên gia an toàn phòng cháy, chữa cháy",
                "Khu phố không ma túy"]
DAN_VAN = "“Dân vận khéo” — Công an phường đồng hành cùng người cao tuổi"
CREATIVE = ["Bản đồ số an ninh, trật tự khu phố", "Tiếp nhận tin báo qua mã QR tại nhà văn hóa"]
PEOPLE = [("citizen", "Ông Nguyễn Văn Tám", "Phát hiện, báo tin giúp Công an phường bắt quả tang đối tượng trộm cắp xe máy."),
          ("civil_guard", "Bà Lê Thị Hoa (Tổ Bảo vệ dân phố)", "Tích cực tuần tra, giải quyết mâu thuẫn trong Nhân dân tại khu phố."),
          ("collective", "Trường THCS {ward_short}", "Xây dựng trường học đạt tiêu chuẩn “An toàn về an ninh, trật tự”.")]
CADRES = [("ward_police", "Công an {ward_lower}", "Hoàn thành xuất sắc nhiệm vụ bảo đảm an ninh, trật tự năm {year}."),
          ("police_officer", "Thiếu tá Trần Minh Đức", "Có thành tích xuất sắc trong xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc."),
          ("ward_official", "Ông Phạm Văn Hải (Chủ tịch Ủy ban MTTQ phường)", "Vận động Nhân dân tham gia các mô hình tự quản về an ninh, trật tự.")]
PROPAGANDA = {  # body code, kind, title, month, day, quantity, audience
    KH: [("kh.btgdv", "conference", "Hội nghị quán triệt tiêu chí Công an phường điển hình, kiểu mẫu", 3, 12, 1, 180),
         ("kh.tinhdoan", "social", "Chuỗi bài “Thanh niên Khánh Hòa chung tay giữ bình yên khu phố” trên Fanpage Tỉnh đoàn", 5, 20, 12, 45000),
         ("kh.mttq", "print", "Tờ rơi hướng dẫn phòng, chống lừa đảo qua mạng cho người cao tuổi", 8, 5, 5000, None)],
    HCM: [("hcm.htv", "broadcast", "Phóng sự “Phường kiểu mẫu trên đất Thủ Dầu Một”", 4, 8, 2, None),
          ("hcm.sggp", "news", "Tin: Công an phường Dĩ An ra mắt mô hình camera an ninh khu dân cư", 6, 2, 1, None),
          ("hcm.btgdv", "conference", "Hội nghị báo cáo viên chuyên đề xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc", 9, 16, 1, 250)],
}


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), TZ)


def _wards(code: str, today: dt.date) -> tuple[Unit, list[Unit]]:
    province = Unit.objects.valid_on(today).get(level=Level.PROVINCE, code=code)
    found = {w.name: w for w in Unit.objects.within(province).valid_on(today).wards().filter(name__in=WARDS[code])}
    return province, [found[n] for n in WARDS[code] if n in found]


def _chief(ward: Unit, staff):
    return get_user_model().objects.filter(roles__unit=ward, roles__role="ward_chief").order_by("pk").first() or staff


def _day(year: int, month: int, day: int, today: dt.date) -> dt.date | None:
    d = dt.date(year, month, day)
    return d if d < today else None  # the demo never writes the future (loaded early in a year, later steps wait)


def _add(ward, chief, kind: str, name: str, start: dt.date | None, made: list) -> None:
    if start is None:
        return
    # recorded once the ward existed (the wards of 1/7/2025) and the model had started
    with clock.replaying_at(_at(max(start, ward.valid_from or start, dt.date(2025, 7, 2)))):
        made.append(services.add_model(ward, chief, kind=kind, name=name, started_on=start, note="Dữ liệu mẫu."))


def _models(ward: Unit, i: int, chief, today: dt.date) -> int:
    made: list = []
    for n, name in enumerate(SELF_MANAGED[: 2 + i % 3]):
        _add(ward, chief, "self_managed", name.format(n=i + n + 1), _day(2022 + n % 3, 1 + (i + n) % 12, 10, today), made)
    _add(ward, chief, "dan_van_kheo", DAN_VAN, _day(2024, 3 + i, 26, today), made)
    if i % 2 == 0:
        _add(ward, chief, "creative", CREATIVE[i // 2 % 2], _day(2025, 9, 1 + i, today), made)
    stop = _day(today.year, 3, 31, today)
    if i == 3 and stop:  # one model per province stopped this year: the ward keeps a single self-managed model
        m = next(m for m in made[1:] if m.kind == "self_managed")
        with clock.replaying_at(_at(stop, 16)):
            services.change_status(m, chief, status="stopped", since=stop, note="Khu phố sáp nhập, tổ giải thể (dữ liệu mẫu).")
    MassModel.objects.filter(pk__in=[m.pk for m in made]).update(is_demo=True)
    return len(made)


def _reward(ward, i, chief, staff, spec, proposed: dt.date | None, then: str, today: dt.date) -> Reward | None:
    if proposed is None:
        return None
    kind, name, achievement = spec
    fill = {"ward_lower": ward.name[:1].lower() + ward.name[1:], "ward_short": ward.name.removeprefix("Phường "), "year": proposed.year}
    level = "ward_chair" if kind in ("citizen", "civil_guard", "collective") else ("police_director" if i % 2 else "province_chair")
    with clock.replaying_at(_at(proposed)):
        r = services.propose(ward, chief, recipient_kind=kind, recipient_name=name.format(**fill), achievement=achievement.format(**fill),
                             movement="security", level=level, proposer_unit=f"Công an {ward.name[:1].lower()}{ward.name[1:]}",
                             proposer_person="Trưởng Công an phường", proposed_on=proposed)
    decided = proposed + dt.timedelta(days=21 + i)
    if then == "decide" and decided < today:
        with clock.replaying_at(_at(decided, 15)):
            services.decide(r, staff, number=f"{40 + i * 7}/QĐ-{'UBND' if level != 'police_director' else 'CAT'}", date=decided,
                            signer=SIGNERS[level])
    elif then == "refuse" and decided < today:
        with clock.replaying_at(_at(decided, 15)):
            services.refuse(r, staff, reason="Thành tích đã được khen thưởng ở hình thức cao hơn trong năm (dữ liệu mẫu).", date=decided)
    Reward.objects.filter(pk=r.pk).update(is_demo=True)
    return r


def _rewards(ward: Unit, i: int, chief, staff, today: dt.date) -> int:
    made = [
        _reward(ward, i, chief, staff, PEOPLE[i % 3], _day(2025, 10, 6 + i, today), "decide", today),
        _reward(ward, i, chief, staff, CADRES[0], _day(2025, 11, 3 + i, today), "decide", today),
        _reward(ward, i, chief, staff, PEOPLE[(i + 1) % 3], _day(today.year, 4, 6 + i, today), "decide", today),
    ]
    if i < 4:  # wards 5 and 6 of each province have no reward for their cadres this year: TC14 not met
        made.append(_reward(ward, i, chief, staff, CADRES[1 + i % 2], _day(today.year, 5, 4 + i, today), "decide", today))
    if i == 1:
        made.append(_reward(ward, i, chief, staff, PEOPLE[2], today - dt.timedelta(days=6), "wait", today))
    if i == 2:
        made.append(_reward(ward, i, chief, staff, CADRES[2], _day(today.year, 2, 9, today), "refuse", today))
    return sum(1 for r in made if r)


def _propaganda(province: Unit, code: str, staff, today: dt.date) -> int:
    n = 0
    for body_code, kind, title, month, day, quantity, audience in PROPAGANDA[code]:
        body = Body.objects.filter(code=body_code).first()
        held = _day(today.year, month, day, today)
        if body is None or held is None or not is_valid_on(body, held):
            continue
        report = next((r for r, first, last in reports.offered([body.pk]) if first <= held <= last), None)
        with clock.replaying_at(_at(held + dt.timedelta(days=1), 14)):
            p = services.add_propaganda(province, body, staff, kind=kind, title=title, held_on=held, quantity=quantity,
                                        audience=audience, report=report, note="Dữ liệu mẫu.")
        Propaganda.objects.filter(pk=p.pk).update(is_demo=True)
        n += 1
    return n


def load(log=print) -> int:
    """Write the demo's registers once; returns the number of rows written (0 when already loaded)."""
    today = clock.today()
    if MassModel.objects.filter(is_demo=True).exists():  # loaded already: the demo is idempotent
        log("Phong trào mẫu (mô hình, khen thưởng, tuyên truyền): đã có")
        return 0
    models = rewards = propaganda = 0
    for code in (KH, HCM):
        province, wards = _wards(code, today)
        staff = get_user_model().objects.get(username=STAFF[code])
        for i, ward in enumerate(wards):
            chief = _chief(ward, staff)
            models += _models(ward, i, chief, today)
            rewards += _rewards(ward, i, chief, staff, today)
        propaganda += _propaganda(province, code, staff, today)
    log(f"Phong trào mẫu: {models} mô hình, {rewards} đề nghị khen thưởng, {propaganda} hoạt động tuyên truyền")
    return models + rewards + propaganda
