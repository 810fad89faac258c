"""The wards of a province-year as the workbook sees them: what is stored, what is locked and why.

The wards are those of the province matrix (units.territory.year_land: the wards on the province's land on 31/12
of the year, whatever map the province belongs to). The framework of a ward is its assessment's, or the one new
assessments of the year use (frameworks.registry.for_year, the province's choice). Read in a fixed number of
queries, except what the registers provide (assessments.derived), which is asked ward by ward as the form does.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assessments import derived, eligibility, workflow
from assessments.carry import carried_previous
from assessments.models import Assessment
from frameworks import registry
from frameworks.models import Framework, VersionChoice
from units import territory
from units.models import Level, Unit


@dataclass
class WardRow:
    unit: Unit
    district: str
    framework: Framework
    fw: object  # the compiled framework
    assessment: Assessment | None
    last_year: dict = field(default_factory=dict)  # last year's record (own or carried): its prev() figures are locked
    visible: bool = True  # the user sees this ward
    lock: str = ""  # why the user may not change this ward's figures ("" when they may)
    year: int = 0
    _provided: dict | None = field(default=None, repr=False)

    @property
    def provided(self) -> dict:
        """code → frameworks.providers.Provided: figures a register computes (locked cells). Asked on first use only:
        the registers answer ward by ward, and an upload needs them only where a locked cell was changed."""
        if self._provided is None:
            self._provided = derived.provided_for(self.unit, self.year, self.fw)
        return self._provided

    @property
    def values(self) -> dict:
        return self.assessment.values if self.assessment else {}

    @property
    def previous(self) -> dict:
        return self.assessment.previous_values if self.assessment else {}

    @property
    def revision(self) -> int:
        return self.assessment.revision if self.assessment else 0

    @property
    def status(self) -> str:
        if self.assessment is None:
            return "Chưa có hồ sơ"
        return str(workflow.STATUS_LABELS[self.assessment.status])

    def locked_value(self, code: str):
        """A figure a register provides, as it stands: the one typed over it with a reason, else the register's."""
        overrides = self.assessment.overrides if self.assessment else {}
        return self.values.get(code) if code in overrides else self.provided[code].value

    def prev_locked(self, code: str) -> bool:
        """Last year's figure comes from a record: nobody types it (as on the entry form)."""
        return code in self.last_year


def province_land(province: Unit, year: int, scope) -> list[WardRow]:
    """Every ward on the province's land at the end of ``year`` (visible or not, see ``WardRow.visible``)."""
    land = territory.year_land(province, year)
    wards = land.wards
    assessments = {a.unit_id: a for a in Assessment.objects.filter(year=year, unit_id__in=[w.pk for w in wards])
                   .with_framework()}
    frameworks = registry.versions_and_choices(registry.DEFAULT_CODE)[0]
    by_root: dict[int, Framework | None] = {}
    rows = []
    for w in wards:
        a = assessments.get(w.pk)
        if a is not None:
            framework = a.framework
        else:
            if w.root_id not in by_root:  # the province's own choice of version (one query per province)
                choices = VersionChoice.objects.filter(province_id=w.root_id, code=registry.DEFAULT_CODE)
                by_root[w.root_id] = registry.pick(year, frameworks, list(choices))
            framework = by_root[w.root_id]
        if framework is None:
            continue  # no framework applies to the year: nothing can be entered (the matrix shows no criteria either)
        district = w.parent.name if w.parent_id and w.parent.level != Level.PROVINCE else ""
        rows.append(WardRow(w, district, framework, registry.compiled(framework), a, year=year))
    _last_year(rows, year)
    for row in rows:
        row.visible = scope.sees(row.unit)
        row.lock = _lock(row, year, scope)
    return rows


def _last_year(rows: list[WardRow], year: int) -> None:
    """Last year's figures of each ward: its own record, else those carried from the wards it was formed from
    (assessments.services.last_year_record, for all wards at once)."""
    wanted = [r for r in rows if r.fw.prev_codes]
    if not wanted:
        return
    own = dict(Assessment.objects.filter(year=year - 1, unit_id__in=[r.unit.pk for r in wanted])
               .values_list("unit_id", "values"))
    missing: dict[int, list[WardRow]] = {}
    for r in wanted:
        if r.unit.pk in own:
            r.last_year = own[r.unit.pk]
        else:
            missing.setdefault(r.framework.pk, []).append(r)
    for group in missing.values():
        types = {c: i.type for c, i in group[0].fw.indicators.items()}
        carried = carried_previous([r.unit.pk for r in group], year, types)
        for r in group:
            c = carried.get(r.unit.pk)
            r.last_year = c.values if c else {}


def _lock(row: WardRow, year: int, scope) -> str:
    if not row.visible:
        return "Phường này ngoài phạm vi của bạn."
    if not scope.can_enter_data(row.unit):
        return "Bạn chỉ được xem số liệu của phường này."
    refused = eligibility.why_not_writable(row.unit, year)
    if refused:
        return str(refused)
    if row.assessment is not None and row.assessment.status not in workflow.EDITABLE:
        return f"Hồ sơ đang «{row.status}»: số liệu đã khóa, phải được trả lại mới sửa được."
    return ""
