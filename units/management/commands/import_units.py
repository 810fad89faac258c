from django.core.management.base import BaseCommand, CommandError

from units.importer import import_legacy


class Command(BaseCommand):
    help = "Nhập danh mục đơn vị hành chính trước 2025 (63 tỉnh) từ dữ liệu gói vietnamadminunits, không cần mạng."

    def add_arguments(self, parser):
        parser.add_argument("provinces", nargs="*", help="Mã tỉnh (vd 56 Khánh Hòa, 74 Bình Dương); bỏ trống = cả nước")

    def handle(self, *args, provinces, **options):
        try:
            report = import_legacy(provinces or None)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Đơn vị hành chính: {report} ({len(report.provinces)} tỉnh)")
