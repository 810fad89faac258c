"""Reminders: the step of the day reaches each recipient once, whether the worker runs once, twice or restarts."""

import datetime as dt

from django.core import mail
from django.core.management import call_command
from django.test import TransactionTestCase, override_settings

from background import schedule
from background.models import ScheduledRun
from inbox.models import Notification
from kieumau import clock
from reporting import reminders
from reporting.models import Reminder

from .support import ReportingTestCase

VN = dt.timezone(dt.timedelta(hours=7))


def at(day, hour=7):
    return clock.fixed_at(dt.datetime.combine(day, dt.time(hour, 5), VN))


class ReminderTests(ReportingTestCase):
    def test_two_days_before_the_reporter_is_told_once(self):
        with at(dt.date(2026, 12, 12)), self.captureOnCommitCallbacks(execute=True):
            first = reminders.send_due()
            again = reminders.send_due()  # the worker ran the job a second time (restart, retry)
        self.assertGreaterEqual(first, 1)
        self.assertEqual(again, 0)
        # one per report: its own, and the one it carries for the department merged into it
        texts = list(Notification.objects.filter(user=self.reporter).values_list("text", flat=True))
        self.assertEqual(len(texts), 2)
        self.assertTrue(all(t.startswith("Còn 2 ngày") for t in texts))
        self.assertEqual(len([m for m in mail.outbox if "reporter@example.vn" in m.to]), 2)
        self.assertFalse(Notification.objects.filter(user=self.staff).exists())  # not escalated before the deadline

    def test_overdue_escalates_to_program_staff_and_the_head_once(self):
        with at(dt.date(2026, 12, 16)), self.captureOnCommitCallbacks(execute=True):
            reminders.send_due()
            reminders.send_due()
        # one per report: Sở Tài chính's own, and the one it carries for Sở Kế hoạch và Đầu tư (merged into it)
        texts = sorted(Notification.objects.filter(user=self.staff, text__startswith="Quá hạn").values_list("text", flat=True))
        self.assertEqual(len(texts), 2)
        self.assertTrue(any("nhiệm vụ của Sở Kế hoạch và Đầu tư" in t for t in texts))
        self.assertEqual(len([m for m in mail.outbox if "giamdoc.stc@example.vn" in m.to]), 2)
        # another province's reporter hears only of their own body's report
        self.assertEqual({("Sở Tư pháp Bình Dương" in t) for t in Notification.objects.filter(user=self.far_reporter)
                          .values_list("text", flat=True)}, {True})

    def test_nothing_for_a_report_already_in(self):
        self.client.force_login(self.reporter)
        self.client.post(self.url(), {"action": "submit", f"done_{self.task_dept.pk}": "Xong."})
        with at(dt.date(2026, 12, 12)):
            reminders.send_due()
        self.assertFalse(Reminder.objects.filter(holder=self.dept).exists())

    def test_a_late_start_sends_only_todays_step(self):
        with at(dt.date(2026, 12, 14)):
            reminders.send_due()
        self.assertEqual(set(Reminder.objects.filter(holder=self.dept).values_list("step", flat=True)), {"d0"})


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
class WorkerTests(TransactionTestCase):
    """Through the real queue: the schedule enqueues a slot once; the worker, run twice, sends once."""

    def setUp(self):
        ReportingTestCase.setUpTestData.__func__(ReportingTestCase)
        self.reporter = ReportingTestCase.reporter

    def test_schedule_and_worker_send_each_reminder_once_across_a_restart(self):
        moment = dt.datetime(2026, 12, 12, 7, 30, tzinfo=VN)
        with clock.fixed_at(moment):
            self.assertIn("reminders", schedule.tick())
            self.assertEqual(schedule.tick(), [])  # the scheduler restarted within the same slot
            call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", verbosity=0)
            # a second worker (or the same after a crash) finds nothing to do; enqueueing again by hand changes nothing
            from reporting.tasks import send_reminders

            send_reminders.enqueue()
            call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", verbosity=0)
        self.assertEqual(ScheduledRun.objects.filter(job="reminders").count(), 1)
        self.assertEqual(Notification.objects.filter(user=self.reporter).count(), 2)  # its report and the one it carries
        self.assertEqual(Reminder.objects.filter(step="d-2").count(), 3)


def test_the_latest_slot_of_a_job():
    job = schedule.Job("x", dt.time(7, 0), "reporting.tasks.send_reminders")
    assert schedule.latest_slot(job, dt.datetime(2026, 12, 12, 6, 59, tzinfo=VN)).date() == dt.date(2026, 12, 11)
    assert schedule.latest_slot(job, dt.datetime(2026, 12, 12, 7, 0, tzinfo=VN)).date() == dt.date(2026, 12, 12)
