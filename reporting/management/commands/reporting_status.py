"""Where every task holder's periodic report stands, as JSON (the contract used by outside checks).

    python manage.py reporting_status 74 --period 2025-H1 --format json

Exit 0 with the board; exit 2 with {"errors": [...]} for an unknown province or period, never a traceback.
"""

import json

from kieumau import clock
from kieumau import commands
from reporting import board as boards
from reporting.views_support import board_json


class Command(commands.Command):
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
    program, p, province, errors = boards.find(province_code, period_code)
    if errors:
        return {"errors": errors}, 2
    return board_json(province, boards.board(program, p, clock.today())), 0
