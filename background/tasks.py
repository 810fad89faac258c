"""Background jobs that are not a capability's own (the capability's jobs live in its app: reporting.tasks)."""

from django_tasks import task


@task()
def close_ended_units() -> int:
    """Close the unfinished assessments of wards that ended (what `manage.py close_ended` does by hand)."""
    from assessments.closing import close_ended

    return close_ended()


@task()
def refresh_derived_figures() -> int:
    """Bring the current year's editable assessments up to date with the registers' figures (a case goes past its
    deadline without anyone touching it)."""
    from assessments.derived import refresh_year
    from kieumau import clock

    return refresh_year(clock.today().year)
