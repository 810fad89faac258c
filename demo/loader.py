"""The demo: framework, the real ward lists of Khánh Hòa, Ninh Thuận and Bình Dương before and after the 2025
reorganization, synthetic figures 2023–2026, and a history of reviews, recognitions and yearly checks.

The story (every figure synthetic and labelled so):
- Khánh Hòa: the 2023 pilot Phường Vĩnh Nguyên is recognized and maintained in 2024; Phước Hải and Cam Linh are
  recognized in 2024. On 1/7/2025 the province merges with Ninh Thuận; 2025 is assessed on the new wards: Phường Nha
  Trang (which took over Vĩnh Nguyên) and Bắc Nha Trang are recognized, the carried titles are checked, and a ward
  waits in each state of the workflow. 2026 is the current campaign.
- Bình Dương: Phường Mỹ Phước (the seed's pilot) and five more are recognized in 2024; on 1/7/2025 the province joins
  Thành phố Hồ Chí Minh, whose staff recognize five more wards of Bình Dương's land in 2025 and check the six carried.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from accounts.models import Role, RoleAssignment
from assessments import workflow
from assessments.closing import close_ended
from assessments.models import WorkflowSettings
from assessments.derived import refresh_year
from assessments.services import evaluate_year
from frameworks.lookup import shipped_paths
from frameworks.registry import load_file
from kieumau import clock
from roadmaps import seeds as roadmap_seeds
from units.models import Level, Unit
from units.reform2025 import import_2025
from units.territory import display_name as _dated

from . import citizens, coordination, emulation, figures, followup, resources, story
from .figures import LandPlan
from .synthetic import FAR, MEETS, NEAR

KHANH_HOA, NINH_THUAN, BINH_DUONG, HO_CHI_MINH = "56", "58", "74", "79"
DEMO_PASSWORD = "KieuMau@2026"

LANDS = [
    LandPlan(KHANH_HOA, {2023: 1, 2024: 4, 2025: 6, 2026: 3}, {
        2023: {"Phường Vĩnh Nguyên": MEETS},
        2024: {"Phường Vĩnh Nguyên": MEETS, "Phường Phước Hải": MEETS, "Phường Cam Linh": MEETS},
        2025: {n: MEETS for n in ("Phường Nha Trang", "Phường Nam Nha Trang", "Phường Bắc Nha Trang", "Phường Cam Ranh",
                                  "Phường Tây Nha Trang", "Phường Ba Ngòi")} | {"Phường Cam Linh": NEAR, "Phường Ninh Hòa": NEAR},
        2026: {"Phường Nha Trang": MEETS}}),
    LandPlan(NINH_THUAN, {2024: 1, 2025: 1}, {}),
    LandPlan(BINH_DUONG, {2024: 6, 2025: 12, 2026: 4}, {
        2023: {"Phường Mỹ Phước": NEAR},
        2024: {n: MEETS for n in ("Phường Mỹ Phước", "Phường Phú Cường", "Phường Dĩ An", "Phường Lái Thiêu", "Phường Phú Lợi",
                                  "Phường Hòa Phú")},
        2025: {n: MEETS for n in ("Phường Bến Cát", "Phường Thủ Dầu Một", "Phường Dĩ An", "Phường Lái Thiêu", "Phường Phú Lợi",
                                  "Phường Bình Dương", "Phường Thuận An", "Phường Tân Uyên", "Phường Thuận Giao",
                                  "Phường Tân Đông Hiệp", "Phường An Phú")} | {"Phường Long Nguyên": FAR}}),
]

D = dt.date
CASES = [
    story.Case(KHANH_HOA, "Phường Vĩnh Nguyên", 2023, workflow.RECOGNIZED, D(2023, 11, 27), "khanhhoa", "kiemtra.nhatrang"),
    story.Case(KHANH_HOA, "Phường Phước Hải", 2024, workflow.RECOGNIZED, D(2024, 11, 25), "khanhhoa", "kiemtra.nhatrang"),
    story.Case(KHANH_HOA, "Phường Cam Linh", 2024, workflow.RECOGNIZED, D(2024, 11, 26), "khanhhoa", "kiemtra.camranh"),
    story.Case(KHANH_HOA, "Phường Nha Trang", 2025, workflow.RECOGNIZED, D(2025, 11, 24), "khanhhoa"),
    story.Case(KHANH_HOA, "Phường Bắc Nha Trang", 2025, workflow.RECOGNIZED, D(2025, 11, 25), "khanhhoa"),
    story.Case(KHANH_HOA, "Phường Cam Ranh", 2025, workflow.APPRAISED, D(2025, 11, 26), "khanhhoa"),
    story.Case(KHANH_HOA, "Phường Tây Nha Trang", 2025, workflow.VERIFIED, D(2025, 11, 27), "khanhhoa"),
    story.Case(KHANH_HOA, "Phường Ba Ngòi", 2025, workflow.SUBMITTED, D(2025, 12, 10), "khanhhoa"),
    story.Case(KHANH_HOA, "Phường Ninh Hòa", 2025, workflow.RETURNED, D(2025, 12, 1), "khanhhoa"),
    *[story.Case(BINH_DUONG, name, 2024, workflow.RECOGNIZED, D(2024, 11, 18 + i), "binhduong")
      for i, name in enumerate(("Phường Mỹ Phước", "Phường Phú Cường", "Phường Dĩ An", "Phường Lái Thiêu", "Phường Phú Lợi",
                                "Phường Hòa Phú"))],
    *[story.Case(BINH_DUONG, name, 2025, workflow.RECOGNIZED, D(2025, 11, 17 + i), "hcm")
      for i, name in enumerate(("Phường Thuận An", "Phường Tân Uyên", "Phường Thuận Giao", "Phường Tân Đông Hiệp", "Phường An Phú"))],
]
CHECKS = [
    story.Check(KHANH_HOA, "Phường Vĩnh Nguyên", 2023, 2024, "maintained", D(2024, 12, 23), "khanhhoa"),
    story.Check(KHANH_HOA, "Phường Vĩnh Nguyên", 2023, 2025, "maintained", D(2025, 12, 22), "khanhhoa"),
    story.Check(KHANH_HOA, "Phường Phước Hải", 2024, 2025, "maintained", D(2025, 12, 22), "khanhhoa"),
    story.Check(KHANH_HOA, "Phường Cam Linh", 2024, 2025, "warned", D(2025, 12, 22), "khanhhoa",
                "Phường Cam Linh (mới) chưa đạt TC10 năm 2025: tội phạm về TTXH giảm chưa đủ 6% (dữ liệu mẫu)"),
    *[story.Check(BINH_DUONG, name, 2024, 2025, "maintained", D(2025, 12, 23), "hcm")
      for name in ("Phường Mỹ Phước", "Phường Phú Cường", "Phường Dĩ An", "Phường Lái Thiêu", "Phường Phú Lợi", "Phường Hòa Phú")],
]


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    role: str
    where: tuple  # ("province", code, "old"/"new") | ("district", code) | ("ward", province code, name, year) | ("national",)
    before: tuple = ()  # where the same person held the role before the 2025 reorganization (same forms)


USERS = [
    DemoUser("pv01.khanhhoa", "Nguyễn Thị Lan (PV01 Khánh Hòa)", Role.PROGRAM_STAFF, ("province", KHANH_HOA, "new")),
    DemoUser("pv01.hcm", "Tạ Minh Quân (PV01 TP Hồ Chí Minh)", Role.PROGRAM_STAFF, ("province", HO_CHI_MINH, "new")),
    DemoUser("pv01.binhduong", "Trần Văn Minh (PV01 Bình Dương, đến 30/6/2025)", Role.PROGRAM_STAFF, ("province", BINH_DUONG, "old")),
    DemoUser("canbo.vinhnguyen", "Lê Văn Hùng (CAP Vĩnh Nguyên, đến 30/6/2025)", Role.WARD_OFFICER, ("ward", KHANH_HOA, "Phường Vĩnh Nguyên", 2024)),
    DemoUser("truong.vinhnguyen", "Phạm Quốc Tuấn (Trưởng CAP Vĩnh Nguyên)", Role.WARD_CHIEF, ("ward", KHANH_HOA, "Phường Vĩnh Nguyên", 2024)),
    DemoUser("kiemtra.khanhhoa", "Võ Thị Hạnh (kiểm tra, Công an tỉnh)", Role.REVIEWER, ("province", KHANH_HOA, "new"), ("province", KHANH_HOA, "old")),
    DemoUser("kiemtra.nhatrang", "Ngô Văn Bình (kiểm tra, CA TP Nha Trang, đến 1/3/2025)", Role.REVIEWER, ("district", "568")),
    DemoUser("kiemtra.camranh", "Đỗ Thị Thu (kiểm tra, CA TP Cam Ranh, đến 1/3/2025)", Role.REVIEWER, ("district", "569")),
    DemoUser("hoidong.khanhhoa", "Đặng Văn Sơn (Hội đồng thẩm định)", Role.COUNCIL_MEMBER, ("province", KHANH_HOA, "new"), ("province", KHANH_HOA, "old")),
    DemoUser("lanhdao.khanhhoa", "Huỳnh Minh Đức (lãnh đạo ký)", Role.APPROVER, ("province", KHANH_HOA, "new"), ("province", KHANH_HOA, "old")),
    DemoUser("giamsat.khanhhoa", "Bùi Thị Mai (giám sát HĐND)", Role.SUPERVISOR, ("province", KHANH_HOA, "new")),
    DemoUser("giamsat.binhduong", "Lương Thị Hiền (giám sát, Ủy ban MTTQ Bình Dương, đến 30/6/2025)", Role.SUPERVISOR, ("province", BINH_DUONG, "old")),
    DemoUser("kiemtra.binhduong", "Lý Văn Tâm (kiểm tra, Bình Dương)", Role.REVIEWER, ("province", BINH_DUONG, "old")),
    DemoUser("hoidong.binhduong", "Châu Thị Ngọc (Hội đồng thẩm định Bình Dương)", Role.COUNCIL_MEMBER, ("province", BINH_DUONG, "old")),
    DemoUser("lanhdao.binhduong", "Phan Văn Lực (lãnh đạo ký, Bình Dương)", Role.APPROVER, ("province", BINH_DUONG, "old")),
    DemoUser("kiemtra.hcm", "Trịnh Thị Hoa (kiểm tra, TP Hồ Chí Minh)", Role.REVIEWER, ("province", HO_CHI_MINH, "new")),
    DemoUser("hoidong.hcm", "Vũ Văn Hải (Hội đồng thẩm định TP Hồ Chí Minh)", Role.COUNCIL_MEMBER, ("province", HO_CHI_MINH, "new")),
    DemoUser("lanhdao.hcm", "Mai Quốc Khánh (lãnh đạo ký, TP Hồ Chí Minh)", Role.APPROVER, ("province", HO_CHI_MINH, "new")),
    # The Ministry reads the whole country (its role is held on no unit); read-only, so no second factor, like supervisors.
    DemoUser("bo.v05", "Cục Cảnh sát QLHC về TTXH (V05)", Role.MINISTRY, ("national",)),
]
# The accounts that record decisions: enrolled in two-step verification by the demo (their backup codes are printed).
DECISION_USERS = ("hoidong.khanhhoa", "lanhdao.khanhhoa", "hoidong.binhduong", "lanhdao.binhduong", "hoidong.hcm", "lanhdao.hcm")


def run(log=print) -> tuple[list, list]:
    """Load everything; returns the accounts (username, password, role) and the second factors of those who record
    decisions (username, authenticator key, backup codes)."""
    for path in shipped_paths():  # version 1 (2021–2025) and version 2 (default from 2026)
        result = load_file(path)
        log(f"Bộ tiêu chí: {result.framework} ({result.action})")
    reform = import_2025([KHANH_HOA, HO_CHI_MINH])
    log(f"Đơn vị hành chính trước 2025: {reform.legacy}; {reform}")
    for line in reform.unknown:
        log(f"  Không khớp (bỏ qua, không đoán): {line}")
    today_year = clock.today().year
    with transaction.atomic():
        _settings()
        created = figures.load(LANDS, today_year, log)
        log(f"Số liệu mẫu: {created} bản đánh giá mới")
        for year in figures.YEARS:
            evaluate_year(year)
        printed = _users()
        steps = sum(story.play(case, DEMO_PASSWORD) for case in CASES if case.start.year <= today_year)
        steps += sum(story.check(c) for c in CHECKS if c.on <= clock.today())
        log(f"Quy trình mẫu: {steps} bước; đóng {close_ended()} hồ sơ chưa hoàn tất của đơn vị đã chấm dứt")
        for code in (KHANH_HOA, BINH_DUONG):
            roadmap_seeds.load(code)
        printed += coordination.load(DEMO_PASSWORD, log)
        followup.load(log)
        citizens.load(log)
        resources.load(log)
        emulation.load(log)
        log(f"Số liệu tính từ các sổ: {refresh_year(today_year)} bản đánh giá {today_year} được cập nhật")
        enrolled = _enrol_decision_users()
    return printed + _chief_logins(), enrolled


def _enrol_decision_users() -> list[tuple[str, str, str]]:
    """Those who record decisions need a second factor: each gets an authenticator key (to add to any authenticator
    app) and printable backup codes, new on every run."""
    from accounts.second_factor import enrol_for_demo, key_for_people
    from django_otp.plugins.otp_totp.models import TOTPDevice

    out = []
    for username in DECISION_USERS:
        user = get_user_model().objects.get(username=username)
        codes = enrol_for_demo(user)
        key = key_for_people(TOTPDevice.objects.get(user=user))
        out.append((username, key, codes))
    return out


def _settings() -> None:
    """Facts and province data: the city/town review level existed until 1/3/2025 (Khánh Hòa); yearly submissions
    are due on 15/12 (the demo's choice for both provinces, old and new)."""
    for code, old in ((KHANH_HOA, True), (KHANH_HOA, False), (BINH_DUONG, True), (HO_CHI_MINH, False)):
        province = _province(code, old)
        defaults = {"submission_due_day": 15, "submission_due_month": 12}
        if code == KHANH_HOA and old:
            defaults["district_review_until"] = dt.date(2025, 3, 1)
        WorkflowSettings.objects.get_or_create(province=province, defaults=defaults)


def _province(code: str, old: bool) -> Unit:
    return Unit.objects.get(level=Level.PROVINCE, code=code, valid_until__isnull=not old)


def _unit(where: tuple) -> Unit | None:
    if where[0] == "national":
        return None
    if where[0] == "province":
        return _province(where[1], where[2] == "old")
    if where[0] == "district":
        return Unit.objects.get(level=Level.DISTRICT, code=where[1])
    return story.ward_on_land(where[1], where[2], where[3])


def _users() -> list[tuple[str, str, str]]:
    User = get_user_model()
    admin, _ = User.objects.get_or_create(username="admin", defaults={"first_name": "Quản trị hệ thống"})
    admin.is_superuser = admin.is_staff = True
    admin.set_password(DEMO_PASSWORD)
    admin.save()
    printed = [("admin", DEMO_PASSWORD, "Quản trị viên (toàn quyền)")]
    for demo in USERS:
        user, _ = User.objects.get_or_create(username=demo.username, defaults={"first_name": demo.full_name})
        user.first_name = demo.full_name
        user.set_password(DEMO_PASSWORD)
        user.save()
        unit = _unit(demo.where)
        for where in (demo.where, *([demo.before] if demo.before else [])):
            RoleAssignment.objects.get_or_create(user=user, unit=_unit(where), role=demo.role)
        printed.append((demo.username, DEMO_PASSWORD, f"{Role(demo.role).label} — {_dated(unit) if unit else demo.full_name}"))
    return printed


def _chief_logins() -> list[tuple[str, str, str]]:
    wards: dict[str, list[str]] = {}
    shown = {u.username for u in USERS}
    for ra in RoleAssignment.objects.filter(role=Role.WARD_CHIEF, user__username__startswith="truong.").select_related("user", "unit"):
        if ra.user.username not in shown:
            wards.setdefault(ra.user.username, []).append(_dated(ra.unit))
    return [(name, DEMO_PASSWORD, f"{Role.WARD_CHIEF.label} — {', '.join(sorted(units))}") for name, units in sorted(wards.items())]
