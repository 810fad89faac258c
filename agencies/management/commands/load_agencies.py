"""Load programs, coordinating bodies, tasks and successions from data files (default: every file shipped).

    python manage.py load_agencies [FILE.yaml ...]

Exactly the files given are loaded (each all or nothing); without a file, every file in agencies/data. A file that
does not exist or cannot be read refuses the whole run before anything is loaded; a file whose content is refused is
reported with its problems, the others are still loaded. Exit 0 when every file was loaded, 2 otherwise (CommandError).
"""

from pathlib import Path

from django.core.management.base import CommandError

from agencies.loader import DATA_DIR, DataError, load_file
from kieumau import commands


class Command(commands.Command):
    help = "Nạp chương trình, cơ quan phối hợp, nhiệm vụ và lịch báo cáo từ tệp dữ liệu"

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", help="tệp YAML; bỏ trống để nạp mọi tệp trong agencies/data")

    def handle(self, *args, files, **options):
        paths = list(files) or sorted(str(p) for p in DATA_DIR.glob("*.yaml"))
        unusable = [f"{commands.shown(path)}: {why}" for path in paths if (why := _unusable(path))]
        if unusable:
            raise CommandError("Không nạp gì: " + ("; ".join(unusable) if len(unusable) == 1 else
                                                   "\n  - " + "\n  - ".join(unusable)), returncode=2)
        failed = []
        for path in paths:
            try:
                out = load_file(path)
            except (DataError, OSError) as e:
                failed.append(path)
                problems = e.problems if isinstance(e, DataError) else [commands.os_problem(e)]
                self.stderr.write(f"{commands.shown(path)}: không nạp được ({len(problems)} lỗi)")
                for p in problems:
                    self.stderr.write(f"  - {p}")
                continue
            self.stdout.write(f"{path}: {out.program.code}: {out.bodies} cơ quan, {out.tasks} nhiệm vụ, "
                              f"{out.changes} thay đổi, {out.calendar} mục lịch báo cáo")
            for w in out.warnings:
                self.stdout.write(f"  ! {w}")
        if failed:
            names = ", ".join(commands.shown(p, 60) for p in failed)
            raise CommandError(f"{len(failed)}/{len(paths)} tệp không nạp được (không ghi gì từ các tệp đó): {names}",
                               returncode=2)


def _unusable(path: str) -> str | None:
    """Why ``path`` cannot be read as a data file (None when it is a file)."""
    try:
        file = Path(path)
        if not file.exists():
            return "không có tệp này"
        if not file.is_file():
            return "không phải là tệp (một thư mục?)"
    except (OSError, ValueError) as e:  # a name too long for the file system, a NUL …
        return commands.os_problem(e)
    return None
