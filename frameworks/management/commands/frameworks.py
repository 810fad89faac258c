"""``manage.py frameworks [--format json]``: the criteria framework versions and the provinces' choices.

A contract for outside checks: JSON is an array with one object per version, ``{"code", "version", "title",
"criteria": n, "in_force_from", "loaded", "province_choices": [...]}``. ``in_force_from`` is the version's default first
year; ``province_choices`` lists each province that chose this version and from which year. Versions shipped with the
app but not yet loaded are listed with ``"loaded": false``.
"""

import json

from django.db import DatabaseError
from django.db.models import Count

from frameworks.lookup import shipped
from frameworks.models import Criterion, Framework, VersionChoice
from kieumau import commands
from units.territory import display_name


def listing() -> list[dict]:
    """Every version, stored or only shipped; without a migrated database (like ``evaluate``) the shipped ones."""
    out = {key: {"code": fw.code, "version": fw.version, "title": fw.title, "criteria": len(fw.criteria),
                 "in_force_from": fw.effective_from, "loaded": False, "province_choices": []}
           for key, fw in shipped().items()}
    try:
        counts = dict(Criterion.objects.values_list("framework_id").annotate(n=Count("id")))
        for fw in Framework.objects.all():
            out[(fw.code, fw.version)] = {"code": fw.code, "version": fw.version, "title": fw.title,
                                          "criteria": counts.get(fw.pk, 0), "in_force_from": fw.effective_from,
                                          "loaded": True, "province_choices": []}
        for c in VersionChoice.objects.select_related("province").order_by("province__code", "from_year"):
            if (c.code, c.version) in out:
                out[(c.code, c.version)]["province_choices"].append(
                    {"province": c.province.code, "name": display_name(c.province), "from_year": c.from_year})
    except DatabaseError:
        pass
    return [item for _key, item in sorted(out.items())]


class Command(commands.Command):
    help = "Liệt kê các phiên bản bộ tiêu chí (năm áp dụng mặc định, số tiêu chí) và lựa chọn phiên bản của từng tỉnh."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["text", "json"], default="text", help="text (mặc định) hoặc json")

    def handle(self, *args, format, **options):
        rows = listing()
        if format == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for r in rows:
            since = f"từ {r['in_force_from']}" if r["in_force_from"] else "không hạn"
            state = "" if r["loaded"] else " (chưa nạp)"
            self.stdout.write(f"{r['code']} v{r['version']}: {r['criteria']} tiêu chí, mặc định áp dụng {since}{state}")
            for c in r["province_choices"]:
                self.stdout.write(f"    {c['name']} ({c['province']}): chọn phiên bản này từ năm {c['from_year']}")
