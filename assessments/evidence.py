"""Evidence owed by an assessment, reasons why a document cannot be provided, and the reviewer's verdict on them.

The rule itself is plain Python (``evidence_rules``); this module reads the rows and writes the reasons, each write in
a transaction with an audit row.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from audit.models import record
from frameworks import registry
from kieumau import clock, posted
from kieumau.posted import Refused

from . import evidence_rules, workflow
from .models import Assessment, CriterionResult, Evidence, EvidenceReason

REVIEW_STATES = frozenset({workflow.SUBMITTED, workflow.DISTRICT_VERIFIED})  # reasons are judged while the check runs


def _inputs(assessment: Assessment) -> tuple[dict, set, dict]:
    statuses = dict(CriterionResult.objects.filter(assessment=assessment).values_list("criterion__code", "status"))
    files = set(Evidence.objects.filter(assessment=assessment).exclude(document="")
                .values_list("criterion__code", "document"))
    reasons = {(c, d): s for c, d, s in EvidenceReason.objects.filter(assessment=assessment)
               .values_list("criterion__code", "document", "state")}
    return statuses, files, reasons


def owed(assessment: Assessment) -> list[evidence_rules.Owed]:
    fw = registry.compiled(assessment.framework)
    if not fw.evidence_required:
        return []
    return evidence_rules.owed(fw, *_inputs(assessment))


def review_problem(assessment: Assessment) -> str | None:
    if not registry.compiled(assessment.framework).evidence_required:
        return None
    return evidence_rules.review_problem(dict(EvidenceReason.objects.filter(assessment=assessment)
                                              .values_list("id", "state")))


def by_criterion(assessment: Assessment, fw, statuses: dict, files_by_code: dict) -> dict:
    """Criterion code → [DocumentState] for the scorecard (one reasons query; files already read by the page). What is
    owed is ``evidence_rules.owed``'s answer, the same the submission is refused on."""
    reasons = {(r.criterion.code, r.document): r for r in
               EvidenceReason.objects.filter(assessment=assessment).select_related("criterion", "given_by", "reviewed_by")}
    files = {(code, e.document) for code, rows in files_by_code.items() for e in rows if e.document}
    owed_now = {(o.criterion, o.document) for o in
                evidence_rules.owed(fw, statuses, files, {key: r.state for key, r in reasons.items()})}
    return {c.code: [evidence_rules.DocumentState(doc, sum(1 for e in files_by_code.get(c.code, []) if e.document == doc),
                                                  reasons.get((c.code, doc)), (c.code, doc) in owed_now)
                     for doc in c.evidence]
            for c in fw.criteria}


def judges(user, unit) -> bool:
    """Whether ``user`` reviews the ward's reasons: a reviewer (or an admin) over it."""
    from .review import capabilities  # review imports this module for the submission rule

    return bool({"reviewer", "admin"} & capabilities(user, unit))


def may_judge(user, assessment: Assessment) -> bool:
    """Whether the scorecard offers ``user`` the verdict forms now: a reviewer, while the assessment is checked."""
    return assessment.status in REVIEW_STATES and judges(user, assessment.unit)


def give_reason(assessment: Assessment, criterion_code: str, document: str, reason: str, user) -> EvidenceReason:
    """Record (or replace) the ward's reason why ``document`` cannot be provided; it waits for the reviewer again."""
    reason = posted.text(reason, "lý do không thể cung cấp minh chứng", limit=2000)
    with transaction.atomic():
        a = Assessment.objects.select_for_update().with_framework().get(pk=assessment.pk)
        if a.status not in workflow.EDITABLE:
            raise Refused(f"Minh chứng đã khóa khi bản đánh giá ở trạng thái «{a.get_status_display()}».")
        fw = registry.compiled(a.framework)
        try:
            crit = fw.criterion(criterion_code)
        except KeyError:
            raise Refused("Tiêu chí không có trong bộ tiêu chí của bản đánh giá.") from None
        if document not in crit.evidence:
            raise Refused(f"«{document[:80]}» không phải minh chứng được liệt kê cho {criterion_code}.")
        criterion = a.framework.criteria.get(code=criterion_code)
        row, created = EvidenceReason.objects.update_or_create(
            assessment=a, criterion=criterion, document=document,
            defaults={"reason": reason, "given_by": user, "given_at": clock.now(), "state": EvidenceReason.State.PENDING,
                      "reviewed_by": None, "reviewed_at": None, "review_note": ""})
        record(user, "evidence.reason_given", a, unit=a.unit,
               data={"criterion": criterion_code, "document": document, "reason_id": row.pk, "replaced": not created})
    return row


def judge(reason_id: int, accept: bool, note: str, user, assessment: Assessment) -> EvidenceReason:
    """The reviewer accepts the reason, or not (a note is then required: the ward must know what to provide)."""
    note = posted.text(note, "nhận xét về lý do", required=not accept, limit=500)
    with transaction.atomic():
        a = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if a.status not in REVIEW_STATES:
            raise Refused("Chỉ xem xét lý do thiếu minh chứng khi bản đánh giá đang chờ kiểm tra.")
        row = EvidenceReason.objects.select_for_update().filter(pk=reason_id, assessment=a).first()
        if row is None:
            raise Refused("Không tìm thấy lý do này trong bản đánh giá.")
        before = row.state
        row.state = EvidenceReason.State.ACCEPTED if accept else EvidenceReason.State.REJECTED
        row.reviewed_by, row.reviewed_at, row.review_note = user, clock.now(), note
        row.save()
        record(user, "evidence.reason_accepted" if accept else "evidence.reason_rejected", a, unit=a.unit,
               data={"reason_id": row.pk, "document": row.document, "from": before}, comment=note)
    return row


_criterion_options: dict[tuple, str] = {}


def criterion_options(framework, compiled) -> str:
    """The evidence form's <option>s: one per document a criterion asks for, then "another file", or the criterion
    alone. The same for every reader of a framework version (the stored row's digest fixes its content), so written
    once per process: as a template loop it was a quarter of a writer's scorecard (≈ 100 options, 400 variables)."""
    key = (framework.pk, framework.digest)
    html = _criterion_options.get(key)
    if html is None:
        parts = []
        for c in compiled.criteria:
            if c.evidence:
                parts.append(format_html('<optgroup label="{} — {}">', c.code, c.title))
                parts += [format_html('<option value="{}#{}">{}: {}</option>', c.code, i, c.code, doc)
                          for i, doc in enumerate(c.evidence, 1)]
                parts.append(format_html('<option value="{}">{}: tệp khác</option></optgroup>', c.code, c.code))
            else:
                parts.append(format_html('<option value="{}">{} — {}</option>', c.code, c.code, c.title))
        html = _criterion_options[key] = mark_safe("".join(parts))  # noqa: S308 (every value escaped by format_html)
    return html
