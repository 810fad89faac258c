"""The demo: framework, real ward lists of Khánh Hòa and Bình Dương, synthetic figures, users."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from accounts.models import Role, RoleAssignment
from assessments.models import Assessment
from audit.models import record
from assessments.services import evaluate_year
from frameworks.registry import DATA_DIR, load_file
from units import history
from units.models import Level, Unit
from units.reform2025 import import_2025

from roadmaps import seeds as roadmap_seeds

from . import reform_story, synthetic, workflow_states

KHANH_HOA, BINH_DUONG, HO_CHI_MINH = "56", "74", "79"
YEARS = [2023, 2024, 2025]
DEMO_PASSWORD = "KieuMau@2026"
# Wards meeting the standard per year: the pilots first (Vĩnh Nguyên 2023, Mỹ Phước 2024), then others.
MEETING = {KHANH_HOA: {2023: 1, 2024: 4, 2025: 9}, BINH_DUONG: {2023: 0, 2024: 6, 2025: 14}}
PILOTS = {KHANH_HOA: "Phường Vĩnh Nguyên", BINH_DUONG: "Phường Mỹ Phước"}


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    role: str
    unit: str  # province code, or a ward name inside Khánh Hòa


USERS = [
    DemoUser("pv01.khanhhoa", "Nguyễn Thị Lan (PV01 Khánh Hòa)", Role.PROGRAM_STAFF, KHANH_HOA),
    DemoUser("pv01.binhduong", "Trần Văn Minh (PV01 Bình Dương)", Role.PROGRAM_STAFF, BINH_DUONG),
    DemoUser("canbo.vinhnguyen", "Lê Văn Hùng (CAP Vĩnh Nguyên)", Role.WARD_OFFICER, "Phường Vĩnh Nguyên"),
    DemoUser("truong.vinhnguyen", "Phạm Quốc Tuấn (Trưởng CAP Vĩnh Nguyên)", Role.WARD_CHIEF, "Phường Vĩnh Nguyên"),
    DemoUser("kiemtra.khanhhoa", "Võ Thị Hạnh (kiểm tra)", Role.REVIEWER, KHANH_HOA),
    DemoUser("hoidong.khanhhoa", "Đặng Văn Sơn (Hội đồng thẩm định)", Role.COUNCIL_MEMBER, KHANH_HOA),
    DemoUser("lanhdao.khanhhoa", "Huỳnh Minh Đức (lãnh đạo ký)", Role.APPROVER, KHANH_HOA),
    DemoUser("giamsat.khanhhoa", "Bùi Thị Mai (giám sát HĐND)", Role.SUPERVISOR, KHANH_HOA),
]


def run(log=print) -> list[tuple[str, str, str]]:
    result = load_file(DATA_DIR / "bca-5764-2021.yaml")
    log(f"Bộ tiêu chí: {result.framework} ({result.action})")
    # Both provinces as they were (with the 2024 changes) and as they are since 1/7/2025, with the lineage between.
    reform = import_2025([KHANH_HOA, HO_CHI_MINH])
    log(f"Đơn vị hành chính trước 2025: {reform.legacy}; {reform}")
    with transaction.atomic():
        for province_code in (KHANH_HOA, BINH_DUONG):
            created = _assessments(province_code, result.framework)
            log(f"Số liệu mẫu {province_code}: {created} bản đánh giá mới")
        for year in YEARS:
            evaluate_year(year)
        printed = _users()
        staged = workflow_states.stage(DEMO_PASSWORD)
        log(f"Quy trình mẫu: {staged} bước")
        log(f"Năm 2026 theo địa giới mới: {reform_story.stage_2026(DEMO_PASSWORD)} bản đánh giá mới")
        for code in (KHANH_HOA, BINH_DUONG):
            roadmap_seeds.load(code)
        return printed + workflow_states.chief_logins(DEMO_PASSWORD)


def _province(code: str) -> Unit:
    """The province as it was before 1/7/2025 (the demo's 2023–2025 figures belong to it)."""
    return Unit.objects.get(level=Level.PROVINCE, code=code, valid_until__isnull=False)


def _province_now(code: str) -> Unit:
    """The province valid today with that code, else the one that was (Bình Dương has no successor of its code)."""
    return Unit.objects.filter(level=Level.PROVINCE, code=code, valid_until__isnull=True).first() or _province(code)


def _assessments(province_code: str, framework) -> int:
    province = _province(province_code)
    # each year, the wards valid at its end (or on the province's last day): 35 in Khánh Hòa in 2023, 30 from 2024
    valid = {y: set(history.wards_on(province, history.reference_day(province, y)).values_list("pk", flat=True)) for y in YEARS}
    wards = list(Unit.objects.within(province).wards().filter(pk__in=set().union(*valid.values())).order_by("code"))
    # pilots first, then a stable pseudo-random order
    wards.sort(key=lambda w: (w.name != PILOTS[province_code], synthetic.rng_for(w.code, "rank").random()))
    existing = set(Assessment.objects.filter(unit__in=wards).values_list("unit_id", "year"))
    new, officers = [], []
    # rank among the wards of each year, so that each year has exactly MEETING wards meeting the standard
    rank = {y: {w.pk: i for i, w in enumerate(w for w in wards if w.pk in valid[y])} for y in YEARS}
    for ward in wards:
        profiles = {y: _profile(rank[y][ward.pk], MEETING[province_code][y], len(valid[y])) if ward.pk in valid[y]
                    else synthetic.FAR for y in YEARS}
        series, first_previous = synthetic.ward_series(ward.code, YEARS, profiles)
        for year in YEARS:
            if ward.pk not in valid[year]:
                continue
            if (ward.pk, year) in existing:
                continue  # never overwrite figures someone may have edited
            previous = first_previous if year == YEARS[0] else {}
            new.append(Assessment(unit=ward, year=year, framework=framework, values=series[year],
                                  previous_values=previous, is_demo=True))
        if ward.officer_count is None:
            ward.officer_count = synthetic.officers_for(ward.code)
            officers.append(ward)
    Assessment.objects.bulk_create(new)
    Unit.objects.bulk_update(officers, ["officer_count"])
    if new or officers:
        record(None, "demo.loaded", Assessment, unit=province,
               data={"assessments": len(new), "officer_counts": len(officers), "years": YEARS})
    return len(new)


def _profile(rank: int, meeting: int, total: int) -> str:
    if rank < meeting:
        return synthetic.MEETS
    if rank < meeting + max(3, total // 3):
        return synthetic.NEAR
    return synthetic.FAR


def _users() -> list[tuple[str, str, str]]:
    User = get_user_model()
    printed = []
    admin, _ = User.objects.get_or_create(username="admin", defaults={"first_name": "Quản trị hệ thống"})
    admin.is_superuser = admin.is_staff = True
    admin.set_password(DEMO_PASSWORD)
    admin.save()
    printed.append(("admin", DEMO_PASSWORD, "Quản trị viên (toàn quyền)"))
    for demo in USERS:
        user, _ = User.objects.get_or_create(username=demo.username, defaults={"first_name": demo.full_name})
        user.set_password(DEMO_PASSWORD)
        user.save()
        if demo.unit.isdigit():
            unit = _province_now(demo.unit)
        else:
            unit = Unit.objects.within(_province(KHANH_HOA)).get(name=demo.unit, level=Level.COMMUNE)
        RoleAssignment.objects.get_or_create(user=user, unit=unit, role=demo.role)
        printed.append((demo.username, DEMO_PASSWORD, f"{Role(demo.role).label} — {unit.name}"))
    return printed
