"""The Khánh Hòa story after 1/7/2025: the first year (2026) assessed in the new structure.

Wards of the new Khánh Hòa formed only from wards the demo has 2025 figures for get a 2026 draft; their
"previous year" is carried from those wards by the real rules (assessments.carry), and the synthetic 2026
figures continue from that carried sum, so that "compared with last year" criteria read sensibly.
Phường Nha Trang (Vạn Thạnh, Lộc Thọ, Tân Tiến, Phước Hòa and the 2023 pilot Vĩnh Nguyên) is the showcase.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model

from accounts.models import Role, RoleAssignment
from assessments.carry import carried_previous
from assessments.models import Assessment
from assessments.services import evaluate_year
from audit.models import record
from frameworks import registry
from units import history
from units.models import Level, Unit

from . import synthetic

YEAR = 2026
SHOWCASE = "Phường Nha Trang"


def stage_2026(password: str) -> int:
    province = Unit.objects.filter(level=Level.PROVINCE, code="56", valid_until__isnull=True).first()
    framework = registry.for_year(YEAR)
    if province is None or framework is None:
        return 0
    wards = list(history.wards_on(province, history.reference_day(province, YEAR)).order_by("name"))
    carried = carried_previous([w.pk for w in wards], YEAR)
    existing = set(Assessment.objects.filter(unit__in=wards, year=YEAR).values_list("unit_id", flat=True))
    new = []
    for ward in wards:
        c = carried.get(ward.pk)
        if ward.pk in existing or c is None or not all(k in c.values for k in synthetic.TREND_CODES):
            continue  # formed (partly) from wards without demo figures: left for the ward to enter
        profile = synthetic.MEETS if ward.name == SHOWCASE else synthetic.rng_for(ward.code, YEAR).choice([synthetic.NEAR, synthetic.FAR])
        trends = synthetic.next_trends({k: c.values[k] for k in synthetic.TREND_CODES}, synthetic.misses_for(ward.code, YEAR, profile))
        values = synthetic.figures(ward.code, YEAR, profile, trends, synthetic.officers_for(ward.code))
        new.append(Assessment(unit=ward, year=YEAR, framework=framework, values=values, is_demo=True))
    Assessment.objects.bulk_create(new)
    if new:
        evaluate_year(YEAR, Assessment.objects.filter(unit__in=wards, year=YEAR))
        record(None, "demo.loaded", Assessment, unit=province, data={"assessments": len(new), "years": [YEAR]})
    showcase = next((w for w in wards if w.name == SHOWCASE), None)
    if showcase:
        chief, _ = get_user_model().objects.get_or_create(username="truong.nhatrang", defaults={"first_name": "Trưởng CAP Nha Trang"})
        chief.set_password(password)
        chief.save()
        RoleAssignment.objects.get_or_create(user=chief, unit=showcase, role=Role.WARD_CHIEF)
    return len(new)
