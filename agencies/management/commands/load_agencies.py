"""Load programs, coordinating bodies, tasks and successions from data files (default: every file shipped)."""

from django.core.management.base import BaseCommand

from agencies.loader import DATA_DIR, DataError, load_file


class Command(BaseCommand):
    help = "Nạp chương trình, cơ quan phối hợp, nhiệm vụ và lịch báo cáo từ tệp dữ liệu"

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", help="tệp YAML; bỏ trống để nạp mọi tệp trong agencies/data")

    def handle(self, *files, **options):
        paths = files or sorted(str(p) for p in DATA_DIR.glob("*.yaml"))
        failed = False
        for path in paths:
            try:
                out = load_file(path)
            except (DataError, OSError) as e:
                failed = True
                problems = getattr(e, "problems", [str(e)])
                self.stderr.write(f"{path}: không nạp được ({len(problems)} lỗi)")
                for p in problems:
                    self.stderr.write(f"  - {p}")
                continue
            self.stdout.write(f"{path}: {out.program.code}: {out.bodies} cơ quan, {out.tasks} nhiệm vụ, "
                              f"{out.changes} thay đổi, {out.calendar} mục lịch báo cáo")
            for w in out.warnings:
                self.stdout.write(f"  ! {w}")
        if failed:
            raise SystemExit(2)
