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
from kieumau.commands import os_problem, shown
from units.models import Level, Unit

STAFF = ("pv01.khanhhoa", "pv01.binhduong", "kiemtra.khanhhoa", "giamsat.khanhhoa")
WRITER_PREFIX = "taithu.nhap"
SAVED = "assessment.figures_saved"
MAX_WRITERS = 500  # simulated data-entry users, one ward each
MAX_ID = 2**63 - 1  # a database id (and a revision, an audit row's id) fits a signed 64-bit column
MAX_COUNT = 10**9  # acknowledged saves of one writer


class PlanError(ValueError):
    """A plan or acknowledgements file that cannot be used, or a request ``prepare`` cannot carry out: ``str(self)``
    says why in Vietnamese; ``code`` is the exit code (2: wrong input, 1: the database is not ready)."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.code = code


def _province_of(username: str) -> Unit:
    ra = RoleAssignment.objects.filter(user__username=username).select_related("unit").first()
    if ra is None or ra.unit is None:
        raise PlanError(f"Không có người dùng mẫu «{username}» trong cơ sở dữ liệu: chạy «manage.py demo» trước.", code=1)
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


def prepare(out: Path, writers: int = 20) -> dict:
    """Write the plan to ``out`` (PlanError, with nothing written, for a number of writers outside 1–MAX_WRITERS or an
    ``out`` that cannot be written)."""
    out = Path(out)
    if isinstance(writers, bool) or not isinstance(writers, int) or not 1 <= writers <= MAX_WRITERS:
        raise PlanError(f"Số người nhập liệu (--writers) phải từ 1 đến {MAX_WRITERS}.")
    try:
        folder = out.is_dir()
    except (OSError, ValueError) as e:  # a name too long for the file system, a NUL …
        raise PlanError(f"Không ghi được kế hoạch vào {shown(out)}: {os_problem(e)}.") from None
    if folder:
        raise PlanError(f"{shown(out)} là một thư mục: hãy cho tên tệp kế hoạch, ví dụ {shown(out / 'plan.json')}.")
    return _prepare(out, writers)


@transaction.atomic
def _prepare(out: Path, writers: int) -> dict:
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
    try:  # last: a failure here rolls back the users made above
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(plan, ensure_ascii=False, indent=1), encoding="utf-8")
    except OSError as e:
        raise PlanError(f"Không ghi được kế hoạch vào {shown(out)}: {os_problem(e)}.") from None
    return plan


def _no_constant(name):
    raise PlanError(f"«{name}» không phải là số JSON hợp lệ")


def read(path) -> object:
    """The JSON in the file at ``path`` (PlanError, in Vietnamese, when it cannot be read as JSON)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise PlanError(f"Tệp {shown(path)} không phải văn bản UTF-8.") from None
    except (OSError, ValueError) as e:  # no such file, a folder, no permission, a name too long, a NUL …
        raise PlanError(f"Không đọc được tệp {shown(path)}: {os_problem(e)}.") from None
    try:
        return json.loads(text, parse_constant=_no_constant)
    except PlanError as e:
        raise PlanError(f"Tệp {shown(path)}: {e}.") from None
    except json.JSONDecodeError as e:
        raise PlanError(f"Tệp {shown(path)} không phải JSON hợp lệ (dòng {e.lineno}, cột {e.colno}).") from None
    except RecursionError:
        raise PlanError(f"Tệp {shown(path)}: JSON lồng nhau quá sâu.") from None
    except ValueError:  # an integer of thousands of digits (Python's int() limit)
        raise PlanError(f"Tệp {shown(path)}: JSON có số quá dài (quá nhiều chữ số).") from None


def _whole(value, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def validate(plan, acks) -> None:
    """PlanError naming the first thing that makes ``plan`` (as ``prepare`` writes it) or ``acks`` (username →
    {"count", "field", "value"}, as the load generator writes them) unusable for ``check``."""
    if not isinstance(plan, dict):
        raise PlanError("Kế hoạch phải là một đối tượng JSON {year, audit_start, writers, …} (tệp do «loadset prepare» ghi).")
    if not _whole(plan.get("year"), 2000, 2100):
        raise PlanError("Kế hoạch: «year» phải là một năm (số nguyên từ 2000 đến 2100).")
    if not _whole(plan.get("audit_start"), 0, MAX_ID):
        raise PlanError("Kế hoạch: «audit_start» phải là số nguyên không âm (mã dòng nhật ký lúc bắt đầu).")
    writers = plan.get("writers")
    if not isinstance(writers, list):
        raise PlanError("Kế hoạch: «writers» phải là một danh sách người nhập liệu.")
    for i, w in enumerate(writers):
        where = f"Kế hoạch: writers[{i}]"
        if not isinstance(w, dict):
            raise PlanError(f"{where} phải là một đối tượng {{username, unit, name, start_revision}}.")
        if not isinstance(w.get("username"), str) or not w["username"]:
            raise PlanError(f"{where}: «username» phải là tên đăng nhập (chuỗi).")
        if not _whole(w.get("unit"), 1, MAX_ID):
            raise PlanError(f"{where}: «unit» phải là mã đơn vị (số nguyên dương, tối đa {MAX_ID}).")
        if not isinstance(w.get("name"), str):
            raise PlanError(f"{where}: «name» phải là tên phường (chuỗi).")
        if not _whole(w.get("start_revision"), 0, MAX_ID):
            raise PlanError(f"{where}: «start_revision» phải là số nguyên không âm.")
    if not isinstance(acks, dict):
        raise PlanError("Tệp xác nhận phải là một đối tượng JSON {tên đăng nhập: {count, field, value}}.")
    for username, ack in acks.items():
        where = f"Tệp xác nhận: «{username[:40]}»"
        if not isinstance(ack, dict) or not _whole(ack.get("count"), 0, MAX_COUNT):
            raise PlanError(f"{where} phải là {{count, field, value}} với «count» là số nguyên từ 0 đến {MAX_COUNT}.")
        if ack["count"] and (not isinstance(ack.get("field"), str) or "value" not in ack):
            raise PlanError(f"{where}: có lần lưu được xác nhận nhưng thiếu «field» (chuỗi) hoặc «value».")


def check(plan: dict, acks: dict) -> list[str]:
    """Every discrepancy between the acknowledged saves (``acks``: username → {"count", "field", "value"}) and the
    database, in Vietnamese; empty when nothing was lost or doubled. PlanError when either is not of the shape
    ``prepare`` and the load generator write (``validate``)."""
    validate(plan, acks)
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
