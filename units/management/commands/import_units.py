from django.core.management.base import CommandError

from kieumau import commands
from units import facts
from units.importer import import_legacy
from units.reform2025 import import_2025


class Command(commands.Command):
    help = ("Nhập danh mục đơn vị hành chính từ dữ liệu gói vietnamadminunits, không cần mạng: trước 2025 (63 tỉnh, kèm các"
            " thay đổi năm 2024) hoặc, với --2025, danh mục từ 01/7/2025 (34 tỉnh) cùng quan hệ kế thừa cũ → mới.")

    def add_arguments(self, parser):
        parser.add_argument("provinces", nargs="*", help="Mã tỉnh (vd 56 Khánh Hòa, 74 Bình Dương; với --2025: 56, 79); bỏ trống = cả nước")
        parser.add_argument("--2025", dest="reform", action="store_true",
                            help="Nhập danh mục 2025 và bảng chuyển đổi (tự nhập trước danh mục cũ của các tỉnh liên quan)")

    def handle(self, *args, provinces, reform, **options):
        try:
            if reform:
                report = import_2025(provinces or None)
                self.stdout.write(f"Danh mục trước 2025: {report.legacy}")
                self.stdout.write(f"Danh mục 2025 ({len(report.units.provinces)} tỉnh): {report}")
                for line in report.unknown:
                    self.stdout.write(f"  Không khớp: {line}")
                return
            report = import_legacy(provinces or None)
            edges = facts.apply_2024(provinces or None)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Đơn vị hành chính: {report} ({len(report.provinces)} tỉnh); thay đổi năm 2024 ghi nhận: {edges} quan hệ")
