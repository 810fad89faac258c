"""TC14's and TC16's figures from the registers, offered to the assessments through frameworks.providers.

- ``so_mo_hinh_sang_tao``: models of kind "cách làm hay, sáng tạo" that worked at some time in the year (started by
  31/12, not stopped before 1/1).
- ``so_khen_thuong_nhan_dan`` / ``so_khen_thuong_can_bo_phuong``: rewards decided with a decision date in the year,
  for the movement "Toàn dân bảo vệ an ninh Tổ quốc", to the people (citizens, BVDP/DP members, residential areas,
  agencies, businesses, schools) / to the ward's cadres (the ward police, its officers, ward officials).
- ``so_mo_hinh_tu_quan`` / ``so_mo_hinh_dan_van_kheo``: models of that kind working effectively at the end of the
  year (today, for the current year).
"""

from __future__ import annotations

from django.urls import reverse

from frameworks.providers import Provided

from . import counts

# The registers did not exist before 2026: earlier years keep the figures typed by hand.
FROM_YEAR = 2026

CREATIVE, PEOPLE, CADRES = "so_mo_hinh_sang_tao", "so_khen_thuong_nhan_dan", "so_khen_thuong_can_bo_phuong"
SELF_MANAGED, DAN_VAN_KHEO = "so_mo_hinh_tu_quan", "so_mo_hinh_dan_van_kheo"
REWARDS, MODELS = "Sổ khen thưởng", "Sổ mô hình"


def ward_url(unit_id: int, year: int, anchor: str, **filters) -> str:
    """The ward's page filtered to the rows behind a figure."""
    query = "&".join([f"nam={year}", *(f"{k.replace('_', '-')}={v}" for k, v in filters.items())])
    return f"{reverse('emulation_ward', args=[unit_id])}?{query}#{anchor}"


class Registers:
    name = "emulation"
    codes = frozenset({CREATIVE, PEOPLE, CADRES, SELF_MANAGED, DAN_VAN_KHEO})
    # Each write of a reward or a model names its ward (emulation.services), and the counts move with the day
    # otherwise: kept on the entry form until one of those (frameworks.providers)
    kept = True

    def values(self, unit, year: int) -> dict:
        day = counts.counted_day(year)
        if year < FROM_YEAR or day is None:
            return {}
        # A ward that has never used a register keeps its typed figures: zero rows is "not kept here", not "none".
        # The counts hold an entry for a ward with a row of any year in the register (no separate query for it).
        m = counts.model_counts([unit.pk], year).get(unit.pk)
        r = counts.reward_counts([unit.pk], year).get(unit.pk)
        has_models, has_rewards = m is not None, r is not None
        if not (has_models or has_rewards):
            return {}
        m, r = m or counts.ModelCounts(), r or counts.RewardCounts()
        when = "cuối năm" if day.month == 12 and day.day == 31 else f"ngày {day:%d/%m/%Y}"
        decided = (f"khen thưởng có quyết định năm {year} trong phong trào “Toàn dân bảo vệ an ninh Tổ quốc”: "
                   f"{r.people} cho Nhân dân (người dân, Bảo vệ dân phố, Dân phòng, khu dân cư, cơ quan, doanh nghiệp, "
                   f"trường học), {r.cadres} cho Công an phường và cán bộ phường")
        extra = f"; {r.pending} đề nghị đang chờ quyết định chưa được tính" if r.pending else ""
        models = (f"{m.self_managed} mô hình tự quản và {m.dan_van_kheo} mô hình “Dân vận khéo” hoạt động hiệu quả {when}; "
                  f"{m.creative} mô hình, cách làm hay, sáng tạo hoạt động trong năm {year}")
        out = {
            CREATIVE: Provided(CREATIVE, m.creative, MODELS, models, ward_url(unit.pk, year, "mo-hinh", loai="creative")),
            SELF_MANAGED: Provided(SELF_MANAGED, m.self_managed, MODELS, models, ward_url(unit.pk, year, "mo-hinh", loai="self_managed")),
            DAN_VAN_KHEO: Provided(DAN_VAN_KHEO, m.dan_van_kheo, MODELS, models, ward_url(unit.pk, year, "mo-hinh", loai="dan_van_kheo")),
            PEOPLE: Provided(PEOPLE, r.people, REWARDS, decided + extra,
                             ward_url(unit.pk, year, "khen-thuong", trang_thai="decided", nhom="nhan-dan")),
            CADRES: Provided(CADRES, r.cadres, REWARDS, decided + extra,
                             ward_url(unit.pk, year, "khen-thuong", trang_thai="decided", nhom="can-bo")),
        }
        keep = ({CREATIVE, SELF_MANAGED, DAN_VAN_KHEO} if has_models else set()) | ({PEOPLE, CADRES} if has_rewards else set())
        return {code: item for code, item in out.items() if code in keep}
