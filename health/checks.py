"""What the load balancer asks: is the database there, is background work moving, is there room for uploads."""

from __future__ import annotations

import datetime as dt
import shutil

from django.conf import settings
from django.db import connection
from django.db.models import Q

from kieumau import clock

STALE_AFTER = dt.timedelta(minutes=5)
MIN_FREE_BYTES = 1024**3  # under 1 GiB free for evidence files: say so before uploads start failing


def database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return "ok"
    except Exception:  # noqa: BLE001 — any failure means the same to a load balancer; nothing is revealed
        return "fail"


def worker() -> str:
    """"none" when no background process ever ran; "stale" when the schedule stopped beating or a task has waited
    past STALE_AFTER (nobody runs the queue); else "ok"."""
    from django_tasks_db.models import DBTaskResult

    from background.models import Heartbeat

    now = clock.now()
    last_beat = Heartbeat.objects.filter(name="schedule").values_list("at", flat=True).first()
    if last_beat is None and not DBTaskResult.objects.exists():
        return "none"
    due_long_ago = Q(run_after__isnull=True) | Q(run_after__lt=now - STALE_AFTER)
    waiting = DBTaskResult.objects.filter(due_long_ago, status="READY", enqueued_at__lt=now - STALE_AFTER).exists()
    if waiting or (last_beat is not None and now - last_beat > STALE_AFTER):
        return "stale"
    return "ok"


def media_disk() -> str:
    root = settings.MEDIA_ROOT
    try:
        root.mkdir(parents=True, exist_ok=True)
        return "ok" if shutil.disk_usage(root).free >= MIN_FREE_BYTES else "low"
    except OSError:
        return "low"


def report() -> tuple[dict, int]:
    checks = {"database": database()}
    if checks["database"] == "fail":
        return {"status": "fail", "checks": checks}, 503
    checks["worker"] = worker()
    checks["media_disk"] = media_disk()
    degraded = checks["worker"] == "stale" or checks["media_disk"] == "low"
    return {"status": "degraded" if degraded else "ok", "checks": checks}, 200
