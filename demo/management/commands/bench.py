from demo.bench import YEAR, biggest_province, measure, roadmap_rows, table
from kieumau import clock
from kieumau import commands
from national import bench as national


class Command(commands.Command):
    help = "Đo hiệu năng ở quy mô cả nước (dữ liệu tổng hợp) và in bảng kết quả bên cạnh nền/mục tiêu."

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=["national", "small"], default="national",
                            help="small: 1.000 xã/phường được đánh giá (CI chạy để bảng đo luôn dùng được), national: cả nước")

    def handle(self, *args, size="national", **options):
        rows = measure(log=self.stdout.write, limit=1000 if size == "small" else None)
        # the national page on the same country: the assessed year's map (63 provinces) and the current one (34)
        rows += national.rows(YEAR, clock.today().year, log=self.stdout.write)
        rows += roadmap_rows(biggest_province())  # its plan is made by the national rows
        self.stdout.write("\n" + table(rows))
