"""Import a filled-in data-entry workbook from the command line, as the upload page does.

    python manage.py import_figures FILE.xlsx [--apply] [--user USERNAME]

Prints the preview (every change old → new and every problem with its cell, in Vietnamese). Exit 0 when the file is
valid (and, with --apply, imported), 1 when the file has errors or could not be imported (nothing is written),
2 when the file cannot be read as a workbook or the command is misused. Without --user the import acts for the whole
country, as an administrator; with it, the user's scope and rights apply.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model

from kieumau import commands
from units.territory import display_name
from workbooks import importer, layout, safety


class Command(commands.Command):
    help = "Nhập số liệu đánh giá từ tệp Excel (mẫu tải trên KiểuMẫu); chỉ xem trước, trừ khi có --apply."

    def add_arguments(self, parser):
        parser.add_argument("path", help="tệp .xlsx đã điền")
        parser.add_argument("--apply", action="store_true", help="lưu số liệu khi tệp không có lỗi")
        parser.add_argument("--user", help="tên đăng nhập của người nhập (phạm vi và quyền của người đó)")

    def handle(self, *args, path, apply, user, **options):
        raise SystemExit(self.run(path, apply, user))

    def run(self, path: str, apply: bool, username: str | None) -> int:
        actor = None
        if username:
            actor = get_user_model().objects.filter(username=username, is_active=True).first()
            if actor is None:
                return self.fail(f"Không có người dùng «{username}» (hoặc tài khoản đã khóa).")
        file = Path(path)
        try:  # a name too long for the file system, a folder on the way, no permission: said, exit 2
            if not file.is_file():
                return self.fail(f"Không tìm thấy tệp {commands.shown(path)}.")
            if file.stat().st_size > layout.MAX_BYTES:  # before reading it into memory
                return self.fail(f"Không đọc được tệp {commands.shown(file.name)}: tệp lớn quá "
                                 f"{layout.MAX_BYTES // (1024 * 1024)} MB.")
            data = file.read_bytes()
        except (OSError, ValueError) as exc:  # ValueError: a NUL in the path
            return self.fail(f"Không đọc được tệp {commands.shown(path)}: {commands.os_problem(exc)}.")
        try:
            result = importer.preview(data, actor)
        except safety.Unreadable as exc:
            return self.fail(f"Không đọc được tệp {file.name}: {exc}")
        if result.province is not None:
            self.stdout.write(f"Tệp {file.name}: {display_name(result.province)}, năm {result.year}.")
        for c in result.changes:
            self.stdout.write(f"  {c['sheet']}!{c['cell']}  {c['ward']} — {c['label']}: {c['before']} → {c['after']}")
        if not result.ok:
            for p in result.problems:
                self.stdout.write(f"  Lỗi {p.where or 'tệp'}: {p.message}")
            self.stderr.write(f"Tệp có {len(result.problems)} lỗi; không lưu gì.")
            return 1
        if not result.plan:
            self.stdout.write("Tệp hợp lệ, không có thay đổi nào: mọi số liệu trong tệp đã được lưu.")
            return 0
        summary = f"{len(result.plan)} phường; {len(result.changes)} ô thay đổi"
        if not apply:
            self.stdout.write(f"Tệp hợp lệ: {summary}. Chưa lưu gì; chạy lại với --apply để lưu.")
            return 0
        pending = importer.store(result, actor, file.name, importer.digest(data))
        outcome = importer.confirm(pending.pk, actor, pending.digest)
        if not outcome.ok:
            self.stderr.write(outcome.message)
            return 1
        self.stdout.write(outcome.message)
        return 0

    def fail(self, message: str) -> int:
        self.stderr.write(message)
        return 2
