from django.core.management.base import CommandError

from kieumau import commands
from resources.norms import NormError, load_file
from units.territory import display_name


class Command(commands.Command):
    help = ("Nạp bảng định mức đất và trang bị của một tỉnh từ tệp YAML (resources/data/). Tệp có dòng sai bị từ chối "
            "toàn bộ, không thay đổi gì.")

    def add_arguments(self, parser):
        parser.add_argument("path", help="Đường dẫn tệp định mức (.yaml)")

    def handle(self, *args, path, **options):
        try:
            table = load_file(path)
        except FileNotFoundError:
            raise CommandError(f"Không tìm thấy tệp {commands.shown(path)}") from None
        except NormError as exc:
            raise CommandError(f"Tệp định mức {commands.shown(path)} không hợp lệ, không nạp gì: {exc}") from None
        self.stdout.write(f"Đã nạp định mức của {display_name(table.province)}: {len(table.land)} dòng định mức đất, "
                          f"{len(table.items)} hạng mục trang bị")
