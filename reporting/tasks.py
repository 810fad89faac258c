from django_tasks import task


@task()
def send_reminders() -> int:
    """Daily: deadline reminders and overdue escalations of the periodic reports (reporting.reminders)."""
    from .reminders import send_due

    return send_due()
