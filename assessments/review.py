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
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Role, RoleAssignment
from accounts.scope import scope_for
from audit.models import AuditEvent, record
from kieumau import clock
from units.history import covering_ids

from . import eligibility, evidence, evidence_rules, workflow
from .models import AppraisalVote, Assessment, CriterionResult, Recognition, WorkflowSettings
from .notices import notify

DECISION_TYPES = {"pdf": b"%PDF", "jpg": b"\xff\xd8\xff", "jpeg": b"\xff\xd8\xff", "png": b"\x89PNG"}
MAX_DECISION_BYTES = 20 * 1024 * 1024


@dataclass
class Outcome:
    assessment: Assessment
    errors: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


def settings_for(unit) -> WorkflowSettings:
    """The workflow settings of the unit's province (defaults when the province has none)."""
    return WorkflowSettings.objects.filter(province_id=unit.root_id).first() or WorkflowSettings(province_id=unit.root_id)


def district_level(unit, on: dt.date | None = None) -> bool:
    """Whether the city/town police check submissions first in this unit's province on ``on``."""
    on = on or clock.today()
    until = WorkflowSettings.objects.filter(province_id=unit.root_id).values_list("district_review_until", flat=True).first()
    return bool(until and on < until)


SECOND_FACTOR_NEEDED = gettext_lazy(  # noqa: E501 (one literal: the catalog test reads msgids as written)
    "Recording a decision needs two-step verification in this session: turn it on from the menu (your name → two-step verification), or log in again with your code.")


def council_size(unit) -> int:
    """Active users holding the council role over the unit (on it, an ancestor, or what they became) on a unit that
    exists today: the council sitting now, not one of a province formed later or ended since."""
    today = clock.today()
    return (RoleAssignment.objects.filter(role=Role.COUNCIL_MEMBER, unit_id__in=covering_ids(unit), user__is_active=True)
            .filter(Q(unit__valid_from__isnull=True) | Q(unit__valid_from__lte=today))
            .filter(Q(unit__valid_until__isnull=True) | Q(unit__valid_until__gt=today))
            .values("user_id").distinct().count())


def capabilities(user, unit) -> frozenset:
    return workflow.capabilities(scope_for(user).held_on(unit))


def incomplete_criteria(assessment: Assessment) -> list[str]:
    """Codes of criteria not evaluated or missing data (a submission needs none)."""
    statuses = dict(CriterionResult.objects.filter(assessment=assessment).values_list("criterion__code", "status"))
    codes = list(assessment.framework.criteria.values_list("code", flat=True))
    return [c for c in codes if statuses.get(c) in (None, "missing")]


def perform(assessment: Assessment, action: str, user, inputs: dict, files: dict | None = None, *,
            second_factor: bool = False) -> Outcome:
    """Apply ``action``; 403 if the user may never do it here, errors if the state or inputs are wrong.

    ``second_factor``: the actor verified a second factor in this session (decisions need it).
    """
    files = files or {}
    with transaction.atomic():
        a = Assessment.objects.select_for_update().with_framework("unit").get(pk=assessment.pk)
        level = district_level(a.unit)
        caps = capabilities(user, a.unit)
        if not any(t.action == action and t.capabilities & caps for t in workflow.TRANSITIONS):
            raise PermissionDenied
        refused = eligibility.why_not_writable(a.unit, a.year)
        if refused:
            return Outcome(a, {"__all__": refused})
        t = workflow.find(action, a.status, caps, district_level=level)
        if t is None:
            return Outcome(a, {"__all__": _("This assessment is now “%(status)s”; that step is no longer possible. Reload the page.")
                               % {"status": workflow.STATUS_LABELS[a.status]}})
        if t.decision and not second_factor:
            return Outcome(a, {"__all__": SECOND_FACTOR_NEEDED})
        errors = _problems(a, t, inputs, files)
        if errors:
            return Outcome(a, errors)
        _apply(a, t, user, inputs, files, level)
    return Outcome(a)


def _problems(a: Assessment, t: workflow.Transition, inputs: dict, files: dict) -> dict:
    given = {**inputs, **files}
    if workflow.VOTES in t.requires:
        given[workflow.VOTES] = list(a.votes.values_list("vote", flat=True))
    errors = workflow.missing_inputs(t, given)
    if t.needs_complete:
        missing = incomplete_criteria(a)
        if missing:
            errors["__all__"] = _("Every criterion must be evaluated before submitting; missing data: %(codes)s.") % {
                "codes": ", ".join(missing)}
    if t.action == "submit" and not errors:
        owed = evidence.owed(a)
        if owed:
            errors["__all__"] = evidence_rules.owed_message(owed)
    if t.action in ("verify", "verify_district") and not errors:
        problem = evidence.review_problem(a)
        if problem:
            errors["__all__"] = problem
    if t.action == "appraise" and not errors:
        problem = workflow.appraisal_problem(given[workflow.VOTES], council_size(a.unit), settings_for(a.unit).council_rule())
        if problem:
            errors[workflow.VOTES] = problem
    if t.action == "recognize" and not errors:
        errors.update(_check_decision(inputs, files))
    return errors


def _apply(a: Assessment, t: workflow.Transition, user, inputs: dict, files: dict, level: bool) -> None:
    before = a.status
    comment = (inputs.get(workflow.COMMENT) or "").strip()
    data = {"from": before, "to": t.target, "transition": t.action}
    if t.action == "appraise":
        a.recommendation = inputs[workflow.RECOMMENDATION].strip()
        data["recommendation"] = a.recommendation
        data["votes"] = list(a.votes.values_list("vote", flat=True))
    a.status = t.target
    a.revision += 1
    a.save(update_fields=["status", "recommendation", "revision", "updated_at"])
    if t.action == "recognize":
        recognition = _recognize(a, user, inputs, files)
        data.update(decision_number=recognition.decision_number, decision_date=str(recognition.decision_date),
                    signer=recognition.signer, recognition=recognition.pk)
    record(user, f"assessment.{t.action}", a, unit=a.unit, data=data, comment=comment)
    notify(a, t.target, user, district_level=level, comment=comment)


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


def record_vote(assessment: Assessment, member, vote: str, comment: str, *, second_factor: bool = False) -> Outcome:
    """A council member's vote, while the assessment awaits appraisal; changing it is audited too."""
    with transaction.atomic():
        a = Assessment.objects.select_for_update().select_related("unit").get(pk=assessment.pk)
        if "council_member" not in capabilities(member, a.unit):
            raise PermissionDenied
        refused = eligibility.why_not_writable(a.unit, a.year)
        if refused:
            return Outcome(a, {"__all__": refused})
        if not second_factor:
            return Outcome(a, {"__all__": SECOND_FACTOR_NEEDED})
        if a.status != workflow.VERIFIED:
            return Outcome(a, {"__all__": _("Votes are recorded only while the assessment awaits appraisal.")})
        if vote not in AppraisalVote.Vote.values:
            return Outcome(a, {"vote": _("Choose a vote.")})
        obj, created = AppraisalVote.objects.update_or_create(
            assessment=a, member=member, defaults={"vote": vote, "comment": comment.strip(), "at": clock.now()}
        )
        record(member, "assessment.vote", a, unit=a.unit, data={"vote": vote, "changed": not created}, comment=comment.strip())
    return Outcome(a)


TIMELINE_SHOWN = 50  # the newest events the scorecard shows; the rest on demand (?lich-su=day-du)


def timeline(assessment: Assessment, newest: int | None = TIMELINE_SHOWN) -> tuple[list[AuditEvent], int]:
    """The assessment's events oldest first: the newest ``newest`` of them (all with None), and how many older ones
    are left out. Every save of figures is an event: a ward saving through the year has hundreds, and the scorecard
    rebuilt after each save rendered them all (≈ 450 on a ward of the load test: 160 ms of its 260)."""
    events = AuditEvent.objects.filter(object_type="assessments.assessment", object_id=str(assessment.pk))
    if newest is None:
        return list(events.select_related("actor").order_by("at", "id")), 0
    shown = list(events.select_related("actor").order_by("-at", "-id")[:newest])[::-1]
    return shown, (events.count() - len(shown) if len(shown) == newest else 0)
