"""``make bench``: the national page at national scale (the bench's dataset: demo.bench), p95 and query count.

The bench's country has figures but no roadmaps or recognitions; so that the page does all its work, every province
of the assessed map gets a synthetic roadmap and one in ten of its wards meeting the standard a recognition, both
labelled as bench data and added once (the bench has its own database, never the demo's).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse

from assessments.models import Assessment, Recognition
from audit.models import record
from demo.bench import bench_user, time_page
from roadmaps.models import Plan, PlanTarget
from units.models import Level, Unit
from units.territory import year_end

BENCH_TITLE = "Lộ trình tổng hợp để đo hiệu năng (không phải số liệu thật)"
TARGETS = ((2024, PlanTarget.Kind.COUNT, 1), (2025, PlanTarget.Kind.PERCENT, 30), (2030, PlanTarget.Kind.PERCENT, 100))
GOAL_MS = 500  # PRODUCT.md: national pages ≤ 500 ms at national scale


@transaction.atomic
def prepare(year: int) -> tuple[int, int]:
    """Add the synthetic roadmaps and recognitions (once); returns (plans, recognitions) in the bench's database."""
    user = bench_user()
    provinces = list(Unit.objects.filter(level=Level.PROVINCE).valid_on(year_end(year)))
    planned = set(Plan.objects.values_list("province_id", flat=True))
    made = False
    for p in provinces:
        if p.pk in planned:
            continue
        made = True
        wards = Unit.objects.within(p).wards().valid_on(year_end(year)).count()
        plan = Plan.objects.create(province=p, title=BENCH_TITLE, source="—", base_units=max(wards, 1),
                                   start_year=year, end_year=2030)
        PlanTarget.objects.bulk_create(PlanTarget(plan=plan, year=y, kind=k, value=v) for y, k, v in TARGETS)
    if not Recognition.objects.filter(decision_number__startswith="BENCH/").exists():
        meeting = Assessment.objects.filter(year=year, meets_standard=True, unit__kind="Phường").order_by("unit_id")
        Recognition.objects.bulk_create(
            Recognition(assessment_id=pk, unit_id=unit_id, year=year, decision_number=f"BENCH/{pk}",
                        decision_date=dt.date(year, 12, 1), signer="—", decision_file="decisions/bench.pdf", recognized_by=user)
            for i, (pk, unit_id) in enumerate(meeting.values_list("pk", "unit_id")) if i % 10 == 0)
        made = True
    if made:  # written in bulk: one event naming no unit moves every kept page (kieumau.fragments)
        record(user, "demo.loaded", Plan, data={"bench": True, "plans": Plan.objects.count()})
    return Plan.objects.count(), Recognition.objects.count()


def national_page(year: int, requests: int = 30, cold: bool = False) -> tuple[float, int, int, int]:
    """p95 in seconds, the query count, the provinces and the wards the page shows (``cold``: made afresh each time)."""
    p95, queries, _response = time_page(reverse("national") + f"?nam={year}", requests, cold=cold)
    end = year_end(year)
    provinces = Unit.objects.filter(level=Level.PROVINCE).valid_on(end).count()
    wards = Unit.objects.wards().valid_on(end).count()
    return p95, queries, provinces, wards


def rows(year: int, this_year: int, log=print) -> list[tuple[str, str, str]]:
    plans, recs = prepare(year)
    log(f"  lộ trình: {plans}, quyết định công nhận: {recs} (tổng hợp, để trang toàn quốc làm đủ việc)")
    out = []
    for y in dict.fromkeys((year, this_year)):
        p95, queries, provinces, wards = national_page(y)
        out.append((f"Trang toàn quốc năm {y} ({provinces} tỉnh, {wards:,} phường) p95", f"{p95 * 1000:.0f} ms, {queries} truy vấn SQL",
                    f"mục tiêu ≤ {GOAL_MS} ms"))
        p95, queries, _provinces, _wards = national_page(y, 10, cold=True)
        out.append(("  … lần đầu sau một thay đổi p95", f"{p95 * 1000:.0f} ms, {queries} truy vấn SQL", f"mục tiêu ≤ {GOAL_MS} ms"))
    return out
