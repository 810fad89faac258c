"""Background jobs that are not a capability's own (the capability's jobs live in its app: reporting.tasks)."""

from django_tasks import task


@task()
def close_ended_units() -> int:
    """Close the unfinished assessments of wards that ended (what `manage.py close_ended` does by hand)."""
    from assessments.closing import close_ended

    return close_ended()
