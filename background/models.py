from django.db import models

from kieumau import clock


class ScheduledRun(models.Model):
    """A job enqueued for one slot of the schedule: the unique slot makes a restarted scheduler enqueue it once."""

    job = models.CharField(max_length=60)
    slot = models.DateTimeField()
    enqueued_at = models.DateTimeField(default=clock.now)
    result_id = models.CharField(max_length=64, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "slot"], name="scheduled_run_once")]
        ordering = ["-slot"]


class Heartbeat(models.Model):
    """The last time a background process showed it was alive (the schedule writes one every tick): read by /health/."""

    name = models.CharField(max_length=40, unique=True)
    at = models.DateTimeField(default=clock.now)


def beat(name: str) -> None:
    Heartbeat.objects.update_or_create(name=name, defaults={"at": clock.now()})
