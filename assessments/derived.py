"""Figures that registers compute (frameworks.providers), applied to a ward's assessment.

A provided figure replaces the typed one unless someone overrode it with a written reason; the override is kept on
the assessment (``overrides``: code → value, reason, who, when), shown beside the figure and audited. ``derived`` keeps
what each provider said when last applied, so a locked (submitted) assessment still shows where its figure came from.
Refreshing touches only assessments that can still be edited: a submitted assessment keeps the figures it was
submitted with.
"""

from __future__ import annotations

from django.db import transaction

from audit.models import record
from frameworks import providers, registry
from kieumau import clock, fragments

from . import workflow
from .models import Assessment


def provided_for(unit, year: int, fw, *, version: str | None = None) -> dict:
    """The provided figures of the unit-year among the framework's indicators. ``version``: the unit's data version
    read before (the second of kieumau.fragments.unit_versions); the registers that declare their figures ``kept``
    are then read from the cache under it and the day (the entry form: ten queries on every open and save)."""
    codes = providers.provided_codes() & set(fw.indicators)
    if not codes:
        return {}
    if version is None:
        return providers.provided(unit, year, codes)
    kept = fragments.cached("provided", (unit.pk, year, fw.digest[:16]), lambda: providers.kept_values(unit, year, codes),
                            version=version)
    return providers.provided(unit, year, codes, kept=kept)


def apply(values: dict, provided: dict, overrides: dict) -> dict:
    """The figures with every provided one in place, except those overridden (pure)."""
    out = dict(values)
    for code, item in provided.items():
        if code not in overrides:
            out[code] = item.value
    return out


def snapshot(provided: dict) -> dict:
    return {code: item.as_dict() for code, item in provided.items()}


def settle_overrides(stored: dict, wanted: dict | None, values: dict, provided: dict, user, labels: dict) -> tuple[dict, dict]:
    """The overrides after a save: ``wanted`` maps each code the user overrides to the reason given (None: keep the
    stored ones). Returns (overrides, errors by code)."""
    if wanted is None:
        return {c: o for c, o in stored.items() if c in provided}, {}
    out, errors = {}, {}
    for code, reason in wanted.items():
        if code not in provided:
            continue
        reason = (reason or "").strip()
        if not reason:
            errors[code] = f"«{labels.get(code, code)}»: hãy ghi lý do nhập tay thay số liệu tính từ {provided[code].source}."
            continue
        if len(reason) > 500:
            errors[code] = f"«{labels.get(code, code)}»: lý do dài quá 500 ký tự."
            continue
        if values.get(code) is None:
            errors[code] = f"«{labels.get(code, code)}»: hãy nhập số liệu thay thế."
            continue
        before = stored.get(code) or {}
        same = before.get("reason") == reason and before.get("value") == values.get(code)
        out[code] = before if same else {"value": values.get(code), "reason": reason, "computed": provided[code].value,
                                         "by": getattr(user, "username", ""), "at": clock.now().isoformat(timespec="seconds")}
    return out, errors


def refresh(unit_id: int, year: int) -> bool:
    """Bring an editable assessment's provided figures up to date; whether anything changed."""
    from .services import store_evaluation

    with transaction.atomic():
        a = (Assessment.objects.select_for_update(of=("self",)).with_framework("unit")
             .filter(unit_id=unit_id, year=year).first())
        if a is None or a.status not in workflow.EDITABLE:
            return False
        fw = registry.compiled(a.framework)
        provided = provided_for(a.unit, year, fw)
        values = apply(a.values, provided, a.overrides)
        shot = snapshot(provided)
        if values == a.values and shot == a.derived:
            return False
        changes = [{"section": "values", "code": c, "before": a.values.get(c), "after": values.get(c)}
                   for c in sorted(provided) if a.values.get(c) != values.get(c)]
        a.values, a.derived = values, shot
        if changes:
            a.revision += 1
        a.save()
        if changes:
            record(None, "assessment.figures_derived", a, unit=a.unit,
                   data={"changes": changes, "year": year, "revision": a.revision,
                         "sources": sorted({provided[c["code"]].source for c in changes})})
            store_evaluation(a)
        return bool(changes)


def refresh_year(year: int) -> int:
    """Refresh every editable assessment of ``year`` (the daily job: 'open past its deadline' changes with time)."""
    if not providers.registered():
        return 0
    ids = Assessment.objects.filter(year=year, status__in=workflow.EDITABLE).values_list("unit_id", flat=True)
    return sum(refresh(unit_id, year) for unit_id in list(ids))


def _on_changed(sender, unit_id: int, year: int, **kwargs) -> None:
    refresh(unit_id, year)


def connect() -> None:
    providers.figures_changed.connect(_on_changed, dispatch_uid="assessments.derived")
