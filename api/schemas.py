"""The API's input and output shapes (pydantic, through django-ninja): what the OpenAPI schema documents."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import BeforeValidator, Field

_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)


def _iso_day(value):
    """Only YYYY-MM-DD: pydantic would also read a bare number as a Unix time, which nobody means by a day."""
    if isinstance(value, str) and not _ISO_DAY.fullmatch(value.strip()):
        raise ValueError(_("Enter a date as YYYY-MM-DD, e.g. 2026-11-23."))
    return value.strip() if isinstance(value, str) else value


def _no_nul(value):
    if isinstance(value, str) and "\x00" in value:
        raise ValueError(_("Null characters are not allowed."))
    return value


Day = Annotated[dt.date, BeforeValidator(_iso_day)]
# Official codes are digits; letters, dot, dash and underscore are let through for codes of other sources. Anything
# else (a NUL byte, which PostgreSQL refuses in a query, among others) is refused as input, naming the parameter.
UNIT_CODE = r"^[0-9A-Za-z._-]{1,10}$"
FRAMEWORK_CODE = r"^[a-z0-9][a-z0-9.-]{1,59}$"
Level = Literal["province", "district", "commune"]


class UnitRef(Schema):
    """A unit as other records name it: its code is reused across maps, so its dates come with it."""

    code: str
    name: str
    level: Level
    valid_from: dt.date | None = Field(description="First day the unit exists; null: before the records begin.")
    valid_to: dt.date | None = Field(description="Last day the unit exists (inclusive); null while it exists.")


class LineageOut(Schema):
    code: str
    name: str
    level: Level
    valid_from: dt.date | None
    valid_to: dt.date | None
    kind: str = Field(description="merge, split, rename, reclassify or continue")
    effective_date: dt.date


class UnitOut(UnitRef):
    kind: str = Field(description="Tỉnh, Thành phố, Phường, Xã …")
    parent: str | None = Field(description="The parent's code (in the same map), or null for a province.")
    predecessors: list[str] = Field(description="Codes of the units this one was formed from (directly).")
    successors: list[str] = Field(description="Codes of the units this one became (directly).")
    predecessor_units: list[LineageOut] = Field(description="The same, with their dates: codes alone are ambiguous.")
    successor_units: list[LineageOut]


class Page(Schema):
    count: int = Field(description="Items matching the filters, over all pages.")
    limit: int
    offset: int
    next: str | None = Field(description="The address of the next page, or null on the last one.")


class UnitPage(Page):
    items: list[UnitOut]


class IndicatorOut(Schema):
    code: str
    type: Literal["int", "num", "bool"]
    label: str
    unit: str
    help: str
    criterion: str
    max: str | None = Field(description="The code of the total this figure may not exceed.")


class CriterionOut(Schema):
    code: str
    ref: str
    title: str
    group: str
    group_title: str
    indicators: list[str]
    conditions: list[str] = Field(description="The requirements as officials read them.")
    evidence: list[str] = Field(description="Documents listed as evidence.")


class FrameworkRef(Schema):
    code: str
    version: int


class FrameworkSummary(FrameworkRef):
    title: str
    source: str
    effective_from: int | None


class FrameworkOut(FrameworkSummary):
    evidence_required: bool
    criteria: list[CriterionOut]
    indicators: list[IndicatorOut]


class AssessmentSummary(Schema):
    id: int
    unit: UnitRef
    year: int
    framework: FrameworkRef
    status: str
    status_label: str
    revision: int = Field(description="Send it back with a change: a change made from an older revision is refused.")
    meets_standard: bool | None
    evaluated_at: dt.datetime | None
    updated_at: dt.datetime


class AssessmentPage(Page):
    items: list[AssessmentSummary]


class ResultOut(Schema):
    criterion: str
    title: str
    status: Literal["pass", "fail", "missing", "not_applicable"]
    conditions: list[str]


class AssessmentOut(AssessmentSummary):
    values: dict[str, Any] = Field(description="Indicator code → figure (integer, true/false, or a decimal as a string).")
    previous_values: dict[str, Any] = Field(description="Last year's figures entered by hand (where last year has no record).")
    previous_codes: list[str] = Field(description="Codes whose last-year figure may be entered (``previous`` of a change).")
    computed_codes: list[str] = Field(description="Figures computed by a register: sent only with an override reason.")
    overrides: dict[str, Any]
    results: list[ResultOut]
    editable: bool = Field(description="Whether you may change the figures now.")


class FiguresIn(Schema):
    values: dict[str, Any] = Field(default_factory=dict, description="Indicator code → figure; null or \"\" clears it; absent: kept.")
    previous: dict[str, Any] = Field(default_factory=dict, description="Last year's figures (codes of previous_codes).")
    overrides: dict[str, Annotated[str, BeforeValidator(_no_nul)]] | None = Field(
        None, description="Computed code → reason for typing over it; absent: kept.")
    revision: int = Field(ge=0, le=2_000_000_000, description="The assessment's revision your change starts from.")


class YearLine(Schema):
    year: int
    target_new: int | None
    target_cumulative: int | None
    target_cumulative_rebased: int | None
    actual_cumulative: int | None
    status: str


class RoadmapOut(Schema):
    province: str
    plan_province: UnitRef = Field(description="The province the plan was written for (a predecessor, after a merger).")
    plan: str
    base_units: int | None
    years: list[YearLine]


class ReviewOut(Schema):
    year: int
    outcome: Literal["maintained", "warned", "revoked"]
    decision_number: str
    decision_date: dt.date | None


class RecognitionOut(Schema):
    id: int
    unit: UnitRef
    year: int
    assessment_id: int
    decision_number: str
    decision_date: dt.date
    signer: str
    revoked: bool
    reviews: list[ReviewOut]


class RecognitionPage(Page):
    items: list[RecognitionOut]


class BodyStatus(Schema):
    code: str
    name: str
    held_by: str | None
    status: Literal["pending", "draft", "on_time", "late", "missing", "returned"]
    submitted_at: str | None


class ReportingOut(Schema):
    province: str
    period: str
    deadline: dt.date
    bodies: list[BodyStatus]
    counts: dict[str, int]
    completeness: float
    timeliness: float
