"""The register's background job, run daily by the schedule (settings.SCHEDULE) in the django-tasks worker."""

from django_tasks import task


@task()
def daily_upkeep() -> dict:
    from gate.throttle import forget_old

    from . import upkeep

    return {"escalated": upkeep.escalate(), "closed": upkeep.auto_close(), "erased": upkeep.erase_expired(),
            "forgotten": forget_old()}
