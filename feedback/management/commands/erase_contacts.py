"""`manage.py erase_contacts [--months N]`: delete citizens' contact data of cases closed more than N months ago
(settings.FEEDBACK_CONTACT_MONTHS by default); the cases and their statistics stay. Also run daily by the worker."""

from django.core.management.base import BaseCommand

from feedback.upkeep import erase_expired


class Command(BaseCommand):
    help = "Xóa thông tin liên hệ của người phản ánh sau thời hạn lưu"

    def add_arguments(self, parser):
        parser.add_argument("--months", type=int, default=None)

    def handle(self, months=None, **options):
        n = erase_expired(months=months)
        self.stdout.write(f"Đã xóa thông tin liên hệ của {n} phản ánh.")
