"""``make load``'s two steps around the load generator: ``loadset prepare --out PLAN.json`` and
``loadset check PLAN.json ACKS.json`` (exit 1 when a write was lost or doubled). See demo/loadset.py.

Exit 2 (a Vietnamese CommandError, nothing written) for a wrong step or argument, a --writers outside
1–MAX_WRITERS, an --out that cannot be written, or a plan/acknowledgements file that is not the JSON the two steps
write."""

from django.core.management.base import CommandError

from demo import loadset
from kieumau import commands


class Command(commands.Command):
    help = "Thử tải: chuẩn bị kế hoạch (prepare) hoặc kiểm tra sau khi chạy rằng không lần lưu nào bị mất hay lặp (check)."

    def add_arguments(self, parser):
        parser.add_argument("step", choices=["prepare", "check"])
        parser.add_argument("files", nargs="*", help="prepare: không có; check: PLAN.json ACKS.json")
        parser.add_argument("--out", default="loadtest/out/plan.json", help="nơi ghi kế hoạch (prepare)")
        parser.add_argument("--writers", type=commands.int_between(1, loadset.MAX_WRITERS), default=20,
                            help=f"số người nhập liệu đồng thời, mỗi người một phường (1–{loadset.MAX_WRITERS})")

    def handle(self, *args, step, files, out, writers, **options):
        try:
            if step == "prepare":
                if files:
                    raise CommandError("Bước prepare không nhận tệp; dùng --out để chọn nơi ghi kế hoạch.", returncode=2)
                plan = loadset.prepare(out, writers)
                self.stdout.write(f"Kế hoạch thử tải: {len(plan['staff'])} tài khoản cấp tỉnh, {len(plan['writers'])} "
                                  f"người nhập liệu (mỗi người một phường) → {out}")
                return
            if len(files) != 2:
                raise CommandError("Cần hai tệp: PLAN.json ACKS.json", returncode=2)
            plan, acks = (loadset.read(f) for f in files)
            problems = loadset.check(plan, acks)  # validates their shape first
        except loadset.PlanError as e:
            raise CommandError(str(e), returncode=e.code) from None
        saves = sum(a["count"] for a in acks.values())
        if problems:
            raise CommandError("Có lần lưu bị mất hoặc bị lặp:\n  " + "\n  ".join(problems), returncode=1)
        self.stdout.write(f"Ghi dữ liệu: {saves} lần lưu được xác nhận của {len(plan['writers'])} phường, "
                          "đều có trong cơ sở dữ liệu đúng một lần; không mất, không lặp.")
