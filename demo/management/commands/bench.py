from django.core.management.base import BaseCommand

from demo.bench import YEAR, measure, table
from kieumau import clock
from national import bench as national


class Command(BaseCommand):
    help = "Đo hiệu năng ở quy mô cả nước (dữ liệu tổng hợp) và in bảng kết quả bên cạnh nền/mục tiêu."

    def handle(self, *args, **options):
        rows = measure(log=self.stdout.write)
        # the national page on the same country: the assessed year's map (63 provinces) and the current one (34)
        rows += national.rows(YEAR, clock.today().year, log=self.stdout.write)
        self.stdout.write("\n" + table(rows))
