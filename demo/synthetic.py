"""Deterministic synthetic figures for the demo and the benchmark.

Nothing here is real statistics: every assessment made from it is flagged
``is_demo`` and labelled as demo data in the UI. Figures are a pure function
of (ward code, year, profile), so the demo is the same on every machine.

Profiles: ``meets`` passes all 22 criteria; ``near`` misses one or two by a
small margin (26/30 cultural areas, a 4% instead of 6% fall in crime...);
``far`` misses several and leaves a few yes/no answers blank.
"""

from __future__ import annotations

import hashlib
import math
import random

MEETS, NEAR, FAR = "meets", "near", "far"
TREND_CODES = ("so_vu_ttxh", "so_nguoi_nghien", "so_doi_tuong_tron_bat", "so_tu_diem")
NEAR_MISSES = ("khu_dan_cu", "ttxh", "cbcs_htt", "truoc_han", "don_ton_dong", "tai_pham", "y_kien")


def rng_for(*parts) -> random.Random:
    seed = hashlib.sha256("|".join(map(str, parts)).encode()).digest()
    return random.Random(int.from_bytes(seed[:8], "big"))


def base_trends(code: str) -> dict:
    """The ward's figures for the year before the first demo year."""
    r = rng_for(code, "base")
    return {
        "so_vu_ttxh": r.randint(30, 80),
        "so_nguoi_nghien": r.randint(15, 60),
        "so_doi_tuong_tron_bat": r.randint(4, 12),
        "so_tu_diem": r.randint(0, 4),
    }


def next_trends(prev: dict, misses: set) -> dict:
    """Move last year's trend figures forward: enough to pass, unless this is a planned miss."""
    ttxh = prev["so_vu_ttxh"]
    return {
        # 7% fall passes "≥ 6%"; a 4% fall (rounded up) misses it
        "so_vu_ttxh": math.ceil(ttxh * 0.96) if "ttxh" in misses else math.floor(ttxh * 0.93),
        "so_nguoi_nghien": math.floor(prev["so_nguoi_nghien"] * 0.8),
        "so_doi_tuong_tron_bat": math.ceil(prev["so_doi_tuong_tron_bat"] * 1.25),
        "so_tu_diem": prev["so_tu_diem"] // 2,
    }


def figures(code: str, year: int, profile: str, trends: dict, officers: int) -> dict:
    """One ward-year of figures in stored form; ``trends`` from ``next_trends``."""
    misses = misses_for(code, year, profile)
    r = rng_for(code, year, "values")
    v = {code_: True for code_ in BOOLS}
    if profile == FAR:
        for code_ in r.sample(BOOLS, 3):
            v.pop(code_)  # left blank: shows as "thiếu dữ liệu"
        v["kinh_phi_du"] = False
    cbcs = officers
    v.update(
        so_cbcs=cbcs,
        so_cbcs_htt=cbcs - 1 if "cbcs_htt" in misses else cbcs,
        dinh_bien=cbcs - r.randint(0, 1),
        so_cbcs_dat_tieu_chuan=cbcs,
        so_vu_vi_pham_ung_xu=0,
        dien_tich_dat_m2=f"{r.randint(500, 900)}.5",
        dinh_muc_dat_m2="500",
        so_vu_chay_no_tngt_nghiem_trong=0,
        so_doi_tuong_dua_xe=0,
        so_vu_dua_xe=0,
        so_tin_bao=(tin := r.randint(30, 90)),
        so_tin_bao_xu_ly=tin,
        so_vu_nghiem_trong_cu_dan=0,
        so_tu_diem_moi=0,
        so_vu_kinh_te_chua_bao_cao=0,
        so_nguoi_nghien_moi=0,
        so_vu_manh_dong_chua_xu_ly=0,
        so_doi_tuong=(dt := r.randint(20, 60)),
        so_doi_tuong_quan_ly=dt,
        so_nguoi_dien_tai_pham=(dien := r.randint(61, 66) if "tai_pham" in misses else r.randint(70, 150)),
        so_nguoi_tai_pham=1 if "tai_pham" in misses else r.choice((0, 0, 1)),  # 1/70 = 1,43% still passes
        so_su_co_muc_tieu=0,
        so_su_kien_chinh_tri_bat_ngo=0,
        so_don_ton_dong=1 if "don_ton_dong" in misses else 0,
        so_vu_khieu_kien_dong_nguoi=0,
        so_luot_khen_thuong=r.randint(1, 5),
        so_vi_pham_bvdp_dp=0,
        so_don_vi_co_so=(dv := r.randint(40, 80)),
        so_don_vi_an_toan=min(dv, math.ceil(dv * 0.9) + r.randint(0, 3)),
        so_mo_hinh_tu_quan=r.randint(2, 5),
        so_mo_hinh_dan_van_kheo=r.randint(1, 3),
        so_y_kien_nhan_dan=(yk := r.randint(10, 40)),
        so_y_kien_giai_quyet=yk - 1 if "y_kien" in misses else yk,
        so_khu_dan_cu=(kdc := r.randint(10, 30)),
        so_khu_dan_cu_van_hoa=math.ceil(kdc * 0.9) - 1 if "khu_dan_cu" in misses else min(kdc, math.ceil(kdc * 0.9) + r.randint(0, 2)),
        so_ho_gia_dinh=(ho := r.randint(2000, 6000)),
        so_gia_dinh_van_hoa=math.ceil(ho * r.uniform(0.92, 0.97)),
        so_ho_nep_song_van_minh=math.ceil(ho * r.uniform(0.85, 0.95)),
        so_vu_me_tin_chua_xu_ly=0,
        so_to_tu_quan=(to := r.randint(20, 60)),
        so_to_co_quy_uoc=to,
        so_ho_ven_duong=(hvd := r.randint(100, 400)),
        so_ho_ven_duong_cam_ket=hvd,
        so_ho_lan_chiem=0,
        so_co_so_sxkd=(cs := r.randint(100, 500)),
        so_co_so_dat_mt_attp=cs,
        so_tthc=(tt := r.randint(30, 60)),
        so_tthc_cong_khai=tt,
        so_ho_so=(hs := r.randint(300, 1200)),
        so_ho_so_dung_han=hs,
        so_ho_so_truoc_han=math.floor(hs * 0.09) if "truoc_han" in misses else math.ceil(hs * r.uniform(0.12, 0.3)),
        so_don_thai_do_ket_luan_dung=0,
        so_bao_cao_phai_gui=(bc := r.randint(12, 24)),
        so_bao_cao_dung_han=bc,
    )
    v.update(trends)
    return v


BOOLS = [
    "dang_bo_phuong_htxs", "ubnd_phuong_ldxs", "phuong_an_toan_antt", "phuong_tdbvantq_xuat_sac", "cap_tham_muu_tot",
    "chi_bo_cap_htxs", "cap_quyet_thang", "cap_van_hoa_dieu_lenh", "dung_mo_hinh_to_chuc", "tru_so_dung_mau",
    "trang_bi_du_dinh_muc", "kinh_phi_du", "qlnn_antt_tot", "csdl_dan_cu_dat", "qlnn_ton_giao_dan_toc_tot",
    "nghiep_vu_dung_huong_dan", "bat_giu_tiep_nhan_tot", "tiep_cong_dan_dung_quy_dinh", "co_mo_hinh_sang_tao",
    "nam_tinh_hinh_tot", "to_chuc_ngay_hoi_dien_dan", "mau_thuan_giai_quyet_tai_co_so", "ve_sinh_moi_truong_dat",
    "phoi_hop_thong_tin_tot",
]


def officers_for(code: str) -> int:
    return rng_for(code, "officers").randint(7, 12)


def misses_for(code: str, year: int, profile: str) -> set:
    """The planned misses of a ward-year (the same draw ``figures`` makes)."""
    r = rng_for(code, year)
    if profile == NEAR:
        return set(r.sample(NEAR_MISSES, r.choice((1, 1, 2))))
    if profile == FAR:
        return set(r.sample(NEAR_MISSES, 4))
    return set()


def ward_series(code: str, years: list[int], profiles: dict[int, str]) -> tuple[dict, dict]:
    """Figures for each year, plus the previous-year figures of the first year."""
    trends = base_trends(code)
    first_previous = dict(trends)
    out = {}
    officers = officers_for(code)
    for year in years:
        profile = profiles[year]
        trends = next_trends(trends, misses_for(code, year, profile))
        out[year] = figures(code, year, profile, trends, officers)
    return out, first_previous
