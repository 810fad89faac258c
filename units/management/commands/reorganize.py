from pathlib import Path

from django.core.management.base import CommandError

from kieumau import commands
from units import reorg


class Command(commands.Command):
    help = ("Ghi nhận một đợt sắp xếp đơn vị hành chính từ tệp CSV (cột: " + ", ".join(reorg.COLUMNS) + "; tối đa "
            f"{reorg.MAX_BYTES // 1_000_000} MB, {reorg.MAX_ROWS:,} dòng). Mặc định chỉ kiểm tra và in kế hoạch; thêm --apply để ghi."
            " Tệp có lỗi thì không ghi gì.").replace(",000", ".000")

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--apply", action="store_true", help="Ghi vào cơ sở dữ liệu (mặc định: chỉ kiểm tra)")

    def handle(self, *args, file, apply, **options):
        try:
            if Path(file).stat().st_size > reorg.MAX_BYTES:  # refused before it is read into memory
                raise CommandError(f"Tệp lớn quá {reorg.MAX_BYTES // 1_000_000} MB (giới hạn cho một đợt sắp xếp); không ghi gì.")
            text = Path(file).read_text(encoding="utf-8")
        except (OSError, ValueError) as exc:  # ValueError: not UTF-8, or a NUL in the path
            why = "tệp không phải văn bản UTF-8" if isinstance(exc, UnicodeDecodeError) else commands.os_problem(exc)
            raise CommandError(f"Không đọc được tệp {commands.shown(file)}: {why}") from None
        plan = reorg.apply(text) if apply else reorg.check(text)
        if plan.errors:
            for line in plan.errors:
                self.stderr.write(line)
            raise CommandError(f"{len(plan.errors)} lỗi; không ghi gì.")
        for old, new_code, kind, default, day in plan.edges:
            self.stdout.write(f"{day:%d/%m/%Y}  {old.name} ({old.code}) → {new_code}  [{kind}{'' if default else ', không mặc định'}]")
        for code, name, kind, parent, day in plan.forming:
            self.stdout.write(f"Lập mới: {name} ({code}), thuộc {parent.name}, từ {day:%d/%m/%Y}")
        self.stdout.write(("Đã ghi: " if apply else "Kiểm tra xong (chưa ghi, thêm --apply): ")
                          + f"{len(plan.edges)} quan hệ, {len(plan.forming)} đơn vị mới, {len(plan.ending)} đơn vị chấm dứt")
