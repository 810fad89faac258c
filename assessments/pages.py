"""Read models for the pages: a fixed number of queries whatever the number of wards."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q

from engine import fmt
from engine.evaluate import columns
from frameworks import registry
from frameworks.models import Criterion, Framework
from units import history
from units.models import Level, Unit

from .models import Assessment, CriterionResult

@dataclass
class MatrixRow:
    unit: Unit
    district: str
    assessment_id: int | None = None
    meets: bool | None = None
    statuses: list = field(default_factory=list)  # one per criterion, "" when not evaluated
    passed: int = 0
    status: str = ""


@dataclass
class Matrix:
    province: Unit
    year: int
    framework: Framework | None
    criteria: list
    groups: list  # (group code, title, span)
    rows: list
    is_demo: bool

    @property
    def meeting(self) -> int:
        return sum(1 for r in self.rows if r.meets)

    @property
    def assessed(self) -> int:
        return sum(1 for r in self.rows if r.assessment_id)


def province_matrix(province: Unit, year: int, scope) -> Matrix:
    """The province as it was at the end of ``year`` (or on its last day): the wards valid then, and any other ward
    of its tree assessed that year, so that no record is hidden by a later change of the map."""
    day = history.reference_day(province, year)
    assessed_ids = Assessment.objects.filter(year=year, unit__path__startswith=province.path).values("unit_id")
    wards = list(
        Unit.objects.within(province).wards().filter(Q(pk__in=history.wards_on(province, day).values("pk")) | Q(pk__in=assessed_ids))
        .select_related("parent").order_by("parent__name", "name")
    )
    wards = [w for w in wards if scope.sees(w)]
    assessments = {
        a["unit_id"]: a
        for a in Assessment.objects.filter(year=year, unit__path__startswith=province.path).values(
            "id", "unit_id", "meets_standard", "framework_id", "is_demo", "status"
        )
    }
    framework_id = next((a["framework_id"] for a in assessments.values()), None)
    framework = Framework.objects.filter(pk=framework_id).first() if framework_id else registry.for_year(year)
    criteria = list(Criterion.objects.filter(framework=framework)) if framework else []
    position = {c.pk: i for i, c in enumerate(criteria)}
    statuses: dict[int, list] = {}
    results = CriterionResult.objects.filter(
        assessment__year=year, assessment__unit__path__startswith=province.path
    ).values_list("assessment_id", "criterion_id", "status")
    for assessment_id, criterion_id, status in results:
        if criterion_id in position:
            statuses.setdefault(assessment_id, [""] * len(criteria))[position[criterion_id]] = status
    rows = []
    for w in wards:
        row = MatrixRow(w, w.parent.name if w.parent else "")
        a = assessments.get(w.pk)
        if a:
            row.assessment_id, row.meets, row.status = a["id"], a["meets_standard"], a["status"]
            row.statuses = statuses.get(a["id"], [""] * len(criteria))
            row.passed = sum(1 for s in row.statuses if s in ("pass", "not_applicable"))
        else:
            row.statuses = [""] * len(criteria)
        rows.append(row)
    groups = []
    for c in criteria:
        if groups and groups[-1][0] == c.group_code:
            groups[-1] = (c.group_code, c.group_title, groups[-1][2] + 1)
        else:
            groups.append((c.group_code, c.group_title, 1))
    is_demo = any(a["is_demo"] for a in assessments.values())
    return Matrix(province, year, framework, criteria, groups, rows, is_demo)


def years_with_data(province: Unit, related=()) -> list[int]:
    """Years with records in the province or in the provinces it came from or went into (the page follows them)."""
    q = Q(unit__path__startswith=province.path)
    for other in related:
        q |= Q(unit__path__startswith=other.path)
    years = set(Assessment.objects.filter(q).values_list("year", flat=True).distinct())
    years.add(dt.date.today().year)
    return sorted(years, reverse=True)


def default_year(province: Unit) -> int:
    """The latest year with records; a unit that has ended opens on its last year, a new one on the current year."""
    latest = (
        Assessment.objects.filter(unit__path__startswith=province.path).order_by("-year").values_list("year", flat=True).first()
    )
    if province.valid_until is None and (province.valid_from or dt.date.min).year > (latest or 0):
        return dt.date.today().year
    return latest or dt.date.today().year


@dataclass
class FieldRow:
    indicator: object
    field: object
    last_year: str  # last year's figure, formatted, or ""
    prev_field: object = None  # editable last-year figure, when there is no record


def form_layout(framework, form, last_year_values: dict, editable_prev: set) -> list:
    """Groups → criteria → field rows, for the data-entry template."""
    cols = columns(framework, [(last_year_values, {})])
    layout = []
    for group in framework.groups:
        crits = []
        for crit in group.criteria:
            rows = []
            for code in crit.indicators:
                ind = framework.indicators[code]
                value = cols.current[code][0]
                shown = "" if code not in last_year_values else _display(ind.type, value)
                prev_field = form[f"prev_{code}"] if code in editable_prev else None
                rows.append(FieldRow(ind, form[code], shown, prev_field))
            crits.append((crit, rows))
        layout.append((group, crits))
    return layout


def _display(type_: str, value) -> str:
    if type_ == "bool":
        return "Đạt" if value else "Không đạt"
    return fmt.number(value)


def initial_for(framework, values: dict, previous: dict, prev_codes) -> dict:
    """Form initial data in the Vietnamese way of writing numbers."""
    data = {}
    for code, value in values.items():
        if code in framework.indicators:
            data[code] = _initial(framework.indicators[code].type, value)
    for code in prev_codes:
        if code in previous:
            data[f"prev_{code}"] = _initial(framework.indicators[code].type, previous[code])
    return data


def _initial(type_: str, value) -> str:
    if type_ == "bool":
        return "true" if value else "false"
    return str(value).replace(".", ",") if type_ == "num" else str(value)


def own_wards(scope) -> list[Unit]:
    """Wards a ward-level user works on (their role is held on the ward itself)."""
    paths = [path for path, held in scope.paths.items()
             if path in scope.direct and any(level == Level.COMMUNE for _role, level in held)]
    return list(Unit.objects.filter(path__in=paths).order_by("name"))




def province_of(unit: Unit) -> Unit | None:
    ids = unit.ancestor_ids
    if not ids:
        return None
    return Unit.objects.filter(pk=ids[0], level=Level.PROVINCE).first()


@dataclass
class PastUnit:
    step: object  # units.history.Step
    recognitions: list  # (year, decision number, revoked?)


def unit_history(unit: Unit) -> dict:
    """What the page of ``unit`` says about reorganizations: where it went, and what it was formed from.

    Carry-over rule (shown to users): a recognition stays on the record of the ward that earned it; a successor
    shows it as history, it does not inherit the title.
    """
    from .models import Recognition

    after = history.successors_now(unit)
    before = [s for s in history.predecessors_with_dates(unit) if s.unit.level == Level.COMMUNE]
    recs: dict[int, list] = {}
    if before:
        for r in Recognition.objects.filter(unit__in=[s.unit.pk for s in before]).with_revoked().order_by("year"):
            recs.setdefault(r.unit_id, []).append((r.year, r.decision_number, r.revoked))
    return {"after": after, "before": [PastUnit(s, recs.get(s.unit.pk, [])) for s in before],
            "this_year": dt.date.today().year}
