"""Which criteria version a province's assessments use, and a past year seen under another version.

A province chooses a version from a year on (frameworks.models.VersionChoice); without a choice the year takes the
default (the newest version whose ``effective_from`` has come). Choices govern the current year and later ones only:
an earlier year's results stay on the version they were judged against. A choice re-pins the province's assessments
of the years it governs that can still be edited; it is refused while any of them has left the ward (submitted or
further) under another version, because a reviewed result is never re-judged behind the reviewers' backs.

The what-if view evaluates a stored assessment under another version without writing anything: the indicators both
versions share carry over, the other version's new indicators show as not collected.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from audit.models import record
from engine.evaluate import evaluate
from frameworks import registry
from frameworks.models import Framework, VersionChoice
from kieumau import clock
from kieumau.posted import Refused

from . import derived, workflow
from .models import Assessment

LAST_YEAR = 2030  # the program's horizon (roadmaps to 2030)


def governed_years(province_id: int, code: str, from_year: int) -> range:
    """The years a choice from ``from_year`` governs: up to the province's next choice, or the horizon."""
    after = (VersionChoice.objects.filter(province_id=province_id, code=code, from_year__gt=from_year)
             .order_by("from_year").values_list("from_year", flat=True).first())
    return range(from_year, (after or LAST_YEAR + 1))


@transaction.atomic
def choose(province, version: int | None, from_year: int, actor, *, code: str = registry.DEFAULT_CODE,
           reason: str = "") -> int:
    """Record that ``version`` applies in ``province`` from ``from_year`` (None: back to the default), re-pin the
    editable assessments it governs and re-evaluate them. Returns how many assessments were re-pinned."""
    this_year = clock.today().year
    if not this_year <= from_year <= LAST_YEAR:
        raise Refused(f"Năm bắt đầu áp dụng phải từ {this_year} đến {LAST_YEAR}: kết quả các năm trước giữ nguyên "
                      f"phiên bản đã dùng để đánh giá.")
    framework = None
    if version is not None:
        framework = Framework.objects.filter(code=code, version=version).first()
        if framework is None:
            raise Refused(f"Chưa có phiên bản {version} của bộ tiêu chí «{code}».")
    before = VersionChoice.objects.select_for_update().filter(province=province, code=code, from_year=from_year).first()
    years = governed_years(province.pk, code, from_year)
    if version is None:
        if before is None:
            raise Refused(f"Tỉnh chưa chọn phiên bản riêng từ năm {from_year}.")
        before.delete()
    else:
        VersionChoice.objects.update_or_create(province=province, code=code, from_year=from_year,
                                               defaults={"version": version, "reason": reason, "chosen_by": actor})
    moved = _repin(province, code, years)
    record(actor, "framework.version_chosen", province, unit=province, comment=reason,
           data={"code": code, "from_year": from_year, "version": version, "before": before.version if before else None,
                 "years": [years.start, years.stop - 1], "repinned": moved})
    return moved


def _repin(province, code: str, years: range) -> int:
    """Give each assessment of ``years`` in the province the version now in force; refuse if a locked one differs."""
    frameworks, choices = registry.versions_and_choices(code, province.pk)
    wanted = {y: registry.pick(y, frameworks, choices) for y in years}
    qs = (Assessment.objects.select_for_update().with_framework("unit")
          .filter(unit__path__startswith=province.path, year__in=list(years), framework__code=code))
    moving = [a for a in qs if wanted.get(a.year) is not None and a.framework_id != wanted[a.year].pk]
    locked = [a for a in moving if a.status not in workflow.EDITABLE]
    if locked:
        first = locked[0]
        raise Refused(f"Không đổi được: {len(locked)} bản đánh giá đã gửi hoặc đã xét theo phiên bản "
                      f"{first.framework.version} (ví dụ {first.unit.name} năm {first.year}). Hãy trả lại để sửa trước, "
                      f"hoặc chọn phiên bản từ năm sau.")
    from .services import store_evaluation

    for a in moving:
        old = a.framework
        a.framework = wanted[a.year]
        # Figures of codes the new version does not use stay in the record: choosing back loses nothing.
        a.revision += 1
        a.save(update_fields=["framework", "revision", "updated_at"])
        record(None, "assessment.version_changed", a, unit=a.unit,
               data={"from": old.version, "to": a.framework.version, "year": a.year})
        if not derived.refresh(a.unit_id, a.year):  # a refresh that changed figures has evaluated already
            store_evaluation(a)
    return len(moving)


@dataclass
class WhatIf:
    framework: object  # the compiled version it is evaluated under
    result: object
    carried: list  # indicator codes both versions have
    not_collected: list  # (code, label) of the other version's indicators the record does not have
    stored_meets: bool | None


def what_if(assessment: Assessment, framework: Framework) -> WhatIf:
    """``assessment`` evaluated under ``framework`` (nothing is written)."""
    from .services import previous_year_values

    fw = registry.compiled(framework)
    own = registry.compiled(assessment.framework)
    shared = [c for c in fw.indicators if c in own.indicators and own.indicators[c].type == fw.indicators[c].type]
    values = {c: assessment.values[c] for c in shared if c in assessment.values}
    prev, _ = previous_year_values(assessment.unit_id, assessment.year, assessment.previous_values)
    result = evaluate(fw, values, {c: v for c, v in prev.items() if c in fw.indicators})
    missing = [(c, ind.label) for c, ind in fw.indicators.items() if c not in values]
    return WhatIf(fw, result, shared, missing, assessment.meets_standard)
