"""`manage.py erase_contacts [--months N]`: delete citizens' contact data of cases closed more than N months ago
(settings.FEEDBACK_CONTACT_MONTHS by default; N from 1 to 120, anything else is refused with exit 2 and nothing
erased); the cases and their statistics stay. Also run daily by the worker."""

from django.core.management.base import CommandError

from feedback.upkeep import MAX_MONTHS, MIN_MONTHS, erase_expired
from kieumau import commands


class Command(commands.Command):
    help = "Xóa thông tin liên hệ của người phản ánh sau thời hạn lưu"

    def add_arguments(self, parser):
        parser.add_argument("--months", type=commands.int_between(MIN_MONTHS, MAX_MONTHS), default=None,
                            help=f"thời hạn lưu, tính bằng tháng ({MIN_MONTHS}–{MAX_MONTHS}; mặc định theo cấu hình)")

    def handle(self, months=None, **options):
        try:
            n = erase_expired(months=months)
        except ValueError as e:  # months given to call_command as a value, or a misconfigured default
            raise CommandError(str(e), returncode=2) from None
        self.stdout.write(f"Đã xóa thông tin liên hệ của {n} phản ánh.")
