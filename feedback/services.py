"""Every step of a case: one transaction each, an audit row that refers to the case (never its contact data), and a
notification to whoever must act next."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, RoleAssignment
from accounts.scope import people_on
from agencies.roles import reporters
from audit.models import record
from frameworks import providers
from inbox import notify
from kieumau import clock
from kieumau.posted import Refused
from kieumau.posted import text as _text
from units.history import covering_ids
from units.territory import is_valid_on
from workdays import vncalendar

from . import codes, consent, photos, rules
from .models import Case, Category, Contact, Hop

MAX_CONTENT = 4000


@dataclass
class Submission:
    unit: object
    category: Category
    content: str
    photo: object = None
    name: str = ""
    phone: str = ""
    email: str = ""
    consent: bool = False


def officers(unit) -> list:
    return people_on(unit)


def chiefs(unit) -> list:
    return people_on(unit, [Role.WARD_CHIEF])


def province_staff(unit) -> list:
    return [ra.user for ra in RoleAssignment.objects.filter(unit_id__in=covering_ids(unit), role=Role.PROGRAM_STAFF,
                                                            unit__level="province", user__is_active=True)
            .select_related("user")]


def changed(case: Case, *units) -> None:
    """Tell the assessments that the unit-year's provided figures moved (after commit: a failure there never loses a
    citizen's case; the daily refresh catches up)."""
    year = case.received_on.year
    for unit_id in {case.unit_id, *units}:
        providers.changed_on_commit(unit_id, year)


def url(case: Case) -> str:
    return reverse("feedback_case", args=[case.pk])


def _new_code() -> str:
    for _ in range(20):
        code = codes.new()
        if not Case.objects.filter(code=code).exists():
            return code
    raise RuntimeError("no free tracking code")  # 20 collisions in 2·10¹³: the generator is broken


def check_contact(s: Submission) -> None:
    if (s.name or s.phone or s.email) and not s.consent:
        raise Refused("Bạn đã để lại họ tên, số điện thoại hoặc thư điện tử: hãy đọc và đánh dấu đồng ý xử lý dữ liệu cá nhân, "
                      "hoặc xóa các thông tin đó để gửi ẩn danh.")


@transaction.atomic
def submit(s: Submission) -> Case:
    now = clock.now()
    today = timezone.localtime(now).date()
    if s.unit is None or not is_valid_on(s.unit, today):
        raise Refused("Hãy chọn phường nơi bạn phản ánh.")
    content = _text(s.content, "nội dung phản ánh", limit=MAX_CONTENT)
    check_contact(s)
    photo = photos.clean(s.photo)
    case = Case(code=_new_code(), category=s.category, unit=s.unit, content=content, received_at=now,
                deadline=vncalendar.load().add(today, s.category.working_days))
    if photo is not None:
        case.photo = photo
    has_contact = bool(s.name or s.phone or s.email)
    if has_contact:
        c = consent.in_force(today)
        case.consent_version, case.consent_text, case.consent_at = c.version, c.text(settings.FEEDBACK_CONTACT_MONTHS), now
    case.save()
    if has_contact:
        Contact.objects.create(case=case, name=s.name, phone=s.phone, email=s.email)
    record(None, "feedback.received", case, unit=case.unit, data={"category": s.category.code, "deadline": str(case.deadline),
                                                                  "contact": has_contact, "photo": bool(photo)})
    notify.send(officers(case.unit), f"Phản ánh mới của người dân ({s.category.name}) — hạn trả lời {case.deadline:%d/%m/%Y}",
                url(case))
    changed(case)
    return case


def _locked(case: Case, *, open_only: bool = True) -> Case:
    case = Case.objects.select_for_update(of=("self",)).select_related("unit", "body", "category").get(pk=case.pk)
    if open_only and not case.is_open:
        raise Refused("Phản ánh này không còn chờ xử lý; hãy tải lại trang.")
    return case


@transaction.atomic
def acknowledge(case: Case, user) -> Case:
    case = _locked(case)
    if case.status != Case.Status.RECEIVED:
        raise Refused("Phản ánh này đã được tiếp nhận xử lý.")
    case.status, case.assigned_at, case.assigned_to = Case.Status.ASSIGNED, clock.now(), user
    case.save()
    record(user, "feedback.acknowledged", case, unit=case.unit)  # the counts do not move: no figure to refresh
    return case


@transaction.atomic
def answer(case: Case, user, text: str) -> Case:
    case = _locked(case)
    now = clock.now()
    case.answer = _text(text, "nội dung trả lời công khai", limit=MAX_CONTENT)
    case.late = case.late or rules.answered_late(case.deadline, timezone.localtime(now).date())
    case.status, case.answered_at, case.answered_by = Case.Status.ANSWERED, now, user
    case.assigned_at = case.assigned_at or now
    case.assigned_to = case.assigned_to or user
    case.save()
    record(user, "feedback.answered", case, unit=case.unit, data={"late": case.late})
    changed(case)
    return case


@transaction.atomic
def close(case: Case, user) -> Case:
    case = _locked(case, open_only=False)
    if case.status != Case.Status.ANSWERED:
        raise Refused("Chỉ kết thúc được phản ánh đã có câu trả lời công khai.")
    case.status, case.closed_at = Case.Status.CLOSED, clock.now()
    case.save()
    record(user, "feedback.closed", case, unit=case.unit)
    changed(case)
    return case


@transaction.atomic
def forward(case: Case, user, *, to_unit=None, to_body=None, note: str = "") -> Case:
    case = _locked(case)
    if (to_unit is None) == (to_body is None):
        raise Refused("Hãy chọn một phường hoặc một cơ quan để chuyển đến.")
    if to_unit is not None and (to_unit.pk == case.unit_id or not is_valid_on(to_unit, clock.today())):
        raise Refused("Hãy chọn một phường khác, đang tồn tại.")
    if to_body is not None and (to_body.pk == case.body_id or not is_valid_on(to_body, clock.today())):
        raise Refused("Hãy chọn một cơ quan khác, đang tồn tại.")
    note = _text(note, "lý do chuyển", limit=1000)
    old_unit = case.unit_id
    Hop.objects.create(case=case, from_unit=case.unit, from_body=case.body, to_unit=to_unit, to_body=to_body, note=note, by=user)
    if to_unit is not None:
        case.unit, case.body = to_unit, None
    else:
        case.body = to_body
    case.status, case.assigned_at, case.assigned_to = Case.Status.RECEIVED, None, None
    case.save()
    record(user, "feedback.forwarded", case, unit=case.unit, data={"to": str(to_unit or to_body), "deadline": str(case.deadline)},
           comment=note[:500])
    people = officers(to_unit) if to_unit is not None else reporters(to_body)
    notify.send(people, f"Phản ánh của người dân được chuyển đến {to_unit or to_body} — hạn trả lời {case.deadline:%d/%m/%Y}",
                url(case), actor=user)
    changed(case, old_unit)
    return case


@transaction.atomic
def propose(case: Case, user, to: str, text: str) -> Case:
    case = _locked(case)
    case.proposal_to = _text(to, "cơ quan có thẩm quyền", limit=200)
    case.proposal = _text(text, "nội dung đề xuất giải quyết", limit=MAX_CONTENT)
    case.proposed_at = clock.now()
    if case.status == Case.Status.RECEIVED:
        case.status, case.assigned_at, case.assigned_to = Case.Status.ASSIGNED, case.proposed_at, user
    case.save()
    record(user, "feedback.proposed", case, unit=case.unit, data={"to": case.proposal_to})
    changed(case)  # version 2's TC16 counts a solution proposed in time
    return case


@transaction.atomic
def mark_spam(case: Case, user, reason: str) -> Case:
    case = _locked(case, open_only=False)
    if case.status == Case.Status.SPAM:
        raise Refused("Phản ánh này đã được đánh dấu không hợp lệ.")
    case.spam_reason = _text(reason, "lý do không hợp lệ", limit=300)
    case.status, case.spam_at = Case.Status.SPAM, clock.now()
    case.save()
    record(user, "feedback.spam", case, unit=case.unit, comment=case.spam_reason)
    changed(case)
    return case


@transaction.atomic
def rate(case: Case, satisfied: bool, comment: str = "") -> Case:
    """The citizen's verdict on the answer (by tracking code). Unsatisfied: the case reopens, once."""
    case = _locked(case, open_only=False)
    if case.status not in Case.RESOLVED or case.rated_at is not None:
        raise Refused("Câu trả lời này đã được đánh giá, hoặc phản ánh chưa có câu trả lời.")
    now = clock.now()
    case.satisfied, case.rating_comment, case.rated_at = satisfied, _text(comment, "ý kiến", required=False, limit=1000), now
    reopen = not satisfied and case.reopened_at is None
    if reopen:
        today = timezone.localtime(now).date()
        case.first_answer, case.answer = case.answer, ""
        case.rated_at = case.satisfied = None  # the next answer is rated afresh (this verdict stays in the audit)
        case.rating_comment = ""
        case.status, case.reopened_at, case.closed_at = Case.Status.ASSIGNED, now, None
        case.deadline = vncalendar.load().add(today, case.category.working_days)
    elif case.status == Case.Status.ANSWERED:
        case.status, case.closed_at = Case.Status.CLOSED, now
    case.save()
    record(None, "feedback.rated", case, unit=case.unit, data={"satisfied": satisfied, "reopened": reopen},
           comment=(comment or "")[:500])
    if reopen:
        notify.send(officers(case.unit), f"Người dân chưa hài lòng, phản ánh {case.display_code} được mở lại — hạn mới "
                                         f"{case.deadline:%d/%m/%Y}", url(case))
    changed(case)
    return case


@transaction.atomic
def withdraw_consent(case: Case) -> Case:
    case = _locked(case, open_only=False)
    if case.consent_at is None or case.consent_withdrawn_at is not None:
        raise Refused("Phản ánh này không có thông tin liên hệ để xóa.")
    case.consent_withdrawn_at = clock.now()
    _erase(case, "withdrawn")
    return case


def _erase(case: Case, why: str) -> None:
    Contact.objects.filter(case=case).delete()
    case.contact_erased_at = clock.now()
    case.save(update_fields=["consent_withdrawn_at", "contact_erased_at"])
    record(None, "feedback.contact_erased", case, unit=case.unit, data={"why": why})
