"""TC03, TC04 and TC05's figures from the registers, offered to the assessments through frameworks.providers.

TC04 (Sổ trụ sở, đất đai — the ward's current headquarters record):
  ``dien_tich_dat_m2`` / ``dien_tich_dat_sinh_hoat_m2``: land for work / for officers' living, m²;
  ``dinh_muc_dat_m2`` / ``dinh_muc_dat_sinh_hoat_m2``: the province's norm for the ward's kind (none without a norm row);
  ``tru_so_dung_mau``: the headquarters follows the Ministry's design.
TC05 (Sổ trang bị — current holdings against the province's norm for the ward's kind; only once the ward has recorded
  its holdings): ``so_hang_muc_dinh_muc`` items whose norm is above 0, ``so_hang_muc_thieu`` of those, items held
  fewer than the norm. (Sổ kinh phí — only when the ward has budget lines that year): ``kinh_phi_du_toan_trieu`` and
  ``kinh_phi_cap_trieu``, the sums of the year's lines planned and disbursed, million VND.
TC03 (Sổ biên chế — the year's staffing row): ``dinh_bien`` the assigned establishment, ``so_cbcs`` officers of every
  title, ``so_cbcs_dat_tieu_chuan`` of them meeting the standard.

Decimal figures are given as assessments store a ``num`` (a decimal string, engine.inputs). The headquarters and the
holdings are registers of the present: an assessment of a year reads them as they stand.
"""

from __future__ import annotations

from django.urls import reverse

from engine import fmt
from frameworks.providers import Provided

from . import figures, registers
from .models import BudgetLine, Headquarters, LandNorm, Staffing

# The registers did not exist before 2026: earlier years keep the figures typed by hand.
FROM_YEAR = 2026

HQ, EQUIPMENT, FUNDING, STAFF = "Sổ trụ sở, đất đai", "Sổ trang bị", "Sổ kinh phí", "Sổ biên chế"
TC04 = frozenset({"dien_tich_dat_m2", "dinh_muc_dat_m2", "dien_tich_dat_sinh_hoat_m2", "dinh_muc_dat_sinh_hoat_m2",
                  "tru_so_dung_mau"})
TC05 = frozenset({"so_hang_muc_dinh_muc", "so_hang_muc_thieu", "kinh_phi_du_toan_trieu", "kinh_phi_cap_trieu"})
TC03 = frozenset({"dinh_bien", "so_cbcs", "so_cbcs_dat_tieu_chuan"})


def ward_url(unit, year: int, anchor: str = "") -> str:
    """The ward's registers page on ``year`` (at ``anchor``, its section)."""
    return f"{reverse('resources_ward', args=[unit.pk])}?nam={year}" + (f"#{anchor}" if anchor else "")


class Resources:
    name = "resources"
    codes = TC04 | TC05 | TC03
    # Each write names the ward (resources.services) or its province (norms); the admin's name no unit: kept on the
    # entry form until one of those (frameworks.providers)
    kept = True

    def values(self, unit, year: int) -> dict:
        if year < FROM_YEAR:
            return {}
        out: dict = {}
        hq = Headquarters.objects.filter(unit=unit).first()
        if hq is not None:
            out |= self.headquarters(unit, year, hq)
            out |= self.equipment(unit, year, hq)
        out |= self.funding(unit, year)
        out |= self.staffing(unit, year)
        return out

    def headquarters(self, unit, year: int, hq: Headquarters) -> dict:
        url = ward_url(unit, year, "tru-so")
        norm = LandNorm.objects.filter(province_id=unit.root_id, ward_kind=hq.ward_kind).first()
        detail = (f"Đất làm việc {fmt.number(hq.work_land_m2)} m², đất sinh hoạt {fmt.number(hq.living_land_m2)} m² "
                  f"({hq.get_ward_kind_display()})")
        if norm:
            detail += (f"; định mức {fmt.number(norm.work_land_m2)} m² và {fmt.number(norm.living_land_m2)} m² theo {norm.source}")
        detail += f"; trụ sở {'đúng' if hq.follows_design else 'chưa đúng'} thiết kế mẫu của Bộ Công an"
        out = {"dien_tich_dat_m2": figures.stored(hq.work_land_m2),
               "dien_tich_dat_sinh_hoat_m2": figures.stored(hq.living_land_m2),
               "tru_so_dung_mau": hq.follows_design}
        if norm:
            out |= {"dinh_muc_dat_m2": figures.stored(norm.work_land_m2),
                    "dinh_muc_dat_sinh_hoat_m2": figures.stored(norm.living_land_m2)}
        return {code: Provided(code, value, HQ, detail, url) for code, value in out.items()}

    def equipment(self, unit, year: int, hq: Headquarters) -> dict:
        held = registers.holdings(unit)
        lines = registers.equipment_lines(unit, hq.ward_kind, held) if held else []
        if not lines:
            return {}
        short = figures.shortfalls(lines)
        named = ", ".join(f"{r.name} (thiếu {r.missing})" for r in short[:5]) + (", …" if len(short) > 5 else "")
        detail = (f"{len(lines)} hạng mục có định mức cho {hq.get_ward_kind_display()}, {len(short)} hạng mục chưa đủ"
                  + (f": {named}" if short else ""))
        url = ward_url(unit, year, "trang-bi")
        return {"so_hang_muc_dinh_muc": Provided("so_hang_muc_dinh_muc", len(lines), EQUIPMENT, detail, url),
                "so_hang_muc_thieu": Provided("so_hang_muc_thieu", len(short), EQUIPMENT, detail, url)}

    def funding(self, unit, year: int) -> dict:
        amounts = list(BudgetLine.objects.filter(unit=unit, year=year).values_list("planned", "disbursed"))
        if not amounts:
            return {}
        t = figures.totals(amounts)
        detail = (f"{t.lines} dòng kinh phí năm {year}: dự toán {fmt.number(t.planned)} triệu đồng, "
                  f"đã cấp {fmt.number(t.disbursed)} triệu đồng")
        url = ward_url(unit, year, "kinh-phi")
        return {"kinh_phi_du_toan_trieu": Provided("kinh_phi_du_toan_trieu", figures.stored(t.planned), FUNDING, detail, url),
                "kinh_phi_cap_trieu": Provided("kinh_phi_cap_trieu", figures.stored(t.disbursed), FUNDING, detail, url)}

    def staffing(self, unit, year: int) -> dict:
        s = Staffing.objects.filter(unit=unit, year=year).first()
        if s is None:
            return {}
        detail = (f"Biên chế được giao {s.establishment}; có {s.total} cán bộ, chiến sĩ (trưởng {s.chiefs}, phó trưởng "
                  f"{s.deputies}, cán bộ, chiến sĩ {s.officers}), {s.total_ok} người đạt tiêu chuẩn")
        url = ward_url(unit, year, "bien-che")
        return {code: Provided(code, value, STAFF, detail, url) for code, value in
                (("dinh_bien", s.establishment), ("so_cbcs", s.total), ("so_cbcs_dat_tieu_chuan", s.total_ok))}
