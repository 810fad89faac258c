"""Enqueue the daily jobs (settings.SCHEDULE) at their times; `db_worker` runs them. One process per deployment."""

import time

from background import schedule
from background.models import beat
from kieumau import commands


class Command(commands.Command):
    help = "Lịch chạy nền: đưa các việc hằng ngày (nhắc hạn báo cáo, đóng đơn vị đã chấm dứt) vào hàng đợi đúng giờ"

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=commands.number_between(0.1, 3600), default=30.0,
                            help="giây giữa hai lần kiểm tra (0.1–3600)")
        parser.add_argument("--once", action="store_true", help="kiểm tra một lần rồi thoát (dùng với cron)")

    def handle(self, *args, interval: float, once: bool, **options):
        while True:
            beat("schedule")  # /health/ tells a live scheduler from a dead one
            for name in schedule.tick():
                self.stdout.write(f"Đã đưa vào hàng đợi: {name}")
            if once:
                return
            time.sleep(interval)
