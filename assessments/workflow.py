"""The review workflow of a yearly assessment, as one table.

Plain Python (no models): views and services ask this module what a user may
do and what a move needs, and nothing else decides it.

An actor is described by capabilities: the roles they hold on the unit or
its ancestors, plus ``role@level`` for the level of the unit the role is held
on (a reviewer on a city police unit is ``reviewer@district``; on the
province, ``reviewer@province``). Whether the city/town review level exists
is a province setting (it existed until 1/3/2025).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

DRAFT = "draft"
SUBMITTED = "submitted"
RETURNED = "returned"
DISTRICT_VERIFIED = "district_verified"
VERIFIED = "verified"
APPRAISED = "appraised"
RECOGNIZED = "recognized"
CLOSED = "closed"  # the unit ended before the assessment was finished (assessments.closing)

STATUS_LABELS = {
    DRAFT: _("Draft"),
    SUBMITTED: _("Submitted"),
    RETURNED: _("Returned"),
    DISTRICT_VERIFIED: _("Checked by the city/town"),
    VERIFIED: _("Verified"),
    APPRAISED: _("Appraised"),
    RECOGNIZED: _("Recognized"),
    CLOSED: _("Closed"),
}
EDITABLE = frozenset({DRAFT, RETURNED})  # figures and evidence lock at submission

# inputs a move may require
COMMENT = "comment"
RECOMMENDATION = "recommendation"
VOTES = "votes"
DECISION_NUMBER = "decision_number"
DECISION_DATE = "decision_date"
SIGNER = "signer"
DECISION_FILE = "decision_file"

INPUT_LABELS = {
    COMMENT: _("Comment"),
    RECOMMENDATION: _("Council recommendation"),
    VOTES: _("Council members' votes"),
    DECISION_NUMBER: _("Decision number"),
    DECISION_DATE: _("Decision date"),
    SIGNER: _("Signer"),
    DECISION_FILE: _("Scanned decision"),
}


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    sources: frozenset
    target: str
    capabilities: frozenset  # any one of these suffices
    requires: tuple = ()
    needs_complete: bool = False  # every criterion evaluated, none missing
    district_level: bool | None = None  # True: only with a city/town level; False: only without
    task: bool = False  # the move the assessment waits for (to-do, notifications); the others are optional
    decision: bool = False  # records a council's or an approver's decision: needs a second factor in the session


def _t(action, label, sources, target, caps, requires=(), **kw) -> Transition:
    return Transition(action, label, frozenset(sources), target, frozenset(caps), tuple(requires), **kw)


TRANSITIONS = (
    _t("submit", _("Submit"), {DRAFT, RETURNED}, SUBMITTED, {"ward_chief"}, needs_complete=True, task=True),
    _t("verify_district", _("Confirm (city/town level)"), {SUBMITTED}, DISTRICT_VERIFIED, {"reviewer@district"},
       district_level=True, task=True),
    _t("verify", _("Verify"), {SUBMITTED}, VERIFIED, {"reviewer@province"}, district_level=False, task=True),
    _t("verify", _("Verify"), {DISTRICT_VERIFIED}, VERIFIED, {"reviewer@province"}, district_level=True, task=True),
    _t("return", _("Return for changes"), {SUBMITTED, DISTRICT_VERIFIED, VERIFIED}, RETURNED, {"reviewer@province"}, (COMMENT,)),
    _t("return", _("Return for changes"), {SUBMITTED}, RETURNED, {"reviewer@district"}, (COMMENT,), district_level=True),
    _t("appraise", _("Record the appraisal"), {VERIFIED}, APPRAISED, {"council_member"}, (RECOMMENDATION, VOTES),
       task=True, decision=True),
    _t("return_appraisal", _("Return (council)"), {VERIFIED}, RETURNED, {"council_member"}, (COMMENT,), decision=True),
    _t("recognize", _("Recognize"), {APPRAISED}, RECOGNIZED, {"approver"},
       (DECISION_NUMBER, DECISION_DATE, SIGNER, DECISION_FILE), task=True, decision=True),
    _t("refuse", _("Refuse and return"), {APPRAISED}, RETURNED, {"approver"}, (COMMENT,), decision=True),
    _t("reopen", _("Reopen for correction"), {RECOGNIZED}, RETURNED, {"program_staff", "admin"}, (COMMENT,)),
)
# Steps that cannot be undone in the workflow: the page asks for confirmation first.
IRREVERSIBLE = frozenset({"recognize"})


def capabilities(held: set[tuple[str, str]]) -> frozenset:
    """From ``{(role, level of the unit it is held on)}`` to the capability names above."""
    return frozenset({role for role, _ in held} | {f"{role}@{level}" for role, level in held})


def _applies(t: Transition, district_level: bool) -> bool:
    return t.district_level is None or t.district_level == district_level


def moves_from(status: str, *, district_level: bool) -> list[Transition]:
    return [t for t in TRANSITIONS if status in t.sources and _applies(t, district_level)]


def available(status: str, caps: frozenset, *, district_level: bool) -> list[Transition]:
    """The moves this actor may make now, in table order, one per action."""
    seen, out = set(), []
    for t in moves_from(status, district_level=district_level):
        if t.capabilities & caps and t.action not in seen:
            seen.add(t.action)
            out.append(t)
    return out


def find(action: str, status: str, caps: frozenset, *, district_level: bool) -> Transition | None:
    return next((t for t in available(status, caps, district_level=district_level) if t.action == action), None)


def missing_inputs(t: Transition, inputs: dict) -> dict[str, str]:
    """Field → Vietnamese message for each required input that is absent or blank."""
    errors = {}
    for name in t.requires:
        value = inputs.get(name)
        if value is None or (isinstance(value, str) and not value.strip()) or value == []:
            errors[name] = _("“%(field)s” is required to %(action)s.") % {"field": INPUT_LABELS[name], "action": str(t.label).lower()}
    return errors


def waiting_for(status: str, *, district_level: bool) -> frozenset:
    """Capabilities of those the assessment waits for in ``status`` (its task move), for notifications."""
    caps = set()
    for t in moves_from(status, district_level=district_level):
        if t.task:
            caps |= t.capabilities
    return frozenset(caps)


def tasks(status: str, caps: frozenset, *, district_level: bool) -> list[Transition]:
    """The moves the assessment waits for from this actor now (what goes on their to-do list)."""
    return [t for t in available(status, caps, district_level=district_level) if t.task]


@dataclass(frozen=True)
class CouncilRule:
    """When a council's votes carry an appraisal. Both shares are strict ("more than"), in percent.

    The seeds set no rule; the product's default is the usual one for a collegial body: more than half of the
    council's members have voted, and more than half of the votes cast approve. Kept per province (WorkflowSettings).
    """

    quorum_percent: int = 50
    majority_percent: int = 50


def appraisal_problem(votes: list[str], members: int, rule: CouncilRule = CouncilRule()) -> str | None:
    """Why the votes do not carry a recommendation to recognize (Vietnamese), or None when they do."""
    cast = len(votes)
    if members <= 0 or cast * 100 <= rule.quorum_percent * members:
        return _("Not enough council members have voted: %(cast)s of %(members)s; more than %(pct)s%% must vote.") % {
            "cast": cast, "members": members, "pct": rule.quorum_percent}
    approve = votes.count("approve")
    if approve * 100 <= rule.majority_percent * cast:
        message = _("The votes do not recommend recognition: %(approve)s of %(cast)s votes approve; more than %(pct)s%% must approve. Return the assessment instead.")  # noqa: E501
        return message % {"approve": approve, "cast": cast, "pct": rule.majority_percent}
    return None
