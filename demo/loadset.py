"""``make load``: the plan the load generator follows, and afterwards the check that no write was lost or doubled.

The load database holds the demo (its provinces, users and 2026 campaign) plus the bench's national country
(every pre-2025 commune with a year of figures, every province a roadmap), so the pages work at national size.
``prepare`` writes a JSON plan: the pages each provincial user cycles, one ward per data-entry user (a user of
its own, so two simulated users never race for one form: a conflict there would be a correct refusal, not a
lost write), an API token and the public pages. ``check`` compares what the generator was told was saved with
what the database holds: each writer's assessment moved by exactly the acknowledged saves (its revision and its
audit rows), and holds the value of the last acknowledged save.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse

from accounts.models import Role, RoleAssignment
from api import tokens
from assessments import eligibility, workflow
from assessments.models import Assessment
from audit.models import AuditEvent
from demo.loader import DEMO_PASSWORD, HO_CHI_MINH, KHANH_HOA
from kieumau import clock
from units.models import Level, Unit

STAFF = ("pv01.khanhhoa", "pv01.binhduong", "kiemtra.khanhhoa", "giamsat.khanhhoa")
WRITER_PREFIX = "taithu.nhap"
SAVED = "assessment.figures_saved"


def _province_of(username: str) -> Unit:
    ra = RoleAssignment.objects.filter(user__username=username).select_related("unit").first()
    if ra is None or ra.unit is None:
        raise SystemExit(f"Không có người dùng mẫu «{username}» trong cơ sở dữ liệu: chạy «manage.py demo» trước.")
    return Unit.objects.get(pk=ra.unit.root_id)


def _staff_pages(username: str, year: int) -> list[str]:
    province = _province_of(username)
    wards = list(Assessment.objects.filter(unit__path__startswith=province.path, year=year)
                 .order_by("unit_id").values_list("unit_id", flat=True)[:5])
    pages = [reverse("province_matrix", args=[province.pk]) + f"?nam={year}",
             reverse("roadmap", args=[province.pk]), reverse("todo")]
    pages += [reverse("scorecard", args=[w, year]) for w in wards]
    return pages


def _writable_wards(year: int, want: int) -> list[Unit]:
    out, today = [], clock.today()
    for code in (KHANH_HOA, HO_CHI_MINH):  # the demo's two provinces of today (Bình Dương's land is in Hồ Chí Minh's)
        province = Unit.objects.filter(code=code, level=Level.PROVINCE).valid_on(today).first()
        candidates = Unit.objects.within(province).wards().valid_on(today).order_by("path") if province else []
        for unit in candidates:
            if len(out) == want:
                return out
            a = Assessment.objects.filter(unit=unit, year=year).first()
            if (a is None or a.status in workflow.EDITABLE) and eligibility.why_not_writable(unit, year) is None:
                out.append(unit)
    return out


@transaction.atomic
def prepare(out: Path, writers: int = 20) -> dict:
    year = clock.today().year
    users = get_user_model().objects
    plan = {"password": DEMO_PASSWORD, "year": year, "staff": [], "writers": [],
            "audit_start": AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0}
    for username in STAFF:
        plan["staff"].append({"username": username, "pages": _staff_pages(username, year)})
    for i, unit in enumerate(_writable_wards(year, writers), 1):
        username = f"{WRITER_PREFIX}{i:02d}"
        user = users.filter(username=username).first() or users.create_user(username, password=DEMO_PASSWORD)
        user.first_name = f"Người nhập liệu thử tải {i}"
        user.set_password(DEMO_PASSWORD)
        user.save()
        RoleAssignment.objects.filter(user=user).delete()
        RoleAssignment.objects.create(user=user, unit=unit, role=Role.WARD_OFFICER)
        a = Assessment.objects.filter(unit=unit, year=year).first()
        plan["writers"].append({"username": username, "unit": unit.pk, "name": unit.name,
                                "url": reverse("enter_figures", args=[unit.pk, year]),
                                "start_revision": a.revision if a else 0})
    owner = users.get(username=STAFF[0])
    _row, secret = tokens.create(owner, "Thử tải", 1, via="command")
    province = _province_of(STAFF[0])
    plan["api"] = {"token": secret, "pages": [f"/api/v1/units?province={province.code}", f"/api/v1/units/{province.code}"]}
    ward = Unit.objects.within(province).wards().order_by("path").first()
    plan["public"] = [reverse("feedback_form")] + ([reverse("feedback_ward", args=[ward.code])] if ward else [])
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(plan, ensure_ascii=False, indent=1), encoding="utf-8")
    return plan


def check(plan: dict, acks: dict) -> list[str]:
    """Every discrepancy between the acknowledged saves (``acks``: username → {"count", "field", "value"}) and the
    database, in Vietnamese; empty when nothing was lost or doubled."""
    problems = []
    year = plan["year"]
    for w in plan["writers"]:
        ack = acks.get(w["username"], {"count": 0})
        a = Assessment.objects.filter(unit_id=w["unit"], year=year).first()
        revision = a.revision if a else 0
        rows = AuditEvent.objects.filter(id__gt=plan["audit_start"], action=SAVED, object_id=str(a.pk)).count() if a else 0
        if revision - w["start_revision"] != ack["count"]:
            problems.append(f"{w['name']}: {ack['count']} lần lưu được xác nhận nhưng phiên bản tăng "
                            f"{revision - w['start_revision']}")
        if rows != ack["count"]:
            problems.append(f"{w['name']}: {ack['count']} lần lưu được xác nhận nhưng có {rows} dòng nhật ký lưu")
        # a yes/no figure is posted as "true"/"false" and stored as a JSON boolean
        if ack["count"] and a is not None and str(a.values.get(ack["field"])).lower() != str(ack["value"]).lower():
            problems.append(f"{w['name']}: chỉ số {ack['field']} là {a.values.get(ack['field'])!r}, "
                            f"lần lưu cuối được xác nhận ghi {ack['value']!r}")
    return problems
