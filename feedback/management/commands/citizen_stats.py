"""`manage.py citizen_stats UNIT_CODE --year YYYY --format json`: a unit's yearly counts from the feedback register.

The unit is the one bearing the code on the last day of the year (today, for the current year): a ward or a
province. Exit 2 with {"errors": [...]} when it cannot be found.
"""

import datetime as dt
import json
import sys

from feedback import stats
from kieumau import clock
from kieumau import commands
from units.models import Unit


class Command(commands.Command):
    help = "Số liệu phản ánh của người dân của một đơn vị trong một năm"

    def add_arguments(self, parser):
        parser.add_argument("unit_code")
        parser.add_argument("--year", default=None)
        parser.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, unit_code, year=None, format="text", **options):
        today = clock.today()
        errors = []
        typed = str(year if year is not None else today.year).strip()
        year = int(typed) if typed.isascii() and typed.isdigit() and len(typed) == 4 else None
        if year is None or not 2000 <= year <= today.year + 1:
            errors.append(f"Năm «{typed[:10]}» không hợp lệ (4 chữ số, đến {today.year}).")
            year = today.year
        day = min(dt.date(year, 12, 31), today) if not errors else today
        unit = Unit.objects.valid_on(day).filter(code=str(unit_code).strip()).order_by("level").first() if not errors else None
        if unit is None and not errors:
            errors.append(f"Không có đơn vị mang mã «{unit_code}» vào ngày {day:%d/%m/%Y}.")
        if errors:
            self.stdout.write(json.dumps({"errors": errors}, ensure_ascii=False))
            sys.exit(2)
        c = stats.counts(unit, year)
        data = {"unit": unit.code, "year": year, **c.as_dict()}
        if format == "json":
            self.stdout.write(json.dumps(data, ensure_ascii=False))
        else:
            self.stdout.write(f"{unit.name} — {year}: nhận {c.received}, đã giải quyết {c.resolved} "
                              f"(đúng hạn {c.resolved_on_time}), quá hạn {c.overdue}, đang xử lý {c.open}")
