"""``make load``'s two steps around the load generator: ``loadset prepare --out PLAN.json`` and
``loadset check PLAN.json ACKS.json`` (exit 1 when a write was lost or doubled). See demo/loadset.py."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from demo import loadset


class Command(BaseCommand):
    help = "Thử tải: chuẩn bị kế hoạch (prepare) hoặc kiểm tra sau khi chạy rằng không lần lưu nào bị mất hay lặp (check)."

    def add_arguments(self, parser):
        parser.add_argument("step", choices=["prepare", "check"])
        parser.add_argument("files", nargs="*", help="prepare: không có; check: PLAN.json ACKS.json")
        parser.add_argument("--out", default="loadtest/out/plan.json", help="nơi ghi kế hoạch (prepare)")
        parser.add_argument("--writers", type=int, default=20, help="số người nhập liệu đồng thời, mỗi người một phường")

    def handle(self, *args, step, files, out, writers, **options):
        if step == "prepare":
            plan = loadset.prepare(Path(out), writers)
            self.stdout.write(f"Kế hoạch thử tải: {len(plan['staff'])} tài khoản cấp tỉnh, {len(plan['writers'])} người "
                              f"nhập liệu (mỗi người một phường) → {out}")
            return
        if len(files) != 2:
            raise CommandError("Cần hai tệp: PLAN.json ACKS.json", returncode=2)
        try:
            plan, acks = (json.loads(Path(f).read_text(encoding="utf-8")) for f in files)
        except (OSError, ValueError) as e:
            raise CommandError(f"Không đọc được tệp: {e}", returncode=2) from e
        problems = loadset.check(plan, acks)
        saves = sum(a.get("count", 0) for a in acks.values())
        if problems:
            raise CommandError("Có lần lưu bị mất hoặc bị lặp:\n  " + "\n  ".join(problems), returncode=1)
        self.stdout.write(f"Ghi dữ liệu: {saves} lần lưu được xác nhận của {len(plan['writers'])} phường, "
                          "đều có trong cơ sở dữ liệu đúng một lần; không mất, không lặp.")
