"""Saving figures and storing evaluations: every write in one transaction, with an audit row."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from audit.models import record
from engine.evaluate import NAMES as _NAMES  # severity code → status name
from engine.evaluate import evaluate, evaluate_many
from engine.inputs import parse_values
from frameworks import registry
from frameworks.models import Criterion, Framework

from .models import Assessment, CriterionResult


@dataclass
class SaveOutcome:
    assessment: Assessment | None
    errors: dict = field(default_factory=dict)  # field → message; "__all__" for the whole form
    changed: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def previous_year_values(unit_id: int, year: int, entered: dict) -> tuple[dict, dict]:
    """Last year's figures for ``prev()``: the record's value, else the figure entered by hand.

    Returns ``(values, sources)`` where sources maps code → "record" | "entered".
    """
    record_values = (
        Assessment.objects.filter(unit_id=unit_id, year=year - 1).values_list("values", flat=True).first() or {}
    )
    values, sources = {}, {}
    for code, value in entered.items():
        values[code], sources[code] = value, "entered"
    for code, value in record_values.items():
        values[code], sources[code] = value, "record"
    return values, sources


def explain(assessment: Assessment):
    """The full evaluation with explanations (for the scorecard)."""
    fw = registry.compiled(assessment.framework)
    prev, _ = previous_year_values(assessment.unit_id, assessment.year, assessment.previous_values)
    return evaluate(fw, assessment.values, prev)


def preview(framework: Framework, unit_id: int, year: int, raw_values: dict, raw_previous: dict):
    """Evaluate unsaved form input (live scorecard); returns (result or None, errors)."""
    fw = registry.compiled(framework)
    values = parse_values(fw, raw_values)
    previous = parse_values(fw, raw_previous, codes=fw.prev_codes)
    errors = {**values.errors, **{f"prev_{k}": v for k, v in previous.errors.items()}}
    prev, _ = previous_year_values(unit_id, year, previous.values)
    return evaluate(fw, values.values, prev), errors


def save_figures(unit, year: int, raw_values: dict, raw_previous: dict, user, *, revision: int | None) -> SaveOutcome:
    """Validate and save a unit-year's figures; nothing is written when anything is wrong."""
    with transaction.atomic():
        assessment = Assessment.objects.select_for_update().filter(unit=unit, year=year).first()
        if assessment is None:
            framework = registry.for_year(year)
            if framework is None:
                return SaveOutcome(None, {"__all__": "Chưa nạp bộ tiêu chí nào áp dụng cho năm này."})
            assessment = Assessment(unit=unit, year=year, framework=framework)
        elif revision is not None and revision != assessment.revision:
            return SaveOutcome(assessment, {"__all__": "Bản đánh giá vừa được người khác lưu; hãy tải lại trang để xem thay đổi."})
        fw = registry.compiled(assessment.framework)
        values = parse_values(fw, raw_values)
        previous = parse_values(fw, raw_previous, codes=fw.prev_codes)
        errors = {**values.errors, **{f"prev_{k}": v for k, v in previous.errors.items()}}
        if errors:
            return SaveOutcome(assessment, errors)
        changes = _diff("values", assessment.values, values.values) + _diff("previous", assessment.previous_values, previous.values)
        if not changes and assessment.pk:
            return SaveOutcome(assessment)
        assessment.values, assessment.previous_values = values.values, previous.values
        assessment.updated_by = user if getattr(user, "is_authenticated", False) else None
        assessment.revision += 1
        assessment.save()
        record(user, "assessment.figures_saved", assessment, unit=unit, data={"changes": changes, "year": year})
        store_evaluation(assessment)
        following = Assessment.objects.filter(unit=unit, year=year + 1).select_related("framework").first()
        if following is not None:  # its prev() reads these figures
            store_evaluation(following)
        return SaveOutcome(assessment, changed=changes)


def _diff(section: str, before: dict, after: dict) -> list[dict]:
    return [
        {"section": section, "code": code, "before": before.get(code), "after": after.get(code)}
        for code in sorted(set(before) | set(after))
        if before.get(code) != after.get(code)
    ]


def _criterion_ids(framework: Framework) -> dict[str, int]:
    return dict(Criterion.objects.filter(framework=framework).values_list("code", "pk"))


def store_evaluation(assessment: Assessment) -> None:
    fw = registry.compiled(assessment.framework)
    prev, _ = previous_year_values(assessment.unit_id, assessment.year, assessment.previous_values)
    batch = evaluate_many(fw, [(assessment.values, prev)])
    _store(assessment.framework, [assessment], batch)


def _store(framework: Framework, assessments: list[Assessment], batch) -> None:
    ids = _criterion_ids(framework)
    now = timezone.now()
    CriterionResult.objects.filter(assessment__in=[a.pk for a in assessments]).delete()
    rows = []
    for i, a in enumerate(assessments):
        for code, col in batch.criteria.items():
            rows.append(
                CriterionResult(
                    assessment_id=a.pk,
                    criterion_id=ids[code],
                    status=_NAMES[col[i]],
                    conditions=[_NAMES[c[i]] for c in batch.conditions[code]],
                )
            )
        a.meets_standard, a.evaluated_at = batch.meets[i], now
    CriterionResult.objects.bulk_create(rows, batch_size=5000)
    Assessment.objects.bulk_update(assessments, ["meets_standard", "evaluated_at"], batch_size=2000)


@transaction.atomic
def evaluate_year(year: int, assessments=None) -> int:
    """Re-evaluate and store every assessment of ``year`` (demo loads, framework fixes, bench)."""
    qs = assessments if assessments is not None else Assessment.objects.filter(year=year)
    items = list(qs.only("id", "unit_id", "framework_id", "values", "previous_values"))
    last = dict(Assessment.objects.filter(year=year - 1, unit_id__in=[a.unit_id for a in items]).values_list("unit_id", "values"))
    by_framework: dict[int, list] = {}
    for a in items:
        by_framework.setdefault(a.framework_id, []).append(a)
    for framework_id, group in by_framework.items():
        framework = Framework.objects.get(pk=framework_id)
        fw = registry.compiled(framework)
        rows = [(a.values, {**a.previous_values, **last.get(a.unit_id, {})}) for a in group]
        _store(framework, group, evaluate_many(fw, rows))
    return len(items)

