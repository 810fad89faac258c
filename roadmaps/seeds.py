"""The two seed plans, exactly as written in their source documents (see ../shared/seeds)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F

from audit.models import record
from units.models import Level, Unit

from .models import Candidate, Milestone, Plan, PlanTarget

SEEDS = {
    "74": dict(
        title="Đề án Công an phường điển hình, kiểu mẫu giai đoạn 2023–2030 (Bình Dương)",
        source="Quyết định 119/QĐ-UBND ngày 19/01/2024 của UBND tỉnh Bình Dương",
        base_units=45, start_year=2024, end_year=2030,
        targets=[(2024, "count", 6, "ít nhất 05 phường, cộng công nhận Công an phường Mỹ Phước"),
                 (2025, "count", 8, "xây dựng 08 phường; hết 2025 đạt 14/45 (31,11%)"),
                 (2026, "count", 7, ""), (2027, "count", 7, ""), (2028, "count", 7, ""), (2029, "count", 7, ""),
                 (2030, "percent", 100, "xây dựng 03 phường; hết 2030 đạt 45/45 (100%)")],
        milestones=[(2025, "Sơ kết giai đoạn 1"), (2030, "Tổng kết Đề án")],
        candidates=[(2024, "Phường Mỹ Phước")],
    ),
    "56": dict(
        title="Nghị quyết xây dựng Công an phường điển hình, kiểu mẫu (Khánh Hòa)",
        source="Nghị quyết của Ban Thường vụ Tỉnh ủy Khánh Hòa",
        base_units=35, start_year=2023, end_year=2030,
        targets=[(2023, "count", 1, "thí điểm Công an phường Vĩnh Nguyên"),
                 (2025, "percent", 30, "ít nhất 30% (11/35)"), (2030, "percent", 100, "100% (35/35)")],
        milestones=[(2023, "Sơ kết thí điểm"), (2025, "Sơ kết"), (2030, "Tổng kết")],
        candidates=[(2023, "Phường Vĩnh Nguyên")],
    ),
}


@transaction.atomic
def load(province_code: str) -> Plan | None:
    seed = SEEDS[province_code]
    # The province the plan was written for: the one that existed then (its code may live on in a merged province).
    province = Unit.objects.filter(level=Level.PROVINCE, code=province_code).order_by(F("valid_from").asc(nulls_first=True)).first()
    if province is None:
        return None
    plan, created = Plan.objects.get_or_create(
        province=province, title=seed["title"], version=1,
        defaults={k: seed[k] for k in ("source", "base_units", "start_year", "end_year")},
    )
    if not created:
        return plan  # never rewrite a plan someone may have edited
    PlanTarget.objects.bulk_create(PlanTarget(plan=plan, year=y, kind=k, value=v, note=n) for y, k, v, n in seed["targets"])
    Milestone.objects.bulk_create(Milestone(plan=plan, year=y, label=label) for y, label in seed["milestones"])
    for year, name in seed["candidates"]:
        unit = Unit.objects.within(province).filter(name=name, level=Level.COMMUNE).first()
        if unit:
            Candidate.objects.create(plan=plan, year=year, unit=unit)
    # an event on the province's land: its roadmap page keeps the plan until one (roadmaps.views)
    record(None, "plan.loaded", plan, unit=province, data={"title": plan.title, "source": plan.source})
    return plan
