"""The demo's history of reviews, recognitions and yearly checks, played through the real workflow (same rules,
same audit trail) at the dates it happened, so that timelines read 2023, 2024, 2025 and a ward dissolved in 2025
could still be recognized in 2023.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.text import slugify

from accounts.models import Role, RoleAssignment
from assessments import recognition as checks
from assessments import review, workflow
from assessments.models import Assessment, Recognition
from kieumau import clock
from units import territory
from units.models import Level, Unit

# A tiny but valid PDF, standing in for a scanned decision in the demo.
DEMO_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
            b"trailer<</Root 1 0 R>>\n%%EOF\n")
STEPS = {
    workflow.SUBMITTED: ["submit"],
    workflow.RETURNED: ["submit", "return"],
    workflow.VERIFIED: ["submit", "verify"],
    workflow.APPRAISED: ["submit", "verify", "vote", "appraise"],
    workflow.RECOGNIZED: ["submit", "verify", "vote", "appraise", "recognize"],
}


@dataclass(frozen=True)
class Case:
    land: str  # old province code: the ward is looked up on its land in ``year``
    ward: str
    year: int
    target: str
    start: dt.date  # the day it is submitted; each later step a few days after
    staff: str  # suffix of the reviewer / council / approver accounts: "khanhhoa", "binhduong", "hcm"
    city_reviewer: str = ""  # the city/town police reviewer, where that level still existed


@dataclass(frozen=True)
class Check:
    land: str
    ward: str  # the ward that earned the recognition
    year: int  # the recognition's year
    check_year: int
    outcome: str
    on: dt.date
    staff: str
    reason: str = ""


def _at(day: dt.date, hour: int = 9):
    return clock.replaying_at(dt.datetime.combine(day, dt.time(hour)))


def ward_on_land(land: str, name: str, year: int) -> Unit:
    province = Unit.objects.get(level=Level.PROVINCE, code=land, valid_until__isnull=False)
    return next(w for w in territory.year_land(province, year).wards if w.name == name)


def chief(ward: Unit, password: str):
    """The ward's chief (one account per ward name: a chief whose ward was merged keeps the same login)."""
    name = (ward.short_name or ward.name).replace("đ", "d").replace("Đ", "D")  # slugify drops đ, which has no decomposition
    username = "truong." + slugify(name).replace("-", "")
    user, _ = get_user_model().objects.get_or_create(username=username, defaults={"first_name": f"Trưởng CAP {ward.short_name}"})
    user.set_password(password)  # like every demo account: reset on each run
    user.save()
    RoleAssignment.objects.get_or_create(user=user, unit=ward, role=Role.WARD_CHIEF)
    return user


def _user(username):
    return get_user_model().objects.get(username=username)


def play(case: Case, password: str) -> int:
    """Move the case's assessment to its target state; an assessment already moved is left alone."""
    ward = ward_on_land(case.land, case.ward, case.year)
    a = Assessment.objects.get(unit=ward, year=case.year)
    if a.status != workflow.DRAFT:
        return 0
    actors = {"submit": chief(ward, password), "verify_district": _user(case.city_reviewer) if case.city_reviewer else None,
              "verify": _user(f"kiemtra.{case.staff}"), "return": _user(f"kiemtra.{case.staff}"),
              "vote": _user(f"hoidong.{case.staff}"), "appraise": _user(f"hoidong.{case.staff}"),
              "recognize": _user(f"lanhdao.{case.staff}")}
    steps = list(STEPS[case.target])
    if case.city_reviewer:
        steps.insert(1, "verify_district")
    for i, step in enumerate(steps):
        with _at(case.start + dt.timedelta(days=4 * i)):
            _step(a, step, actors[step], case)
    return len(steps)


def _step(a: Assessment, step: str, actor, case: Case) -> None:
    if step == "vote":
        outcome = review.record_vote(a, actor, "approve", "Đạt đủ 22 tiêu chí (dữ liệu mẫu)", second_factor=True)
    else:
        inputs = {"comment": "Bổ sung hồ sơ minh chứng tiêu chí TC04 (dữ liệu mẫu)" if step == "return" else "",
                  "recommendation": "Đề nghị công nhận (dữ liệu mẫu)",
                  "decision_number": f"{100 + int(a.unit.code) % 900}/QĐ-CAT (mẫu)",
                  "decision_date": clock.today().isoformat(), "signer": "Giám đốc Công an tỉnh (dữ liệu mẫu)"}
        files = {"decision_file": SimpleUploadedFile("quyet-dinh-mau.pdf", DEMO_PDF)} if step == "recognize" else {}
        outcome = review.perform(a, step, actor, inputs, files, second_factor=True)
    if not outcome.ok:
        raise RuntimeError(f"demo workflow {case.ward} {case.year} {step}: {outcome.errors}")


def check(c: Check) -> int:
    ward = ward_on_land(c.land, c.ward, c.year)
    recognition = Recognition.objects.filter(unit=ward, year=c.year).first()
    if recognition is None or recognition.reviews.filter(year=c.check_year).exists():
        return 0
    with _at(c.on, 10):
        errors = checks.check(recognition, c.check_year, c.outcome, _user(f"lanhdao.{c.staff}"),
                              {"reason": c.reason}, second_factor=True)
    if errors:
        raise RuntimeError(f"demo yearly check {c.ward} {c.check_year}: {errors}")
    return 1
