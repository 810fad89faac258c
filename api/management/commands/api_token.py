"""Make a personal access token for a user: ``python manage.py api_token USERNAME [--name N] [--days D]``.

The token is printed alone on the last line (scripts read it with ``tail -n 1``); it is shown this once.
An unknown or deactivated user: a Vietnamese error, exit 2.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from api import tokens
from kieumau import commands


class Command(commands.Command):
    help = "Tạo khóa truy cập API cho một người dùng; khóa in riêng trên dòng cuối và chỉ hiện một lần."

    def add_arguments(self, parser):
        parser.add_argument("username", help="tên đăng nhập")
        parser.add_argument("--name", default="Dòng lệnh", help="tên khóa (dùng cho việc gì)")
        parser.add_argument("--days", type=commands.ascii_int, default=tokens.DEFAULT_DAYS,
                            help=f"số ngày dùng được, 1–{tokens.MAX_DAYS} (mặc định {tokens.DEFAULT_DAYS})")

    def handle(self, *args, username, name, days, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Không có người dùng «{username}».", returncode=2)
        if not user.is_active:
            raise CommandError(f"Tài khoản «{username}» đã bị khóa; khóa truy cập của tài khoản này không dùng được.", returncode=2)
        if not 1 <= days <= tokens.MAX_DAYS:
            raise CommandError(f"--days phải từ 1 đến {tokens.MAX_DAYS}.", returncode=2)
        name = (name or "").strip()[:100] or "Dòng lệnh"
        row, secret = tokens.create(user, name, days, via="command")
        self.stdout.write(f"Khóa «{row.name}» của {user.username}, dùng đến {row.expires_at:%d/%m/%Y %H:%M} "
                          f"(mã nhận biết {row.prefix}). Khóa chỉ hiện một lần:")
        self.stdout.write(secret)
