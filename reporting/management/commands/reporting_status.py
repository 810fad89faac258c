"""Where every task holder's periodic report stands, as JSON (the contract used by outside checks).

    python manage.py reporting_status 74 --period 2025-H1 --format json

Exit 0 with the board; exit 2 with {"errors": [...]} for an unknown province or period, never a traceback.
"""

import json

from django.core.management.base import BaseCommand

from agencies.models import Program
from kieumau import clock
from reporting import board as boards
from reporting import periods
from reporting.views_support import board_json
from units.history import predecessor_ids, successor_ids
from units.models import Level, Unit


class Command(BaseCommand):
    help = "Tình hình nộp báo cáo định kỳ của các cơ quan phối hợp của một tỉnh trong một kỳ"

    def add_arguments(self, parser):
        parser.add_argument("province", help="mã tỉnh (ví dụ 74)")
        parser.add_argument("--period", required=True, help="NĂM-H1 (6 tháng), NĂM (cả năm) hoặc mã mốc (SK2025, TK2030)")
        parser.add_argument("--format", default="json", choices=["json"])

    def handle(self, *args, **options):
        result, code = run(options["province"], options["period"])
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
        if code:
            raise SystemExit(code)


def run(province_code: str, period_code: str) -> tuple[dict, int]:
    province_code, period_code = str(province_code).strip(), str(period_code).strip()
    today = clock.today()
    errors = []
    # The period's deadline decides which province bears the code; try each program that ever ran under this code.
    candidates = _programs_under_code(province_code)
    if not candidates:
        return {"errors": [f"Không có tỉnh mã «{province_code}» có chương trình báo cáo."]}, 2
    for program in candidates:
        try:
            p = boards.period(program, period_code)
        except periods.PeriodError as e:
            errors.append(str(e))
            continue
        province = boards.province_on(province_code, p.deadline)
        if province is None or program not in boards.programs_for(province):
            continue
        b = boards.board(program, p, today)
        out = board_json(province, b)
        return out, 0
    if not errors:
        errors.append(f"Tỉnh mã «{province_code}» không còn tồn tại hoặc không có chương trình vào hạn nộp của kỳ «{period_code}».")
    return {"errors": sorted(set(errors))}, 2


def _programs_under_code(code: str):
    """The programs of every province that ever bore ``code``, and of the provinces they were formed from or became."""
    ids = set(Unit.objects.filter(level=Level.PROVINCE, code=code).values_list("pk", flat=True))
    if not ids:
        return []
    reach = ids | predecessor_ids(ids) | successor_ids(ids)
    return list(Program.objects.filter(province_id__in=reach).select_related("province").order_by("start_year", "code"))


