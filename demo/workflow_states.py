"""Demo wards in every workflow state, moved there through the real workflow (same checks, same audit trail)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.text import slugify

from accounts.models import Role, RoleAssignment
from assessments import review, workflow
from assessments.models import Assessment, Recognition, WorkflowSettings
from units.models import Level, Unit

KHANH_HOA = "56"
# A tiny but valid PDF, standing in for a scanned decision in the demo.
DEMO_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
            b"trailer<</Root 1 0 R>>\n%%EOF\n")
# (ward, year, the state to reach)
PLAN = [
    ("Phường Vĩnh Nguyên", 2023, workflow.RECOGNIZED),
    ("Phường Phước Hải", 2025, workflow.RECOGNIZED),
    ("Phường Cam Phúc Nam", 2025, workflow.APPRAISED),
    ("Phường Cam Linh", 2025, workflow.VERIFIED),
    ("Phường Ba Ngòi", 2025, workflow.SUBMITTED),
    ("Phường Phương Sài", 2025, workflow.RETURNED),
]
STEPS = {
    workflow.SUBMITTED: ["submit"],
    workflow.RETURNED: ["submit", "return"],
    workflow.VERIFIED: ["submit", "verify"],
    workflow.APPRAISED: ["submit", "verify", "vote", "appraise"],
    workflow.RECOGNIZED: ["submit", "verify", "vote", "appraise", "recognize"],
}


def _user(username):
    return get_user_model().objects.get(username=username)


def _chief(ward: Unit, password: str):
    username = "truong." + slugify(ward.short_name or ward.name).replace("-", "")
    user, _ = get_user_model().objects.get_or_create(username=username, defaults={"first_name": f"Trưởng CAP {ward.short_name}"})
    user.set_password(password)  # like every demo account: reset on each run
    user.save()
    RoleAssignment.objects.get_or_create(user=user, unit=ward, role=Role.WARD_CHIEF)
    return user


def stage(password: str) -> int:
    province = Unit.objects.get(level=Level.PROVINCE, code=KHANH_HOA, valid_until__isnull=False)
    # Fact: the city/town police level existed until 1/3/2025.
    WorkflowSettings.objects.get_or_create(province=province, defaults={"district_review_until": dt.date(2025, 3, 1)})
    done = 0
    for name, year, target in PLAN:
        ward = Unit.objects.within(province).get(name=name, level=Level.COMMUNE)
        a = Assessment.objects.get(unit=ward, year=year)
        if a.status != workflow.DRAFT:
            continue  # already staged (or moved by someone): never replay
        actors = {"submit": _chief(ward, password), "verify": _user("kiemtra.khanhhoa"), "return": _user("kiemtra.khanhhoa"),
                  "vote": _user("hoidong.khanhhoa"), "appraise": _user("hoidong.khanhhoa"), "recognize": _user("lanhdao.khanhhoa")}
        for step in STEPS[target]:
            done += 1
            if step == "vote":
                review.record_vote(a, actors[step], "approve", "Đạt đủ 22 tiêu chí (dữ liệu mẫu)")
                continue
            inputs = {"comment": "Bổ sung hồ sơ minh chứng tiêu chí TC04 (dữ liệu mẫu)" if step == "return" else "",
                      "recommendation": "Đề nghị công nhận (dữ liệu mẫu)",
                      "decision_number": f"{100 + done}/QĐ-CAT (mẫu)", "decision_date": f"{year}-12-20",
                      "signer": "Giám đốc Công an tỉnh (dữ liệu mẫu)"}
            files = {"decision_file": SimpleUploadedFile("quyet-dinh-mau.pdf", DEMO_PDF)} if step == "recognize" else {}
            outcome = review.perform(a, step, actors[step], inputs, files)
            if not outcome.ok:
                raise RuntimeError(f"demo workflow {name} {year} {step}: {outcome.errors}")
    done += _yearly_checks(province)
    return done


def _yearly_checks(province) -> int:
    """The 2023 pilot recognition, checked again in 2024 and 2025 (maintained)."""
    recognition = Recognition.objects.filter(unit__name="Phường Vĩnh Nguyên", unit__path__startswith=province.path, year=2023).first()
    if recognition is None:
        return 0
    approver = _user("lanhdao.khanhhoa")
    count = 0
    for year in (2024, 2025):
        if not recognition.reviews.filter(year=year).exists():
            errors = review.check_recognition(recognition, year, "maintained", approver, {})
            if errors:
                raise RuntimeError(f"demo yearly check {year}: {errors}")
            count += 1
    return count


def chief_logins(password: str) -> list[tuple[str, str, str]]:
    out = []
    for ra in RoleAssignment.objects.filter(role=Role.WARD_CHIEF, user__username__startswith="truong.").select_related("user", "unit"):
        if ra.user.username != "truong.vinhnguyen":
            out.append((ra.user.username, password, f"{Role.WARD_CHIEF.label} — {ra.unit.name}"))
    return sorted(out)
