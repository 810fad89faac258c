from django.core.management.base import CommandError

from engine.framework import FrameworkError
from frameworks.registry import FrameworkInUse, load_file
from kieumau import commands


class Command(commands.Command):
    help = "Nạp hoặc cập nhật một bộ tiêu chí từ tệp YAML. Tệp lỗi bị từ chối toàn bộ, không thay đổi gì."

    def add_arguments(self, parser):
        parser.add_argument("path", help="Đường dẫn tệp bộ tiêu chí (.yaml)")

    def handle(self, *args, path, **options):
        try:
            result = load_file(path)
        except FileNotFoundError:
            raise CommandError(f"Không tìm thấy tệp {commands.shown(path)}") from None
        except FrameworkError as exc:
            raise CommandError(f"Tệp bộ tiêu chí không hợp lệ, không nạp gì:\n{exc}") from None
        except FrameworkInUse as exc:
            raise CommandError(str(exc)) from None
        fw = result.framework
        words = {"created": "Đã tạo", "updated": "Đã cập nhật", "unchanged": "Không đổi"}
        self.stdout.write(f"{words[result.action]}: {fw.code} v{fw.version} ({fw.criteria.count()} tiêu chí)")
