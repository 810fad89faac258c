from django.core.management.base import CommandError
from django.utils import timezone

from audit.verify import verify
from kieumau import commands


def vn_int(n: int) -> str:
    return f"{n:,}".replace(",", ".")  # 12.345, as Vietnamese write it


class Command(commands.Command):
    help = "Kiểm tra chuỗi băm của nhật ký kiểm toán: thoát 0 khi nguyên vẹn, 1 khi có sự kiện bị sửa hoặc xóa."

    def handle(self, *args, **options):
        finding = verify()
        if finding.ok:
            self.stdout.write(f"Đã kiểm tra {vn_int(finding.verified)} sự kiện: chuỗi nhật ký nguyên vẹn.")
            return
        if finding.broken is not None:
            e = finding.broken
            at = timezone.localtime(e.at).strftime("%d/%m/%Y %H:%M:%S")
            where = f"sự kiện #{e.pk} ({at}, {e.action}, {e.object_type} {e.object_id})"
        else:
            where = "cuối chuỗi"
        raise CommandError(f"Chuỗi nhật ký không còn nguyên vẹn tại {where}: {finding.reason}. "
                           f"{vn_int(finding.verified)} sự kiện trước đó vẫn khớp.", returncode=1)
