"""The demo's yearly figures, on each old province's land, on the wards that exist at each year's end.

2023 and 2024 are assessed on the old map's wards (35 then 30 in Khánh Hòa, 45 then 47 in Bình Dương, Ninh Thuận's
12); 2025 and 2026 on the wards of the 2025 map formed from them (the year's assessment is made on the wards that
exist on 31 December: assessments.eligibility). Each ward's trend figures continue from its own record of last year,
or, for a ward formed by a reorganization, from the sum of the wards it was formed from, so "compared with last year"
criteria read sensibly. Where the app cannot carry last year (a predecessor was a commune outside the program, or was
divided) the ward enters last year's figures by hand: the demo does the same.
"""

from __future__ import annotations

from dataclasses import dataclass

from assessments.models import Assessment
from audit.models import record
from frameworks import registry
from units import territory
from kieumau.collation import vi_key
from units.models import Level, Lineage, Unit

from . import synthetic, synthetic_v2

YEARS = (2023, 2024, 2025, 2026)


@dataclass(frozen=True)
class LandPlan:
    code: str  # the old province's official code
    meeting: dict  # year → how many wards meet the standard (named ones first, then a stable pseudo-random order)
    named: dict  # year → {ward name: profile}: the wards the story needs in a given state


def old_province(code: str) -> Unit:
    return Unit.objects.get(level=Level.PROVINCE, code=code, valid_until__isnull=False)


def _rank(ward: Unit, year: int, named: dict) -> tuple:
    profile = named.get(ward.name)
    first = {synthetic.MEETS: 0, synthetic.NEAR: 2, synthetic.FAR: 3}.get(profile, 1)
    return first, synthetic.rng_for(ward.code, ward.name, year, "rank").random()


def _profiles(wards: list[Unit], year: int, plan: LandPlan) -> dict[int, str]:
    named = plan.named.get(year, {})
    ordered = sorted(wards, key=lambda w: _rank(w, year, named))
    meeting = plan.meeting.get(year, 0)
    near = max(3, len(wards) // 3)
    out = {}
    for i, w in enumerate(ordered):
        out[w.pk] = named.get(w.name) or (synthetic.MEETS if i < meeting else synthetic.NEAR if i < meeting + near else synthetic.FAR)
    return out


def _previous_trends(ward: Unit, year: int, made: dict, preds: dict) -> tuple[dict, bool]:
    """Last year's trend figures of ``ward`` and whether the app can carry them itself (own record, or every
    predecessor whole and with a record)."""
    own = made.get((ward.pk, year - 1))
    if own is not None:
        return {k: own[k] for k in synthetic.TREND_CODES}, True
    sources = preds.get(ward.pk, [])
    found = [made.get((p, year - 1)) for p, _whole in sources]
    summed = {k: sum(f[k] for f in found if f) for k in synthetic.TREND_CODES} if any(found) else synthetic.base_trends(ward.code)
    carried = bool(sources) and all(found) and all(whole for _p, whole in sources)
    return summed, carried


def load(plans: list[LandPlan], today_year: int, log=print) -> int:
    """Create the figures of every year up to ``today_year`` (never overwriting a record that exists)."""
    framework = registry.for_year(YEARS[0])
    made: dict[tuple[int, int], dict] = {(a.unit_id, a.year): a.values for a in Assessment.objects.filter(is_demo=True)}
    in_force: dict[tuple[int, int], object] = {}  # (province id, year) → version: read once, not per ward
    created = 0
    for plan in plans:
        province = old_province(plan.code)
        for year in (y for y in YEARS if y <= today_year):
            wards = territory.year_land(province, year).wards
            preds = _predecessors([w.pk for w in wards])
            profiles = _profiles(wards, year, plan)
            new = []
            for ward in sorted(wards, key=lambda w: vi_key(w.name)):
                if (ward.pk, year) in made:
                    continue
                prev, carried = _previous_trends(ward, year, made, preds)
                profile = profiles[ward.pk]
                officers = synthetic.officers_for(ward.code)
                values = synthetic.figures(ward.code, year, profile, synthetic.next_trends(prev, synthetic.misses_for(ward.code, year, profile)), officers)
                made[(ward.pk, year)] = values  # version-1 figures: next year's trends start from them
                if (ward.root_id, year) not in in_force:
                    in_force[(ward.root_id, year)] = registry.for_year(year, unit=ward) or framework
                fw = in_force[(ward.root_id, year)]
                previous = {} if carried else prev
                if fw.version >= 2:  # the province's records of this year are judged against version 2
                    codes = registry.compiled(fw).indicators
                    values = synthetic_v2.figures(ward.code, year, values, codes)
                    previous = {**{c: v for c, v in previous.items() if c in codes},
                                **synthetic_v2.previous(ward.code, year, prev, codes)}
                new.append(Assessment(unit=ward, year=year, framework=fw, values=values, previous_values=previous, is_demo=True))
                if ward.officer_count is None:
                    ward.officer_count = officers
                    ward.save(update_fields=["officer_count"])
            Assessment.objects.bulk_create(new)
            if new:
                record(None, "demo.loaded", Assessment, unit=province, data={"assessments": len(new), "year": year})
            created += len(new)
        log(f"  Số liệu mẫu trên địa bàn {territory.display_name(province)}: đến năm {today_year}")
    return created


def _predecessors(ids: list[int]) -> dict[int, list[tuple[int, bool]]]:
    """Ward → [(predecessor id, came whole)] of the edges that formed it (ward-level units only)."""
    out: dict[int, list] = {}
    for succ, pred, kind in Lineage.objects.filter(successor_id__in=ids, predecessor__level=Level.COMMUNE).values_list(
            "successor_id", "predecessor_id", "kind"):
        out.setdefault(succ, []).append((pred, kind != Lineage.Kind.SPLIT))
    return out
