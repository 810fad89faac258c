"""The demo's resources registers: the illustrative norm tables of Khánh Hòa and Thành phố Hồ Chí Minh, and for six wards
in each (in Hồ Chí Minh, on Bình Dương's land) the headquarters — one below the land norm, one not per the Ministry's
design — equipment holdings with a few shortfalls, budget lines of last year and this year from several sources, this
year's staffing and a few trainings. Written through the registers' services (so the audit trail has them), by each
province's program staff. Every figure is synthetic. The lead refreshes the assessments afterwards.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model

from kieumau import clock
from resources import norms, services
from resources.models import EquipmentItem, Headquarters
from units.models import Level, Unit

KH, HCM = "56", "79"
FILES = {KH: "56-khanh-hoa.yaml", HCM: "79-ho-chi-minh.yaml"}
ACTORS = {KH: "pv01.khanhhoa", HCM: "pv01.hcm"}


@dataclass(frozen=True)
class Ward:
    province: str
    name: str
    kind: str
    work_m2: str
    living_m2: str
    design: bool = True
    legal: str = "co-gcn"
    built: str = "2016"
    condition: str = "tot"
    planned: str = ""
    short: tuple = ()  # (item code, pieces held) below the norm; every other item held at its norm
    officers: int = 30


WARDS = [
    Ward(KH, "Phường Nha Trang", "loai-1", "1.250", "600", built="2019", short=(("camera-ca-nhan", 5),), officers=42),
    Ward(KH, "Phường Bắc Nha Trang", "loai-1", "1.080,5", "520", short=(("o-to", 0), ("bo-dam", 7)), officers=38),
    Ward(KH, "Phường Nam Nha Trang", "loai-1", "640", "210", legal="dang-lam", condition="xuong-cap", built="2004",
         planned="Đề nghị bố trí thêm khoảng 400 m² đất liền kề để mở rộng trụ sở (dữ liệu mẫu).",
         short=(("mo-to", 3), ("may-tinh", 6)), officers=35),
    Ward(KH, "Phường Tây Nha Trang", "loai-2", "820", "400", design=False, built="2008", condition="xuong-cap",
         planned="Cải tạo nhà làm việc theo thiết kế mẫu của Bộ Công an năm 2027 (dữ liệu mẫu).", officers=28),
    Ward(KH, "Phường Cam Ranh", "loai-2", "900", "450", short=(("sung-ngan", 3),), officers=30),
    Ward(KH, "Phường Ba Ngòi", "loai-3", "700", "320", built="2021", officers=24),
    Ward(HCM, "Phường Thủ Dầu Một", "loai-1", "1.020", "480", built="2018", short=(("ao-giap", 4),), officers=45),
    Ward(HCM, "Phường Dĩ An", "loai-1", "760", "300", legal="muon-thue", condition="tam",
         planned="Đang đề nghị giao đất xây dựng trụ sở mới (dữ liệu mẫu).", short=(("o-to", 0), ("camera-ca-nhan", 2)),
         officers=40),
    Ward(HCM, "Phường Thuận An", "loai-1", "950", "460", design=False, built="2006", condition="xuong-cap", officers=41),
    Ward(HCM, "Phường Bến Cát", "loai-2", "780", "360", short=(("may-do-con", 0),), officers=29),
    Ward(HCM, "Phường Lái Thiêu", "loai-2", "720", "350", officers=27),
    Ward(HCM, "Phường Phú Lợi", "loai-2", "705,5", "350", short=(("dau-doc-can-cuoc", 1), ("may-in", 1)), officers=26),
]

# (source, purpose, planned, disbursed) in million VND, per ward; last year and this year
BUDGET = [
    ("bo-cong-an", "Mua sắm phương tiện, thiết bị nghiệp vụ (dữ liệu mẫu)", "350", "350"),
    ("cong-an-tinh", "Chi nghiệp vụ, tuần tra kiểm soát (dữ liệu mẫu)", "120,5", "120,5"),
    ("ngan-sach-phuong", "Hỗ trợ lực lượng tham gia bảo vệ ANTT ở cơ sở (dữ liệu mẫu)", "80", "80"),
]
EXTRA = {KH: ("ngan-sach-tinh", "Sửa chữa, cải tạo trụ sở (dữ liệu mẫu)", "450", "300"),
         HCM: ("de-an-07", "Thực hiện Đề án 07-ĐA/TU: hiện đại hóa trang bị (dữ liệu mẫu)", "600", "620")}
PROVINCE_LINES = [("long-ghep", "Kinh phí lồng ghép chương trình chuyển đổi số (dữ liệu mẫu)", "900", "450"),
                  ("nguon-khac", "Nguồn xã hội hóa hợp pháp hỗ trợ camera an ninh (dữ liệu mẫu)", "250", "250")]
TRAININGS = [("chinh-tri", 3, "Học tập, quán triệt Nghị quyết của Đảng ủy Công an Trung ương (dữ liệu mẫu)"),
             ("nghiep-vu", 5, "Tập huấn kỹ năng xử lý tình huống, sử dụng công cụ hỗ trợ (dữ liệu mẫu)"),
             ("dan-van", 8, "Tập huấn công tác dân vận, tiếp công dân (dữ liệu mẫu)"),
             ("le-tiet", 10, "Huấn luyện điều lệnh, lễ tiết tác phong CAND (dữ liệu mẫu)")]


def _province(code: str) -> Unit:
    return Unit.objects.valid_on(clock.today()).get(level=Level.PROVINCE, code=code)


def _ward(province: Unit, name: str) -> Unit | None:
    return Unit.objects.within(province).valid_on(clock.today()).filter(level=Level.COMMUNE, name=name).first()


def _holdings(ward: Unit, w: Ward) -> dict:
    short = dict(w.short)
    out = {}
    for item in EquipmentItem.objects.filter(province_id=ward.root_id).prefetch_related("norms"):
        norm = next((n.quantity for n in item.norms.all() if n.ward_kind == w.kind), 0)
        out[f"item_{item.pk}"] = str(short.get(item.code, norm))
    return out


def _ward_registers(ward: Unit, w: Ward, actor, i: int) -> None:
    today = clock.today()
    services.save_headquarters(ward, actor, {
        "ward_kind": w.kind, "work_land_m2": w.work_m2, "living_land_m2": w.living_m2, "legal_status": w.legal,
        "follows_design": "1" if w.design else "", "year_built": w.built, "condition": w.condition,
        "planned_works": w.planned})
    services.save_holdings(ward, actor, _holdings(ward, w))
    for year in (today.year - 1, today.year):
        for source, purpose, planned, disbursed in BUDGET[: 2 + (i + year) % 2] + [EXTRA[w.province]] * (i % 3 == 0):
            # this year: most lines paid in full by November, one ward in three still waiting for half of one source
            paid = disbursed if year < today.year or i % 3 != 1 else str(int(planned.split(",")[0]) // 2)
            services.save_budget_line(ward, actor, year, {"source": source, "purpose": purpose, "planned": planned,
                                                          "disbursed": paid})
    strength = ward.officer_count or w.officers  # the officers the demo's typed figures count (TC02 reads the same)
    chiefs, deputies = 1, 3 if strength >= 35 else 2
    officers = strength - chiefs - deputies
    services.save_staffing(ward, actor, today.year, {
        "establishment": str(strength + (i % 3 == 2)), "chiefs": "1", "chiefs_ok": "1", "deputies": str(deputies),
        "deputies_ok": str(deputies), "officers": str(officers), "officers_ok": str(officers - (i % 4))})
    for subject, month, title in TRAININGS[: 2 + i % 3]:
        day = dt.date(today.year, month, 12)
        if day <= today:
            services.add_training(ward, actor, today.year, {"subject": subject, "held_on": day.isoformat(), "title": title,
                                                            "attendees": str(max(1, strength - 2 - i % 5))})


def load(log=print) -> int:
    """Load the registers (skipped when already loaded); returns the number of wards given registers."""
    if Headquarters.objects.exists():
        log("Sổ nguồn lực mẫu (trụ sở, trang bị, kinh phí, biên chế): đã có")
        return 0
    User = get_user_model()
    today = clock.today()
    done = 0
    for code, name in FILES.items():
        province = _province(code)
        actor = User.objects.get(username=ACTORS[code])
        norms.load_file(norms.DATA_DIR / name, actor=actor)
        for source, purpose, planned, disbursed in PROVINCE_LINES:
            services.save_budget_line(province, actor, today.year, {"source": source, "purpose": purpose,
                                                                    "planned": planned, "disbursed": disbursed})
        for i, w in enumerate(x for x in WARDS if x.province == code):
            ward = _ward(province, w.name)
            if ward is None:
                log(f"Sổ nguồn lực mẫu: không tìm thấy {w.name} ({code}), bỏ qua")
                continue
            _ward_registers(ward, w, actor, i)
            done += 1
    log(f"Sổ nguồn lực mẫu: định mức của {len(FILES)} tỉnh, thành phố; trụ sở, trang bị, kinh phí, biên chế của {done} phường")
    return done
