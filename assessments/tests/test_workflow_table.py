"""The transition table alone: who may move what where, and what each move needs."""

import pytest

from assessments import workflow as W

OFFICER = W.capabilities({("ward_officer", "commune")})
CHIEF = W.capabilities({("ward_chief", "commune")})
CITY_REVIEWER = W.capabilities({("reviewer", "district")})
REVIEWER = W.capabilities({("reviewer", "province")})
COUNCIL = W.capabilities({("council_member", "province")})
APPROVER = W.capabilities({("approver", "province")})
STAFF = W.capabilities({("program_staff", "province")})
SUPERVISOR = W.capabilities({("supervisor", "province")})


def actions(status, caps, district_level=False):
    return [t.action for t in W.available(status, caps, district_level=district_level)]


def test_the_happy_path_without_a_city_level():
    assert actions(W.DRAFT, CHIEF) == ["submit"]
    assert actions(W.SUBMITTED, REVIEWER) == ["verify", "return"]
    assert actions(W.VERIFIED, COUNCIL) == ["appraise", "return_appraisal"]
    assert actions(W.APPRAISED, APPROVER) == ["recognize", "refuse"]
    assert actions(W.RECOGNIZED, STAFF) == ["reopen"]


def test_with_a_city_level_the_city_reviewer_checks_first():
    assert actions(W.SUBMITTED, CITY_REVIEWER, True) == ["verify_district", "return"]
    assert actions(W.SUBMITTED, REVIEWER, True) == ["return"]  # the province waits for the city
    assert actions(W.DISTRICT_VERIFIED, REVIEWER, True) == ["verify", "return"]
    assert actions(W.SUBMITTED, CITY_REVIEWER, False) == []  # no city level after 1/3/2025


@pytest.mark.parametrize("caps", [OFFICER, SUPERVISOR, STAFF, COUNCIL, APPROVER])
def test_only_the_ward_chief_submits(caps):
    assert "submit" not in actions(W.DRAFT, caps)


@pytest.mark.parametrize("status", [W.SUBMITTED, W.VERIFIED, W.APPRAISED, W.RECOGNIZED, W.DISTRICT_VERIFIED])
def test_read_only_roles_can_do_nothing(status):
    assert actions(status, SUPERVISOR) == [] and actions(status, OFFICER) == []


def test_required_inputs():
    ret = W.find("return", W.SUBMITTED, REVIEWER, district_level=False)
    assert W.missing_inputs(ret, {"comment": "  "}) == {"comment": "Cần nhập «Ý kiến» để trả lại để bổ sung."}
    assert W.missing_inputs(ret, {"comment": "Thiếu minh chứng TC04"}) == {}
    rec = W.find("recognize", W.APPRAISED, APPROVER, district_level=False)
    assert set(W.missing_inputs(rec, {"decision_number": "12/QĐ-CAT"})) == {"decision_date", "signer", "decision_file"}
    assert W.find("submit", W.DRAFT, CHIEF, district_level=False).needs_complete


def test_only_draft_and_returned_are_editable():
    assert W.EDITABLE == {W.DRAFT, W.RETURNED}


def test_every_status_is_reachable_and_labelled():
    # CLOSED is reached outside the table: when the ward ends (assessments.closing), never by a user's move
    targets = {t.target for t in W.TRANSITIONS} | {W.DRAFT, W.CLOSED}
    assert targets == set(W.STATUS_LABELS)
    assert not W.moves_from(W.CLOSED, district_level=False)


def test_waiting_for_names_who_acts_next():
    assert W.waiting_for(W.SUBMITTED, district_level=False) == {"reviewer@province"}
    assert W.waiting_for(W.SUBMITTED, district_level=True) == {"reviewer@district"}  # the city checks first
    assert W.waiting_for(W.DISTRICT_VERIFIED, district_level=True) == {"reviewer@province"}
    assert W.waiting_for(W.VERIFIED, district_level=False) == {"council_member"}  # not the reviewer who verified it
    assert W.waiting_for(W.APPRAISED, district_level=False) == {"approver"}
    assert W.waiting_for(W.RECOGNIZED, district_level=False) == frozenset()


def test_a_verified_assessment_is_no_longer_a_task_for_the_reviewer_who_may_still_return_it():
    reviewer = W.capabilities({("reviewer", "province")})
    assert [t.action for t in W.available(W.VERIFIED, reviewer, district_level=False)] == ["return"]
    assert W.tasks(W.VERIFIED, reviewer, district_level=False) == []
    assert [t.action for t in W.tasks(W.SUBMITTED, reviewer, district_level=False)] == ["verify"]


def test_decisions_are_the_councils_and_the_approvers_moves():
    assert {t.action for t in W.TRANSITIONS if t.decision} == {"appraise", "return_appraisal", "recognize", "refuse"}
    assert W.IRREVERSIBLE == {"recognize"}


def test_the_council_rule_is_strictly_more_than_half_by_default():
    assert W.appraisal_problem(["approve"], 1) is None
    assert W.appraisal_problem(["approve"], 2) is not None  # 1 of 2 members: not more than half
    assert W.appraisal_problem(["approve", "approve"], 3) is None
    assert W.appraisal_problem(["approve", "reject"], 2) is not None  # a tie does not carry
    assert W.appraisal_problem(["reject"], 1) is not None
    assert W.appraisal_problem([], 0) is not None
