from django.core.management.base import BaseCommand

from demo.bench import measure, table


class Command(BaseCommand):
    help = "Đo hiệu năng ở quy mô cả nước (dữ liệu tổng hợp) và in bảng kết quả bên cạnh nền/mục tiêu."

    def handle(self, *args, **options):
        rows = measure(log=self.stdout.write)
        self.stdout.write("\n" + table(rows))
