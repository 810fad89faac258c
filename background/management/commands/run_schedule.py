"""Enqueue the daily jobs (settings.SCHEDULE) at their times; `db_worker` runs them. One process per deployment."""

import time

from django.core.management.base import BaseCommand

from background import schedule
from background.models import beat


class Command(BaseCommand):
    help = "Lịch chạy nền: đưa các việc hằng ngày (nhắc hạn báo cáo, đóng đơn vị đã chấm dứt) vào hàng đợi đúng giờ"

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=30.0, help="giây giữa hai lần kiểm tra")
        parser.add_argument("--once", action="store_true", help="kiểm tra một lần rồi thoát (dùng với cron)")

    def handle(self, *args, interval: float, once: bool, **options):
        while True:
            beat("schedule")  # /health/ tells a live scheduler from a dead one
            for name in schedule.tick():
                self.stdout.write(f"Đã đưa vào hàng đợi: {name}")
            if once:
                return
            time.sleep(interval)
