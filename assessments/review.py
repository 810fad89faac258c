"""Moving an assessment through review, appraisal and recognition.

The table in ``workflow`` says who may do what; this module applies a move:
in one transaction, with the row locked, one audit row per move, and the
people who act next notified once it is committed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.scope import scope_for
from accounts.second_factor import has_device
from audit.models import AuditEvent, record
from inbox.notify import notify
from units.history import successor_ids

from . import workflow
from .models import AppraisalVote, Assessment, CriterionResult, Recognition, WorkflowSettings

DECISION_TYPES = {"pdf": b"%PDF", "jpg": b"\xff\xd8\xff", "jpeg": b"\xff\xd8\xff", "png": b"\x89PNG"}
MAX_DECISION_BYTES = 20 * 1024 * 1024


@dataclass
class Outcome:
    assessment: Assessment
    errors: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


def district_level(unit, on: dt.date | None = None) -> bool:
    """Whether the city/town police check submissions first in this unit's province on ``on``."""
    on = on or timezone.localdate()
    until = WorkflowSettings.objects.filter(province_id=unit.root_id).values_list("district_review_until", flat=True).first()
    return bool(until and on < until)


def _second_factor_required(unit) -> bool:
    """Required by the unit's province, or by the province it became part of (whose approvers now sign)."""
    provinces = {unit.root_id} | successor_ids({unit.root_id})
    return WorkflowSettings.objects.filter(province_id__in=provinces, totp_required_for_approvers=True).exists()


def capabilities(user, unit) -> frozenset:
    return workflow.capabilities(scope_for(user).held_on(unit))


def moves_for(user, assessment: Assessment) -> list:
    return workflow.available(
        assessment.status, capabilities(user, assessment.unit), district_level=district_level(assessment.unit)
    )


def incomplete_criteria(assessment: Assessment) -> list[str]:
    """Codes of criteria not evaluated or missing data (a submission needs none)."""
    statuses = dict(CriterionResult.objects.filter(assessment=assessment).values_list("criterion__code", "status"))
    codes = list(assessment.framework.criteria.values_list("code", flat=True))
    return [c for c in codes if statuses.get(c) in (None, "missing")]


def perform(assessment: Assessment, action: str, user, inputs: dict, files: dict | None = None) -> Outcome:
    """Apply ``action``; 403 if the user may never do it here, errors if the state or inputs are wrong."""
    files = files or {}
    with transaction.atomic():
        a = Assessment.objects.select_for_update().select_related("unit", "framework").get(pk=assessment.pk)
        level = district_level(a.unit)
        caps = capabilities(user, a.unit)
        if not any(t.action == action and t.capabilities & caps for t in workflow.TRANSITIONS):
            raise PermissionDenied
        t = workflow.find(action, a.status, caps, district_level=level)
        if t is None:
            return Outcome(a, {"__all__": _("This assessment is now “%(status)s”; that step is no longer possible. Reload the page.")
                               % {"status": workflow.STATUS_LABELS[a.status]}})
        if "approver" in t.capabilities and _second_factor_required(a.unit) and not has_device(user):
            return Outcome(a, {"__all__": _("This province requires approvers to use two-step verification: turn it on first (menu: your name → two-step verification).")})
        given = {**inputs, **files}
        if workflow.VOTES in t.requires:
            given[workflow.VOTES] = list(a.votes.values_list("vote", flat=True))
        errors = workflow.missing_inputs(t, given)
        if t.needs_complete:
            missing = incomplete_criteria(a)
            if missing:
                errors["__all__"] = _("Every criterion must be evaluated before submitting; missing data: %(codes)s.") % {
                    "codes": ", ".join(missing)}
        if t.action == "recognize" and not errors:
            errors.update(_check_decision(inputs, files))
        if errors:
            return Outcome(a, errors)
        before = a.status
        comment = (inputs.get(workflow.COMMENT) or "").strip()
        if t.action == "appraise":
            a.recommendation = inputs[workflow.RECOMMENDATION].strip()
        a.status = t.target
        a.revision += 1
        a.save(update_fields=["status", "recommendation", "revision", "updated_at"])
        data = {"from": before, "to": t.target, "transition": t.action}
        if t.action == "appraise":
            data["recommendation"] = a.recommendation
            data["votes"] = given[workflow.VOTES]
        if t.action == "recognize":
            recognition = _recognize(a, user, inputs, files)
            data.update(decision_number=recognition.decision_number, decision_date=str(recognition.decision_date), signer=recognition.signer)
        record(user, f"assessment.{t.action}", a, unit=a.unit, data=data, comment=comment)
        notify(a, t.target, user, district_level=level, comment=comment)
    return Outcome(a)


def _check_decision(inputs: dict, files: dict) -> dict:
    errors = {}
    try:
        dt.date.fromisoformat(str(inputs.get(workflow.DECISION_DATE, "")))
    except ValueError:
        errors[workflow.DECISION_DATE] = _("Enter the decision date as dd/mm/yyyy.")
    upload = files.get(workflow.DECISION_FILE)
    ext = upload.name.rsplit(".", 1)[-1].lower() if upload and "." in upload.name else ""
    if upload is not None:
        head = upload.read(8)
        upload.seek(0)
        if ext not in DECISION_TYPES or not head.startswith(DECISION_TYPES[ext]):
            errors[workflow.DECISION_FILE] = _("The scanned decision must be a PDF, JPG or PNG file.")
        elif upload.size > MAX_DECISION_BYTES:
            errors[workflow.DECISION_FILE] = _("The scanned decision is larger than 20 MB.")
    return errors


def _recognize(a: Assessment, user, inputs: dict, files: dict) -> Recognition:
    return Recognition.objects.create(
        assessment=a,
        unit=a.unit,
        year=a.year,
        decision_number=inputs[workflow.DECISION_NUMBER].strip(),
        decision_date=dt.date.fromisoformat(inputs[workflow.DECISION_DATE]),
        signer=inputs[workflow.SIGNER].strip(),
        decision_file=files[workflow.DECISION_FILE],
        recommendation=a.recommendation,
        recognized_by=user,
    )


def record_vote(assessment: Assessment, member, vote: str, comment: str) -> Outcome:
    """A council member's vote, while the assessment awaits appraisal; changing it is audited too."""
    with transaction.atomic():
        a = Assessment.objects.select_for_update().select_related("unit").get(pk=assessment.pk)
        if "council_member" not in capabilities(member, a.unit):
            raise PermissionDenied
        if a.status != workflow.VERIFIED:
            return Outcome(a, {"__all__": _("Votes are recorded only while the assessment awaits appraisal.")})
        if vote not in AppraisalVote.Vote.values:
            return Outcome(a, {"vote": _("Choose a vote.")})
        obj, created = AppraisalVote.objects.update_or_create(
            assessment=a, member=member, defaults={"vote": vote, "comment": comment.strip()}
        )
        record(member, "assessment.vote", a, unit=a.unit, data={"vote": vote, "changed": not created}, comment=comment.strip())
    return Outcome(a)


def timeline(assessment: Assessment) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(object_type="assessments.assessment", object_id=str(assessment.pk))
        .select_related("actor")
        .order_by("at", "id")
    )


def check_recognition(recognition: Recognition, year: int, outcome: str, user, inputs: dict):
    """Record a later year's check of a recognition; revocation needs a reason and a decision."""
    from .models import RecognitionReview

    with transaction.atomic():
        r = Recognition.objects.select_for_update().select_related("unit").get(pk=recognition.pk)
        if "approver" not in capabilities(user, r.unit):
            raise PermissionDenied
        errors = {}
        if outcome not in RecognitionReview.Outcome.values:
            errors["outcome"] = _("Choose maintained, warned or revoked.")
        if year <= r.year:
            errors["year"] = _("A recognition of %(year)s is checked again from %(next)s on.") % {"year": r.year, "next": r.year + 1}
        if r.reviews.filter(outcome=RecognitionReview.Outcome.REVOKED).exists():
            errors["__all__"] = _("This recognition has been revoked; there is nothing more to check.")
        elif r.reviews.filter(year=year).exists():
            errors["year"] = _("The check for %(year)s has already been recorded.") % {"year": year}
        reason = (inputs.get("reason") or "").strip()
        if outcome in ("warned", "revoked") and not reason:
            errors["reason"] = _("Give the reason.")
        decision_date = None
        if outcome == "revoked":
            if not (inputs.get("decision_number") or "").strip():
                errors["decision_number"] = _("A revocation needs the number of its decision.")
            try:
                decision_date = dt.date.fromisoformat(str(inputs.get("decision_date") or ""))
            except ValueError:
                errors["decision_date"] = _("Enter the decision date as dd/mm/yyyy.")
        if errors:
            return errors
        review = RecognitionReview.objects.create(
            recognition=r, year=year, outcome=outcome, reason=reason,
            decision_number=(inputs.get("decision_number") or "").strip(), decision_date=decision_date, reviewed_by=user,
        )
        record(user, f"recognition.{outcome}", r, unit=r.unit, data={"year": year, "decision_number": review.decision_number},
               comment=reason)
    return {}
