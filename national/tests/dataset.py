"""A country of any size for the national page's tests: pairs of an old province that ended on 1/7/2025 and the new
province its wards became, the old one with a roadmap, assessments before and after, a recognition carried across."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model

from assessments.models import Assessment, Recognition
from assessments.services import evaluate_year
from demo import synthetic
from kieumau.testing import make_unit
from roadmaps.models import Plan, PlanTarget
from units.models import Level, Lineage

REFORM = dt.date(2025, 7, 1)


def build_country(framework, *, pairs: int, wards: int, first: int = 0, profile=synthetic.MEETS) -> list:
    """``pairs`` old/new province pairs (numbered from ``first``), ``wards`` wards each; returns [(old, new, plan)]."""
    signer = get_user_model().objects.get_or_create(username="national-signer")[0]
    out = []
    for i in range(first, first + pairs):
        old = make_unit(f"9{i:02d}", f"Tỉnh Cũ {i}", Level.PROVINCE, valid_until=REFORM)
        new = make_unit(f"9{i:02d}", f"Tỉnh Mới {i}", Level.PROVINCE, valid_from=REFORM)
        Lineage.objects.create(predecessor=old, successor=new, kind=Lineage.Kind.MERGE, effective_date=REFORM)
        city = make_unit(f"8{i:02d}", f"Thành phố {i}", Level.DISTRICT, old, valid_until=REFORM)
        make_unit(f"7{i:02d}99", f"Xã Cũ {i}", Level.COMMUNE, city, kind="Xã", valid_until=REFORM)
        for j in range(wards):
            code = f"7{i:02d}{j:02d}"
            before = make_unit(code, f"Phường Cũ {i}-{j}", Level.COMMUNE, city, valid_until=REFORM)
            after = make_unit(code, f"Phường Mới {i}-{j}", Level.COMMUNE, new, valid_from=REFORM)
            Lineage.objects.create(predecessor=before, successor=after, kind=Lineage.Kind.CONTINUE, effective_date=REFORM)
            for unit, year in ((before, 2024), (after, 2026)):
                series, previous = synthetic.ward_series(code, [year], {year: profile})
                a = Assessment.objects.create(unit=unit, year=year, framework=framework, values=series[year],
                                              previous_values=previous, is_demo=True)
                if j == 0 and year == 2024:  # the first ward of each old province is recognized; its title is carried
                    Recognition.objects.create(assessment=a, unit=unit, year=2024, decision_number=f"{i}/QĐ",
                                               decision_date=dt.date(2024, 11, 20), signer="Giám đốc",
                                               decision_file="decisions/2024/x.pdf", recognized_by=signer)
        plan = Plan.objects.create(province=old, title=f"Lộ trình {i}", source="Nghị quyết", base_units=wards,
                                   start_year=2024, end_year=2030)
        PlanTarget.objects.create(plan=plan, year=2024, kind=PlanTarget.Kind.COUNT, value=1)
        PlanTarget.objects.create(plan=plan, year=2026, kind=PlanTarget.Kind.PERCENT, value=50)
        out.append((old, new, plan))
    for year in (2024, 2026):
        evaluate_year(year)
    return out
