"""The demo's figures for criteria version 2, made from the version-1 figures of the same ward-year.

Indicators both versions share keep their value; version 2's new ones are derived from the old ones where the meaning
is close (hot spots, people on the run, feedback, road-side households) and drawn otherwise, passing unless the ward's
profile planned a miss. Registers (resources, emulation, feedback) then replace the figures they compute. Demo only.
"""

from __future__ import annotations

import math

from . import synthetic


def figures(code: str, year: int, v1: dict, codes) -> dict:
    """Version 2's figures (only ``codes``, the version's indicators) of a ward-year from its version-1 figures."""
    r = synthetic.rng_for(code, year, "v2")
    failing = v1.get("kinh_phi_du") is False  # the "far" profile: funding short, as in version 1
    kdc = v1.get("so_khu_dan_cu", 20)
    co_quan, dn, gd = r.randint(5, 20), r.randint(20, 80), r.randint(3, 10)
    kdc_safe = min(kdc, math.ceil(kdc * 0.9) + r.randint(0, 2))  # each kind ≥ 90%, so the pool is too
    ven_duong = v1.get("so_ho_ven_duong", 200) + r.randint(50, 150)
    du_toan = r.randint(600, 1200)
    new = {
        "dung_chuc_nang_tham_quyen": True,
        "dien_tich_dat_sinh_hoat_m2": f"{r.randint(150, 300)}", "dinh_muc_dat_sinh_hoat_m2": "150",
        "so_hang_muc_dinh_muc": 12, "so_hang_muc_thieu": 0,
        "kinh_phi_du_toan_trieu": str(du_toan), "kinh_phi_cap_trieu": str(du_toan - 120 if failing else du_toan),
        "quan_ly_nguoi_nuoc_ngoai_tot": True, "so_van_phong_dai_dien_nn": r.randint(0, 3), "quan_ly_van_phong_dai_dien_tot": True,
        "to_chuc_truc_ban": True,
        "so_tu_diem_phuc_tap": v1.get("so_tu_diem", 0), "so_tu_diem_phuc_tap_moi": 0,
        "so_vu_viec_tn_mt_attp": 0, "so_vu_viec_tn_mt_attp_moi": 0,
        "so_vu_kinh_te": r.choice((0, 0, 1)), "so_vu_kinh_te_chua_bao_cao": 0,
        "so_doi_tuong_tron_cac_loai_bat": v1.get("so_doi_tuong_tron_bat", 5) + r.randint(1, 3),
        "so_vu_manh_dong": 0, "so_vu_manh_dong_chua_xu_ly_kip_thoi": 0,
        "so_su_co_doi_tuong_canh_ve": 0, "so_vu_an_ninh_chinh_tri": r.choice((0, 0, 1)), "so_vu_an_ninh_chinh_tri_chua_bao_cao": 0,
        "so_vu_kntc_dong_nguoi_vuot_cap": 0, "so_vu_kntc_dong_nguoi_vuot_cap_chua_xu_ly": 0,
        "so_mo_hinh_sang_tao": r.randint(1, 3), "so_khen_thuong_nhan_dan": r.randint(1, 4), "so_khen_thuong_can_bo_phuong": r.randint(1, 2),
        "kien_toan_luc_luong_co_so": True,
        "so_khu_dan_cu_an_toan": kdc_safe, "so_co_quan": co_quan, "so_co_quan_an_toan": co_quan,
        "so_doanh_nghiep": dn, "so_doanh_nghiep_an_toan": dn, "so_co_so_giao_duc": gd, "so_co_so_giao_duc_an_toan": gd,
        "vu_viec_co_so_giai_quyet_kip_thoi": True,
        "so_y_kien_ve_cong_an": v1.get("so_y_kien_nhan_dan", 10), "so_y_kien_giai_quyet_kip_thoi": v1.get("so_y_kien_giai_quyet", 10),
        "so_ho_thuc_hien_nep_song_van_minh": v1.get("so_ho_nep_song_van_minh", 0),
        "so_vu_me_tin_tai_dia_ban": 0, "so_vu_me_tin_noi_khac_den": r.choice((0, 1)), "so_vu_me_tin_noi_khac_den_chua_xu_ly": 0,
        "so_to_thuc_hien_tot_quy_uoc": v1.get("so_to_co_quy_uoc", v1.get("so_to_tu_quan", 0)),
        "so_ho_song_ven_duong": ven_duong, "so_ho_ven_duong_co_cam_ket": ven_duong, "so_ho_vi_pham_trat_tu_do_thi": 0,
        "thu_gom_rac_thai_dung_quy_dinh": True, "tuyen_truyen_mt_tn_attp_tot": True,
        "so_don_phan_anh_cbcs": r.choice((0, 0, 1)), "so_don_phan_anh_ket_luan_dung": 0, "so_don_phan_anh_chua_ket_luan": 0,
        "so_bao_cao_dat_yeu_cau": v1.get("so_bao_cao_dung_han", 12),
    }
    return {c: v for c, v in {**v1, **new}.items() if c in codes}


def previous(code: str, year: int, v1_previous: dict, codes) -> dict:
    """Last year's figures of version 2's new trend indicators (typed by the ward in its first version-2 year)."""
    r = synthetic.rng_for(code, year, "v2-prev")
    guess = {
        "so_tu_diem_phuc_tap": v1_previous.get("so_tu_diem", 0) + r.randint(0, 1),
        "so_vu_viec_tn_mt_attp": r.randint(0, 2),
        "so_doi_tuong_tron_cac_loai_bat": v1_previous.get("so_doi_tuong_tron_bat", 5),
    }
    return {c: v for c, v in guess.items() if c in codes}
