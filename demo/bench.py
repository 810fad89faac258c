"""``make bench``: national-scale figures, each printed beside its floor or goal.

Builds (once, idempotently) the whole country's pre-2025 units from the
package data and one year of synthetic figures for every commune-level unit,
then measures. Run it against PostgreSQL with DATABASE_URL=postgres://...
"""

from __future__ import annotations

import statistics
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection, reset_queries, transaction
from django.test import Client
from django.urls import reverse

from assessments.models import Assessment
from assessments.services import evaluate_year, load_year
from engine.evaluate import evaluate_many
from frameworks import registry
from frameworks.registry import DATA_DIR, load_file
from units.facts import apply_2024
from units.importer import LEGACY_SOURCE, import_legacy
from units.reform2025 import import_2025
from units.models import Level, Lineage, Unit

from . import synthetic

# A year the pre-2025 units were assessed in (a ward is assessed for a year it exists at the end of): the national
# figures are measured on the ~10,000 legacy communes. The bench has its own database, so it never meets the demo's.
YEAR = 2024
PROFILES = (synthetic.MEETS, synthetic.NEAR, synthetic.NEAR, synthetic.FAR)


def timed(fn, repeat=1):
    runs = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        runs.append(time.perf_counter() - start)
    return min(runs), statistics.median(runs), result


def build_dataset(log, limit: int | None = None) -> dict:
    facts = {}
    framework = load_file(DATA_DIR / "bca-5764-2021.yaml").framework
    existing = Unit.objects.filter(level=Level.COMMUNE).count()
    seconds, _, report = timed(lambda: (import_legacy(None), apply_2024(None))[0])
    facts["units"] = (seconds, report, existing == 0)
    log(f"  đơn vị trước 2025: {report} trong {seconds:.1f} s")
    seconds, _, reform = timed(lambda: import_2025(None))
    facts["reform"] = (seconds, reform)
    log(f"  danh mục 2025: {reform} trong {seconds:.1f} s")
    have = set(Assessment.objects.filter(year=YEAR).values_list("unit_id", flat=True))
    new = []
    # the evaluation figures are measured on the pre-2025 communes (the 2025 ones are a second map of the same land)
    communes = Unit.objects.filter(level=Level.COMMUNE, source=LEGACY_SOURCE).order_by("path").values_list("id", "code")
    for unit_id, code in communes[:limit] if limit else communes:
        if unit_id in have:
            continue
        r = synthetic.rng_for(code, "bench")
        series, previous = synthetic.ward_series(code, [YEAR], {YEAR: r.choice(PROFILES)})
        new.append(Assessment(unit_id=unit_id, year=YEAR, framework=framework, values=series[YEAR],
                              previous_values=previous, is_demo=True))
    Assessment.objects.bulk_create(new, batch_size=2000)
    log(f"  bản đánh giá năm {YEAR}: {len(new)} mới, tổng {Assessment.objects.filter(year=YEAR).count()}")
    return facts


def measure(log=print, limit: int | None = None) -> list[tuple[str, str, str]]:
    """The table's rows; ``limit`` assesses only that many communes (CI's small run, so the bench cannot rot)."""
    log(f"Cơ sở dữ liệu: {connection.vendor} — {settings.DATABASES['default']['NAME']}")
    facts = build_dataset(log, limit)
    n = Assessment.objects.filter(year=YEAR).count()
    indicators = len(next(iter(Assessment.objects.filter(year=YEAR).values_list("values", flat=True)[:1]), {}))
    rows = []

    floor_best, floor_med, _ = timed(lambda: list(Assessment.objects.filter(year=YEAR).values_list("values", "previous_values")), 5)

    def read_and_evaluate():
        return [evaluate_many(registry.compiled(fw), data) for fw, (items, data) in load_year(YEAR).items()]

    eval_best, eval_med, batches = timed(read_and_evaluate, 5)
    meeting = sum(sum(b.meets) for b in batches)
    rows.append((f"Đánh giá {n:,} đơn vị × {indicators} chỉ số (đọc CSDL + tính)", f"{eval_best:.3f} s (trung vị {eval_med:.3f})", "mục tiêu ≤ 1 s"))
    rows.append(("Nền: chỉ đọc cùng số liệu từ CSDL", f"{floor_best:.3f} s (trung vị {floor_med:.3f})", "—"))
    rows.append(("Tỷ lệ đánh giá / nền", f"{eval_best / floor_best:.2f}×", "mục tiêu ≤ 1,5×"))
    rows += store_rows(n)

    unit_seconds, report, fresh = facts["units"]
    what = "nạp mới" if fresh else "nạp lại (không đổi)"
    rows.append((f"Nạp danh mục đơn vị cả nước trước 2025 ({what})", f"{unit_seconds:.1f} s", f"{report.created + report.updated + report.unchanged:,} đơn vị; mục tiêu < 60 s"))
    reform_seconds, reform = facts["reform"]
    units_2025 = reform.units.created + reform.units.updated + reform.units.unchanged
    rows.append(("Nạp danh mục 2025 + bảng chuyển đổi cũ → mới", f"{reform_seconds:.1f} s",
                 f"{units_2025:,} đơn vị, {Lineage.objects.count():,} quan hệ kế thừa, {len(reform.unknown)} mục không khớp; mục tiêu < 60 s"))

    province = biggest_province()
    p95, queries, wards = matrix_page(province)
    rows.append((f"Trang ma trận tỉnh ({province.name}, {wards} phường hiển thị) p95", f"{p95 * 1000:.0f} ms, {queries} truy vấn SQL", "mục tiêu ≤ 50 ms"))
    p95, queries, _response = time_page(reverse("province_matrix", args=[province.pk]) + f"?nam={YEAR}", 10, cold=True)
    rows.append(("  … lần đầu sau một thay đổi (dựng lại, không có trong bộ đệm) p95", f"{p95 * 1000:.0f} ms, {queries} truy vấn SQL", "—"))
    log(f"  ({meeting:,} đơn vị đạt chuẩn trong dữ liệu tổng hợp)")
    return rows


def roadmap_rows(province) -> list[tuple[str, str, str]]:
    """The roadmap page of the matrix's province (the national rows build its plan): kept, then made afresh."""
    url = reverse("roadmap", args=[province.pk])
    p95, queries, _response = time_page(url)
    cold, cold_queries, _response = time_page(url, 10, cold=True)
    return [(f"Trang lộ trình ({province.name}) p95", f"{p95 * 1000:.0f} ms, {queries} truy vấn SQL", "mục tiêu ≤ 50 ms"),
            ("  … lần đầu sau một thay đổi p95", f"{cold * 1000:.0f} ms, {cold_queries} truy vấn SQL", "—")]


def biggest_province():
    return max(Unit.objects.filter(level=Level.PROVINCE, source=LEGACY_SOURCE), key=lambda p: Unit.objects.within(p).wards().count())


def store_rows(n: int) -> list[tuple[str, str, str]]:
    """Recompute-and-store three ways: every row rewritten (first evaluation, or a framework fix), nothing changed
    (the nightly recompute), a tenth of the wards' figures changed. The last runs in a transaction rolled back, so
    the bench's data stay as they were."""
    Assessment.objects.filter(year=YEAR).update(results_key="")  # forget the stored keys: every row is rewritten
    full, _, _ = timed(lambda: evaluate_year(YEAR), 1)
    same, _, _ = timed(lambda: evaluate_year(YEAR), 3)
    with transaction.atomic():
        ids = list(Assessment.objects.filter(year=YEAR).order_by("pk").values_list("pk", flat=True)[::10])
        for chunk in range(0, len(ids), 900):
            Assessment.objects.filter(pk__in=ids[chunk : chunk + 900]).update(values={})  # all figures cleared
        tenth, _, _ = timed(lambda: evaluate_year(YEAR), 1)
        transaction.set_rollback(True)
    results = f"{n * 22:,} dòng kết quả"
    return [
        ("Tính lại và lưu kết quả — không đơn vị nào đổi", f"{same:.2f} s", f"mục tiêu ≤ 2 s; {results}"),
        (f"Tính lại và lưu kết quả — {len(ids):,} đơn vị (1/10) đổi số liệu", f"{tenth:.2f} s", "mục tiêu ≤ 2 s"),
        ("Ghi lại toàn bộ kết quả (lần đầu / sửa bộ tiêu chí)", f"{full:.2f} s", results),
    ]


def bench_user():
    user, _ = get_user_model().objects.get_or_create(username="bench", defaults={"is_superuser": True, "is_staff": True})
    return user


def time_page(url: str, requests: int = 30, cold: bool = False):
    """GET ``url`` as the bench's superuser: (p95 in seconds, SQL queries of one request, the last response).

    ``cold``: each request finds the fragment cache empty, as the first one after a change does."""
    if "testserver" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS.append("testserver")
    client = Client()
    client.force_login(bench_user())
    client.get(url)  # warm caches
    times = []
    for _ in range(requests):
        if cold:
            cache.clear()
        start = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200
    settings.DEBUG, debug = True, settings.DEBUG
    if cold:
        cache.clear()
    reset_queries()
    response = client.get(url)
    queries = len(connection.queries)
    settings.DEBUG = debug
    times.sort()
    return times[int(len(times) * 0.95) - 1], queries, response


def matrix_page(province, requests=30):
    p95, queries, response = time_page(reverse("province_matrix", args=[province.pk]) + f"?nam={YEAR}", requests)
    # the rows actually rendered: an empty page would time nothing (it did, before assessed wards were always shown)
    return p95, queries, response.content.count(b'<th class="ward-col"><a')


def table(rows) -> str:
    head = ("Phép đo", "Kết quả", "Nền / mục tiêu")
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(3)]
    line = "+".join("-" * (w + 2) for w in widths)
    out = [" | ".join(h.ljust(w) for h, w in zip(head, widths)), line]
    out += [" | ".join(c.ljust(w) for c, w in zip(r, widths)) for r in rows]
    return "\n".join(out)
