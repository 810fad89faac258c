"""What each document says, read from the apps that own it into plain dataclasses (the writers only lay them out).

The province report builds on the period summary (summary.build: reports of the bodies, difficulties, roadmap) and adds
the wards recognized, maintained and revoked in the period, the criteria most often missed and citizens' feedback.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q

from accounts.models import Role, RoleAssignment
from assessments import workflow
from assessments.models import AppraisalVote, Assessment, CriterionResult, Evidence, Recognition, RecognitionReview
from assessments.services import explain
from feedback.stats import cases_of, counts
from reporting import periods
from summary import build as summary
from units import territory
from units.models import Unit

TOP_MISSED = 5


@dataclass
class Missed:
    code: str
    name: str
    wards: int


@dataclass
class ProvinceReport:
    province: Unit
    program: object
    period: periods.Period
    summary: summary.Summary
    wards_in_land: int
    recognized: list          # Recognition, decided within the period's window
    maintained: list          # RecognitionReview of the period's year
    warned: list
    revoked: list
    results_year: int | None  # the year whose stored results the "most missed" list reads
    assessed: int
    missed: list[Missed]
    feedback: object          # feedback.rules.Counts for the year of the period
    satisfied: int
    unsatisfied: int


def province_report(program, p: periods.Period, province: Unit, today: dt.date) -> ProvinceReport:
    s = summary.build(program, p, today, province)
    ward_ids = set(territory.communes(province, p.window_from, p.window_to).wards().values_list("pk", flat=True))
    recognized = list(Recognition.objects.filter(unit_id__in=ward_ids, decision_date__gte=p.window_from,
                                                 decision_date__lte=p.window_to).select_related("unit").order_by("unit__name"))
    reviews = list(RecognitionReview.objects.filter(recognition__unit_id__in=ward_ids, year=p.year, at__date__lte=p.window_to)
                   .select_related("recognition__unit").order_by("recognition__unit__name"))
    by = {o: [r for r in reviews if r.outcome == o] for o in RecognitionReview.Outcome.values}
    results_year, assessed, missed = most_missed(ward_ids, p.year)
    cases = cases_of(province, p.year).exclude(status="spam")
    return ProvinceReport(
        province, program, p, s, len(ward_ids), recognized,
        by[RecognitionReview.Outcome.MAINTAINED], by[RecognitionReview.Outcome.WARNED], by[RecognitionReview.Outcome.REVOKED],
        results_year, assessed, missed, counts(province, p.year, today=today),
        cases.filter(satisfied=True).count(), cases.filter(satisfied=False).count(),
    )


def most_missed(ward_ids: set[int], year: int) -> tuple[int | None, int, list[Missed]]:
    """The criteria the most wards did not meet in ``year`` (or, before any result of that year, the year before)."""
    for y in (year, year - 1):
        assessments = Assessment.objects.filter(unit_id__in=ward_ids, year=y).exclude(status=workflow.CLOSED)
        assessed = assessments.count()
        if not assessed:
            continue
        rows = (CriterionResult.objects.filter(assessment__in=assessments, status=CriterionResult.Outcome.FAIL)
                .values("criterion__code", "criterion__title").annotate(n=Count("pk")).order_by("-n", "criterion__code"))
        return y, assessed, [Missed(r["criterion__code"], r["criterion__title"], r["n"]) for r in rows[:TOP_MISSED]]
    return None, 0, []


# -- the recognition decision and the council's minutes: the wards of a province-year in front of the council ----------

@dataclass
class WardCase:
    assessment: Assessment
    met: int
    total: int
    votes: list = field(default_factory=list)  # AppraisalVote
    tally: dict = field(default_factory=dict)  # vote → count


@dataclass
class Council:
    province: Unit
    year: int
    members: list             # users holding the council role over the province
    wards: list[WardCase]


COUNCIL_STAGES = (workflow.VERIFIED, workflow.APPRAISED, workflow.RECOGNIZED)


def council(province: Unit, year: int) -> Council:
    """The wards of the province's land in ``year`` that reached the council (verified, appraised or recognized)."""
    land = territory.year_land(province, year)
    ids = land.ids | {w.pk for w in land.ended}
    assessments = list(Assessment.objects.filter(unit_id__in=ids, year=year, status__in=COUNCIL_STAGES)
                       .with_framework("unit", "unit__parent")
                       .annotate(met=Count("results", filter=Q(results__status=CriterionResult.Outcome.PASS)),
                                 total=Count("results")))
    votes: dict[int, list] = {}
    for v in AppraisalVote.objects.filter(assessment__in=assessments).select_related("member").order_by("at"):
        votes.setdefault(v.assessment_id, []).append(v)
    order = {w.pk: i for i, w in enumerate(land.wards + land.ended)}
    cases = [WardCase(a, a.met, a.total, votes.get(a.pk, []), dict(Counter(v.vote for v in votes.get(a.pk, []))))
             for a in sorted(assessments, key=lambda a: order.get(a.unit_id, 0))]
    members = [ra.user for ra in RoleAssignment.objects.filter(role=Role.COUNCIL_MEMBER, unit=province, user__is_active=True)
               .select_related("user").order_by("user__last_name", "user__first_name", "user__username")]
    return Council(province, year, members, cases)


def recommended(c: Council) -> list[WardCase]:
    """The wards the decision lists: appraised with the council's recommendation, or already recognized."""
    return [w for w in c.wards if w.assessment.status in (workflow.APPRAISED, workflow.RECOGNIZED)
            and w.assessment.meets_standard is not False]


# -- the ward's self-assessment ------------------------------------------------------------------------------------------

@dataclass
class SelfAssessment:
    assessment: Assessment
    result: object            # engine evaluation with explanations
    evidence: list            # Evidence rows
    chief: object | None


def self_assessment(assessment: Assessment) -> SelfAssessment:
    evidence = list(Evidence.objects.filter(assessment=assessment).select_related("criterion").order_by("criterion__code", "pk"))
    chief = next(iter(RoleAssignment.objects.filter(unit=assessment.unit, role=Role.WARD_CHIEF, user__is_active=True)
                      .select_related("user").order_by("pk")), None)
    return SelfAssessment(assessment, explain(assessment), evidence, chief.user if chief else None)
