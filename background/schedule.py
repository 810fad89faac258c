"""The daily schedule: which slot of each job is due now (pure), and enqueueing each slot once (database).

A slot is a job's time on a day. When the scheduler starts late (a restart, a machine that was off), the latest
slot that has passed is still enqueued, once: reminders are then sent late rather than never, and never twice.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from kieumau import clock

log = logging.getLogger("kieumau.schedule")


@dataclass(frozen=True)
class Job:
    name: str
    at: dt.time
    task_path: str


def jobs() -> list[Job]:
    out = []
    for name, at, path in settings.SCHEDULE:
        hour, minute = (int(x) for x in at.split(":"))
        out.append(Job(name, dt.time(hour, minute), path))
    return out


def latest_slot(job: Job, now: dt.datetime) -> dt.datetime:
    """The latest moment at or before ``now`` (local time) when ``job`` was due."""
    local = timezone.localtime(now)
    slot = local.replace(hour=job.at.hour, minute=job.at.minute, second=0, microsecond=0)
    if slot > local:
        slot -= dt.timedelta(days=1)
    return slot


def tick(now: dt.datetime | None = None) -> list[str]:
    """Enqueue every job whose latest slot has not been enqueued yet; the names enqueued."""
    from .models import ScheduledRun

    now = now or clock.now()
    done = []
    for job in jobs():
        slot = latest_slot(job, now)
        try:
            with transaction.atomic():
                run = ScheduledRun.objects.create(job=job.name, slot=slot)
                result = import_string(job.task_path).enqueue()
                run.result_id = str(result.id)
                run.save(update_fields=["result_id"])
        except IntegrityError:
            continue  # this slot was enqueued already (by this scheduler before a restart, or another one)
        log.info("enqueued %s for %s", job.name, slot)
        done.append(job.name)
    return done
