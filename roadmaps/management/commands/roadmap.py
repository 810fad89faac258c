import json

from django.core.management.base import CommandError

from kieumau import commands
from roadmaps.models import Plan
from roadmaps.services import as_json


class Command(commands.Command):
    help = "In lộ trình của một tỉnh (mã tỉnh chính thức): mục tiêu theo năm, mục tiêu tính lại, thực tế."

    def add_arguments(self, parser):
        parser.add_argument("province_code")
        parser.add_argument("--format", choices=["json", "table"], default="table")

    def handle(self, *args, province_code, format, **options):
        plan = Plan.objects.filter(province__code=province_code, replaced_by__isnull=True).select_related("province").order_by("-start_year").first()
        if plan is None:
            raise CommandError(f"Tỉnh mã {province_code} chưa có lộ trình")
        data = as_json(plan)
        if format == "json":
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{data['plan']} — {data['base_units']} phường khi ban hành")
        self.stdout.write("Năm   Mới  Lũy kế  Tính lại  Thực tế  Tình trạng")
        for y in data["years"]:
            cells = [y["target_new"], y["target_cumulative"], y["target_cumulative_rebased"], y["actual_cumulative"]]
            self.stdout.write(f"{y['year']}  " + "  ".join(f"{'' if c is None else c:>6}" for c in cells) + f"  {y['status']}")
