"""``manage.py restore PATH``: a backup into an empty database and media folder, all or nothing (docs/backup.md).

Exit 1 when the archive is damaged or partial, from another schema, or the target is not empty (nothing written
then); exit 2 for a usage error (no such file).
"""

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connections

from backups.archive import Refused
from backups.load import restore
from kieumau import commands


class Command(commands.Command):
    help = "Khôi phục một bản sao lưu vào cơ sở dữ liệu vừa migrate và thư mục tệp tải lên trống (xem docs/backup.md)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="tệp bản sao lưu (.zip) do `manage.py backup` tạo")
        parser.add_argument("--database", default="default", help="cơ sở dữ liệu (mặc định: default)")

    def handle(self, *args, path, database, verbosity, **options):
        def log(line):
            if verbosity >= 1:
                self.stderr.write(line)

        if database not in connections:
            raise CommandError(f"Không có cơ sở dữ liệu “{database}” trong cấu hình.", returncode=2)
        try:
            summary = restore(path, using=database, media_root=settings.MEDIA_ROOT, log=log)
        except Refused as e:
            raise CommandError(str(e), returncode=e.code)
        if verbosity >= 1:
            self.stdout.write(f"Đã khôi phục {summary.rows} dòng dữ liệu và {summary.files} tệp tải lên từ {path}.")
