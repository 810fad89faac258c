"""Saving figures and storing evaluations: every write in one transaction, with an audit row."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils.translation import gettext as _

from audit.models import AuditEvent, record
from kieumau import clock
from engine.carry import Carried
from engine.evaluate import evaluate, evaluate_many
from engine.inputs import Parsed, check_totals, parse_values
from frameworks import registry
from frameworks.models import Framework

from . import derived, eligibility, results_store, workflow
from .carry import carried_previous
from .models import Assessment


_MAX_PARAMS = 900


@dataclass
class SaveOutcome:
    assessment: Assessment | None
    errors: dict = field(default_factory=dict)  # field → message; "__all__" for the whole form
    changed: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def last_year_record(unit_id: int, year: int, types: dict | None = None) -> tuple[dict, Carried | None]:
    """The unit's figures of ``year - 1``: its own record, else those carried from the wards it was formed from."""
    own = Assessment.objects.filter(unit_id=unit_id, year=year - 1).values_list("values", flat=True).first()
    if own is not None:
        return own, None
    carried = carried_previous([unit_id], year, types).get(unit_id)
    return (carried.values if carried else {}), carried


def previous_year_values(unit_id: int, year: int, entered: dict) -> tuple[dict, dict]:
    """Last year's figures for ``prev()``: the record's value (or the carried sum), else the figure entered by hand.

    Returns ``(values, sources)`` where sources maps code → "record" | "carried" | "entered".
    """
    record_values, carried = last_year_record(unit_id, year)
    values, sources = {}, {}
    for code, value in entered.items():
        values[code], sources[code] = value, "entered"
    for code, value in record_values.items():
        values[code], sources[code] = value, "carried" if carried else "record"
    return values, sources


def explain(assessment: Assessment):
    """The full evaluation with explanations (for the scorecard)."""
    fw = registry.compiled(assessment.framework)
    prev, _ = previous_year_values(assessment.unit_id, assessment.year, assessment.previous_values)
    return evaluate(fw, assessment.values, prev)


def preview(framework: Framework, unit_id: int, year: int, raw_values: dict, raw_previous: dict, *, provided=None,
            overrides=()):
    """Evaluate unsaved form input (live scorecard); returns (result or None, errors). ``provided`` figures
    (assessments.derived) stand for their fields unless the code is in ``overrides``."""
    fw = registry.compiled(framework)
    values = parse_values(fw, raw_values)
    values.values.update(derived.apply({}, provided or {}, set(overrides)))
    previous = parse_values(fw, raw_previous, codes=fw.prev_codes)
    errors = {**values.errors, **{f"prev_{k}": v for k, v in previous.errors.items()}}
    prev, _ = previous_year_values(unit_id, year, previous.values)
    return evaluate(fw, values.values, prev), errors


def save_figures(unit, year: int, raw_values: dict, raw_previous: dict, user, *, revision: int,
                 overrides: dict | None = None, validate_only: bool = False,
                 provided_seen: dict | None = None) -> SaveOutcome:
    """Validate and save a unit-year's figures; nothing is written when anything is wrong.

    ``raw_values``/``raw_previous`` hold only the fields sent: a field absent keeps its stored value, a field sent
    blank clears it. ``revision`` is the one the form was opened at (0 for a new assessment). Figures provided by a
    register (assessments.derived) replace the typed ones, except the codes in ``overrides`` (code → the reason
    given; None keeps the stored overrides). ``validate_only``: every check and the list of changes, nothing written
    (an Excel preview). ``provided_seen``: the registers' figures as the caller read them a moment ago (the entry
    form builds itself from them), used only when they are exactly what this row last stored, compared under its
    lock; else they are read here. Then nothing has refreshed the row since the caller read them (a new framework
    moves the revision, refused above), and a register that changed in between refreshes it after this save
    (assessments.derived.refresh, on its own commit, waits for this row's lock), as it would after any save.
    """
    refused = eligibility.why_not_writable(unit, year)
    if refused:
        return SaveOutcome(None, {"__all__": refused})
    with transaction.atomic():
        assessment = Assessment.objects.select_for_update().filter(unit=unit, year=year).first()
        if assessment is None:
            framework = registry.for_year(year, unit=unit)
            if framework is None:
                return SaveOutcome(None, {"__all__": _("No criteria framework applies to this year yet.")})
            assessment = Assessment(unit=unit, year=year, framework=framework)
        elif assessment.status not in workflow.EDITABLE:
            return SaveOutcome(assessment, {"__all__": _(
                "The figures are locked: the assessment is “%(status)s”. It must be returned before they can be changed."
            ) % {"status": workflow.STATUS_LABELS[assessment.status]}})
        fw = registry.compiled(assessment.framework)
        if revision != assessment.revision:
            return SaveOutcome(assessment, {"__all__": conflict_message(assessment, fw, revision)})
        values = _merged(fw, assessment.values, raw_values)
        previous = _merged(fw, assessment.previous_values, raw_previous, codes=fw.prev_codes)
        errors = {**values.errors, **{f"prev_{k}": v for k, v in previous.errors.items()}}
        if provided_seen is not None and assessment.pk and derived.snapshot(provided_seen) == assessment.derived:
            provided = provided_seen  # what this row holds already (read under its lock): nothing refreshed it since
        else:
            provided = derived.provided_for(unit, year, fw)
        labels = {c: i.label for c, i in fw.indicators.items()}
        kept, override_errors = derived.settle_overrides(assessment.overrides, overrides, values.values, provided, user, labels)
        errors.update(override_errors)
        if errors:
            return SaveOutcome(assessment, errors)
        values.values = derived.apply(values.values, provided, kept)
        if provided:  # an overridden total against a provided part (or the reverse) must still add up
            final = Parsed(values.values, {})
            check_totals(fw, final)
            if final.errors:
                return SaveOutcome(assessment, final.errors)
        changes = _diff("values", assessment.values, values.values) + _diff("previous", assessment.previous_values, previous.values)
        overridden = [{"code": c, "value": o["value"], "computed": o["computed"], "reason": o["reason"]}
                      for c, o in kept.items() if assessment.overrides.get(c) != o]
        dropped = sorted(set(assessment.overrides) - set(kept))
        if not changes and not overridden and not dropped and assessment.pk:
            return SaveOutcome(assessment)
        if validate_only:
            return SaveOutcome(assessment, changed=changes)
        assessment.values, assessment.previous_values = values.values, previous.values
        assessment.overrides, assessment.derived = kept, derived.snapshot(provided)
        assessment.updated_by = user if getattr(user, "is_authenticated", False) else None
        assessment.revision += 1
        assessment.save()
        data = {"changes": changes, "year": year, "revision": assessment.revision}
        if overridden or dropped:
            data.update(overridden=overridden, override_removed=dropped)
        record(user, "assessment.figures_saved", assessment, unit=unit, data=data)
        store_evaluation(assessment)
        following = Assessment.objects.filter(unit=unit, year=year + 1).with_framework().first()
        if following is not None:  # its prev() reads these figures
            store_evaluation(following)
        return SaveOutcome(assessment, changed=changes)


def _merged(fw, stored: dict, raw: dict, codes=None) -> Parsed:
    """The stored figures with the fields sent applied (a blank one clears), checked whole (a part against its
    total even when only one of them was sent)."""
    parsed = parse_values(fw, raw, codes=codes)
    values = {k: v for k, v in stored.items() if k not in raw and (codes is None or k in codes)}
    values.update(parsed.values)
    merged = Parsed(values, dict(parsed.errors))
    check_totals(fw, merged)
    return merged


def conflict_message(assessment: Assessment, framework, revision: int) -> str:
    """What others saved since the form was opened, so the second saver loses nothing silently."""
    events = AuditEvent.objects.filter(
        object_type="assessments.assessment", object_id=str(assessment.pk),
        action__in=["assessment.figures_saved", "assessment.figures_derived"],
    ).select_related("actor").order_by("id")
    lines = []
    for event in events:
        if (event.data.get("revision") or 0) <= revision:
            continue
        who = (event.actor.get_full_name() or event.actor.username) if event.actor else ", ".join(event.data.get("sources", ["?"]))
        for change in event.data.get("changes", []):
            ind = framework.indicators.get(change["code"])
            label = ind.label if ind else change["code"]
            lines.append(f"{who}: «{label}» {change['before'] if change['before'] is not None else '—'} → {change['after'] if change['after'] is not None else '—'}")
    message = _("Someone else saved this assessment after you opened it; nothing of yours was saved. Their changes:")
    return message + " " + ("; ".join(lines) or "—") + ". " + _("Reload the page, then enter your changes again.")


def _diff(section: str, before: dict, after: dict) -> list[dict]:
    return [
        {"section": section, "code": code, "before": before.get(code), "after": after.get(code)}
        for code in sorted(set(before) | set(after))
        if before.get(code) != after.get(code)
    ]


def store_evaluation(assessment: Assessment) -> None:
    fw = registry.compiled(assessment.framework)
    prev, _ = previous_year_values(assessment.unit_id, assessment.year, assessment.previous_values)
    results_store.store(assessment.framework, [assessment.pk], evaluate_many(fw, [(assessment.values, prev)]))
    assessment.refresh_from_db(fields=["meets_standard", "evaluated_at"])


def _figures_rows(qs) -> list:
    """``[id, unit_id, framework_id, values, previous_values]`` of every assessment in ``qs``, read as ONE JSON text.

    Why: decoding 10,000 JSON objects one by one makes 10,000 copies of every indicator code, and building the
    engine's columns from them is then slower than the evaluation itself (the dictionaries' keys are scattered
    in memory). One ``json.loads`` of the whole set shares one key object per code (the decoder memoises keys
    within a call): the read costs the same as Django's, and building the columns a third (docs/performance.md).
    """
    sql, params = qs.values_list("id", "unit_id", "framework_id", "values", "previous_values").query.sql_with_params()
    if connection.vendor == "postgresql":
        outer = f"WITH t(c1, c2, c3, c4, c5) AS ({sql}) SELECT json_agg(json_build_array(c1, c2, c3, c4, c5))::text FROM t"
    else:  # SQLite keeps a JSONField as JSON text: concatenating is valid JSON, and cheaper than json_array()
        outer = (f"WITH t(c1, c2, c3, c4, c5) AS ({sql}) SELECT '[' || group_concat('[' || c1 || ',' || c2 || ',' "
                 f"|| c3 || ',' || c4 || ',' || c5 || ']', ',') || ']' FROM t")
    with connection.cursor() as cursor:
        cursor.execute(outer, params)
        text = cursor.fetchone()[0]
    return json.loads(text) if text else []


def load_year(year: int, assessments=None) -> dict:
    """The figures of a year with last year's, grouped by framework: ``{framework: (ids, rows)}``.

    Reads plain tuples, not model instances: this is the national evaluation's hot path.
    """
    qs = assessments if assessments is not None else Assessment.objects.filter(year=year)
    items = _figures_rows(qs)
    last_qs = Assessment.objects.filter(year=year - 1)
    if len(items) <= _MAX_PARAMS:
        last_qs = last_qs.filter(unit_id__in=[i[1] for i in items])
    last = dict(last_qs.values_list("unit_id", "values"))
    without = [i[1] for i in items if i[1] not in last]
    if without:  # wards formed by a reorganization: last year comes from the wards they were formed from
        formed = carried_previous(without if len(without) <= _MAX_PARAMS else qs.values("unit_id"), year)
        last.update({unit_id: c.values for unit_id, c in formed.items() if unit_id not in last and c.values})
    groups: dict[int, tuple[list, list]] = {}
    for pk, unit_id, framework_id, values, previous in items:
        ids, rows = groups.setdefault(framework_id, ([], []))
        ids.append(pk)
        record = last.get(unit_id)
        rows.append((values, {**previous, **record} if record else previous))
    frameworks = Framework.objects.in_bulk(list(groups))
    return {frameworks[fid]: group for fid, group in groups.items()}


@transaction.atomic
def evaluate_year(year: int, assessments=None) -> int:
    """Re-evaluate every assessment of ``year`` and store the results that changed (demo loads, framework fixes,
    bench); one audit row when any did, which also moves the pages' data version (kieumau/fragments.py)."""
    count = changed = 0
    for framework, (ids, rows) in load_year(year, assessments).items():
        changed += results_store.store(framework, ids, evaluate_many(registry.compiled(framework), rows))
        count += len(ids)
    if changed:
        record(None, "assessment.results_recomputed", Assessment, data={"year": year, "evaluated": count, "changed": changed})
    return count
