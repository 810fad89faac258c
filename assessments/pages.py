"""Read models for the pages: a fixed number of queries whatever the number of wards."""

from __future__ import annotations

from dataclasses import dataclass, field

from engine import fmt
from engine.evaluate import columns
from frameworks import registry
from frameworks.models import Criterion, Framework
from units import history, territory
from kieumau import fragments
from kieumau.collation import vi_sorted
from units.models import Level, Unit

from . import eligibility, recognition
from .entry_rows import rows_html
from .html_value import figure_text
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
class RowGroup:
    label: str  # the province of that time, when the land spanned several (else "")
    rows: list


@dataclass
class Matrix:
    province: Unit
    year: int
    framework: Framework | None
    criteria: list
    groups: list  # (group code, title, span)
    row_groups: list  # RowGroup: the wards that exist on 31/12, grouped by the province they belonged to then
    ended: list  # MatrixRow of wards that existed during the year but ended before its end and have a record
    is_demo: bool
    land: object = None  # units.territory.YearLand

    @property
    def rows(self) -> list:
        return [r for g in self.row_groups for r in g.rows]

    @property
    def meeting(self) -> int:
        return sum(1 for r in self.rows if r.meets)

    @property
    def assessed(self) -> int:
        return sum(1 for r in self.rows if r.assessment_id)


def province_matrix(province: Unit, year: int, scope) -> Matrix:
    """The wards on the province's land at the end of ``year`` (through lineage, whatever map the province belongs
    to), grouped by the province they belonged to then; and, apart, any ward of that year's land that ended before
    the year's end but has a record, so that no record is hidden by a change of the map."""
    land = fragments.year_land(province, year)
    wards = [w for w in land.wards if scope.sees(w)]
    ended = [w for w in land.ended if scope.sees(w)]
    assessments = {a["unit_id"]: a for a in Assessment.objects.filter(year=year, unit_id__in=[w.pk for w in wards + ended])
                   .values("id", "unit_id", "meets_standard", "framework_id", "is_demo", "status")}
    framework_id = next((a["framework_id"] for a in assessments.values()), None)
    framework = Framework.objects.filter(pk=framework_id).first() if framework_id else registry.for_year(year, unit=province)
    criteria = list(Criterion.objects.filter(framework=framework)) if framework else []
    position = {c.pk: i for i, c in enumerate(criteria)}
    statuses: dict[int, list] = {}
    results = CriterionResult.objects.filter(assessment_id__in=[a["id"] for a in assessments.values()])
    for assessment_id, criterion_id, status in results.values_list("assessment_id", "criterion_id", "status"):
        if criterion_id in position:
            statuses.setdefault(assessment_id, [""] * len(criteria))[position[criterion_id]] = status

    def row(w: Unit) -> MatrixRow:
        r = MatrixRow(w, w.parent.name if w.parent_id and w.parent.level != Level.PROVINCE else "")
        a = assessments.get(w.pk)
        r.statuses = [""] * len(criteria)
        if a:
            r.assessment_id, r.meets, r.status = a["id"], a["meets_standard"], a["status"]
            r.statuses = statuses.get(a["id"], r.statuses)
            r.passed = sum(1 for s in r.statuses if s in ("pass", "not_applicable"))
        return r

    row_groups: list[RowGroup] = []
    for w in wards:
        label = territory.display_name(land.group_of(w)) if land.spans_provinces and land.group_of(w) else ""
        if not row_groups or row_groups[-1].label != label:
            row_groups.append(RowGroup(label, []))
        row_groups[-1].rows.append(row(w))
    groups = []
    for c in criteria:
        if groups and groups[-1][0] == c.group_code:
            groups[-1] = (c.group_code, c.group_title, groups[-1][2] + 1)
        else:
            groups.append((c.group_code, c.group_title, 1))
    is_demo = any(a["is_demo"] for a in assessments.values())
    ended_rows = [row(w) for w in ended if w.pk in assessments]
    return Matrix(province, year, framework, criteria, groups, row_groups, ended_rows, is_demo, land)


def program_years() -> list[int]:
    """The years a page offers, newest first: the program's years up to the current one."""
    return list(reversed(eligibility.program_years()))


def default_year() -> int:
    """Pages open on the current year: the yearly campaign people are working on."""
    return eligibility.today().year


@dataclass
class FieldRow:
    indicator: object
    field: object
    last_year: str  # last year's figure, formatted, or ""
    prev_field: object = None  # editable last-year figure, when there is no record
    provided: object = None  # frameworks.providers.Provided: the figure a register computes for this field
    override_field: object = None  # "type over the register's figure" and its reason
    reason_field: object = None


def form_layout(framework, form, last_year_values: dict, editable_prev: set, provided: dict | None = None) -> list:
    """Groups → criteria → their field rows' HTML (``assessments.entry_rows``), for the data-entry template."""
    return [(group, [(crit, rows_html(rows)) for crit, rows in crits])
            for group, crits in field_rows(framework, form, last_year_values, editable_prev, provided)]


def field_rows(framework, form, last_year_values: dict, editable_prev: set, provided: dict | None = None) -> list:
    """Groups → criteria → field rows (``FieldRow``)."""
    provided = provided or {}
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
                item = provided.get(code)
                rows.append(FieldRow(ind, form[code], shown, prev_field, item,
                                     form[f"override_{code}"] if item else None, form[f"override_reason_{code}"] if item else None))
            crits.append((crit, rows))
        layout.append((group, crits))
    return layout


@dataclass(frozen=True)
class ErrorItem:
    anchor: str  # the id of the field, for a link that moves to it ("" for the whole form)
    label: str  # the field's label, or "" when the message already names it
    message: str


def error_items(fw, errors: dict) -> list[ErrorItem]:
    """Form or preview errors as a list that names each field once, in the form's order, each linking to its field."""
    labels = {code: ind.label for code, ind in fw.indicators.items()}
    labels.update({f"prev_{c}": f"{fw.indicators[c].label} (năm trước)" for c in fw.prev_codes})
    order = {code: i for i, code in enumerate(list(fw.indicators) + [f"prev_{c}" for c in fw.prev_codes])}
    items = []
    for key in sorted(errors, key=lambda k: order.get(k, -1)):
        for message in errors[key] if isinstance(errors[key], list) else [errors[key]]:
            label = labels.get(key, "")
            items.append(ErrorItem(f"id_{key}" if key in order else "", "" if f"«{label}»" in str(message) else label, str(message)))
    return items


def _display(type_: str, value) -> str:
    if type_ == "bool":
        return "Đạt" if value else "Không đạt"
    return fmt.number(value)


def initial_for(framework, values: dict, previous: dict, prev_codes, provided: dict | None = None,
                overrides: dict | None = None) -> dict:
    """Form initial data in the Vietnamese way of writing numbers; a provided figure shows the register's value
    unless it was overridden."""
    data = {}
    overrides = overrides or {}
    for code, item in (provided or {}).items():
        if code in overrides:
            data[f"override_{code}"] = True
            data[f"override_reason_{code}"] = overrides[code].get("reason", "")
        else:
            values = {**values, code: item.value}
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
    return vi_sorted(Unit.objects.filter(path__in=paths), key=lambda u: u.name)




def province_of(unit: Unit) -> Unit | None:
    """The province above ``unit``; kept until the map changes (a unit edited in the admin moves that version too)."""
    ids = unit.ancestor_ids
    if not ids:
        return None
    return fragments.until_the_map_changes(f"province-of:{ids[0]}",
                                           lambda: Unit.objects.filter(pk=ids[0], level=Level.PROVINCE).first())


@dataclass
class PastUnit:
    step: object  # units.history.Step
    recognitions: list  # recognition.Holding (at the end of the current year), oldest first


def unit_history(unit: Unit) -> dict:
    """What the page of ``unit`` says about reorganizations: where it went, what it was formed from, and who holds the
    recognitions earned on its land (the carry-over rule: assessments.recognition)."""
    this_year = eligibility.today().year
    after = history.successors_now(unit)
    before = [s for s in history.predecessors_with_dates(unit) if s.unit.level == Level.COMMUNE]
    if not (after or before):
        return {"after": [], "before": [], "own": [], "this_year": this_year}
    recs = recognition.for_land({unit.pk} | {s.unit.pk for s in before})
    held = recognition.holdings(recs, this_year)
    by_unit: dict[int, list] = {}
    for h in held:
        by_unit.setdefault(h.recognition.unit_id, []).append(h)
    return {"after": after, "before": [PastUnit(s, by_unit.get(s.unit.pk, [])) for s in before],
            "own": [h for h in by_unit.get(unit.pk, []) if h.carried], "this_year": this_year}


@dataclass(frozen=True)
class Provenance:
    label: str
    value: object
    source: str
    detail: str
    url: str
    override: dict | None  # the figure typed over it, with the reason, who and when


def provenance(framework, assessment) -> dict:
    """Criterion code → where its computed figures came from (assessment.derived), and any typed over them."""
    out: dict = {}
    for code, item in (assessment.derived or {}).items():
        ind = framework.indicators.get(code)
        if ind is None:
            continue
        crit = next((c.code for g in framework.groups for c in g.criteria if code in c.indicators), None)
        override = (assessment.overrides or {}).get(code)
        rows = out.setdefault(crit, [])
        same = next((r for r in rows if not override and not r.override and (r.source, r.detail) == (item.get("source", ""),
                                                                                                 item.get("detail", ""))), None)
        if same:  # two figures read from the same count: one line says where both came from
            rows[rows.index(same)] = Provenance(f"{same.label}» = {same.value}, «{ind.label}", figure_text(ind, item.get("value")),
                                                same.source, same.detail, same.url, None)
            continue
        rows.append(Provenance(ind.label, figure_text(ind, item.get("value")), item.get("source", ""), item.get("detail", ""),
                               item.get("url", ""), override))
    return out
