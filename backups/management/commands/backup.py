"""``manage.py backup --output PATH``: the whole database and every uploaded file in one archive (docs/backup.md)."""

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connections

from backups.archive import Refused
from backups.dump import make_backup
from kieumau import commands


class Command(commands.Command):
    help = "Sao lưu toàn bộ cơ sở dữ liệu và tệp tải lên vào một tệp ZIP (xem docs/backup.md)."

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="tệp bản sao lưu sẽ ghi, ví dụ /var/backups/kieumau-2026-11-23.zip")
        parser.add_argument("--database", default="default", help="cơ sở dữ liệu (mặc định: default)")

    def handle(self, *args, output, database, verbosity, **options):
        def log(line):
            if verbosity >= 1:
                self.stderr.write(line)

        if database not in connections:
            raise CommandError(f"Không có cơ sở dữ liệu “{database}” trong cấu hình.", returncode=2)
        try:
            summary = make_backup(output, using=database, media_root=settings.MEDIA_ROOT, log=log)
        except Refused as e:
            raise CommandError(str(e), returncode=e.code)
        if verbosity >= 1:
            self.stdout.write(f"Đã ghi bản sao lưu {summary.path}: {summary.rows} dòng dữ liệu, {summary.files} tệp tải lên, "
                              f"{summary.bytes / 1e6:.1f} MB.")
