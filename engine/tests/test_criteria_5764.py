"""Every indicator and threshold boundary of the 22 criteria (spec/criteria-5764.md).

The baseline sits exactly on most boundaries (27/30 = 90%, 47 vs 50 = −6%,
100/1000 = 10%...) and passes; each case changes one thing and checks the
status of the one condition it targets.
"""

from pathlib import Path

import pytest

from engine.evaluate import evaluate
from engine.framework import load_text
from engine.inputs import parse_values

FW = load_text((Path(__file__).resolve().parents[2] / "frameworks" / "data" / "bca-5764-2021.yaml").read_text("utf-8"))
BOOLS = [code for code, ind in FW.indicators.items() if ind.type == "bool"]

BASE = {code: True for code in BOOLS}
BASE.update(
    so_cbcs=10, so_cbcs_htt=10, dinh_bien=10, so_cbcs_dat_tieu_chuan=10, so_vu_vi_pham_ung_xu=0,
    dien_tich_dat_m2="500", dinh_muc_dat_m2="500",
    so_vu_chay_no_tngt_nghiem_trong=0, so_doi_tuong_dua_xe=0, so_vu_dua_xe=0,
    so_tin_bao=50, so_tin_bao_xu_ly=50,
    so_vu_nghiem_trong_cu_dan=0, so_vu_ttxh=47, so_tu_diem=0, so_tu_diem_moi=0, so_vu_kinh_te_chua_bao_cao=0,
    so_nguoi_nghien=17, so_nguoi_nghien_moi=0, so_doi_tuong_tron_bat=12, so_vu_manh_dong_chua_xu_ly=0,
    so_doi_tuong=40, so_doi_tuong_quan_ly=40, so_nguoi_dien_tai_pham=200, so_nguoi_tai_pham=2,
    so_su_co_muc_tieu=0, so_su_kien_chinh_tri_bat_ngo=0, so_don_ton_dong=0, so_vu_khieu_kien_dong_nguoi=0,
    so_luot_khen_thuong=1, so_vi_pham_bvdp_dp=0, so_don_vi_co_so=50, so_don_vi_an_toan=45,
    so_mo_hinh_tu_quan=2, so_mo_hinh_dan_van_kheo=1, so_y_kien_nhan_dan=20, so_y_kien_giai_quyet=20,
    so_khu_dan_cu=30, so_khu_dan_cu_van_hoa=27, so_ho_gia_dinh=1000, so_gia_dinh_van_hoa=900,
    so_ho_nep_song_van_minh=800, so_vu_me_tin_chua_xu_ly=0,
    so_to_tu_quan=20, so_to_co_quy_uoc=20, so_ho_ven_duong=100, so_ho_ven_duong_cam_ket=100, so_ho_lan_chiem=0,
    so_co_so_sxkd=100, so_co_so_dat_mt_attp=100,
    so_tthc=40, so_tthc_cong_khai=40, so_ho_so=1000, so_ho_so_dung_han=1000, so_ho_so_truoc_han=100,
    so_don_thai_do_ket_luan_dung=0, so_bao_cao_phai_gui=12, so_bao_cao_dung_han=12,
)
PREV = {"so_vu_ttxh": 50, "so_tu_diem": 0, "so_nguoi_nghien": 20, "so_doi_tuong_tron_bat": 10}
ABSENT = object()


def emptied(total):
    """``total`` = 0 and every part counted within it (transitively) = 0 too."""
    out, todo = {total: 0}, [total]
    while todo:
        t = todo.pop()
        for code, ind in FW.indicators.items():
            if ind.max == t and code not in out:
                out[code] = 0
                todo.append(code)
    return out


def status_of(key, values=None, prev=None):
    v = {**BASE, **(values or {})}
    p = {**PREV, **(prev or {})}
    v = {k: x for k, x in v.items() if x is not ABSENT}
    p = {k: x for k, x in p.items() if x is not ABSENT}
    parsed = parse_values(FW, v)
    assert parsed.ok, parsed.errors
    result = evaluate(FW, parsed.values, p)
    code, index = key.split(".")
    cond = result.criteria[code].conditions[int(index) - 1]
    return cond.status, result


def test_the_baseline_meets_all_22_criteria():
    _, result = status_of("TC01.1")
    assert result.meets_standard
    assert [r.status for r in result.criteria.values()] == ["pass"] * 22


def test_every_indicator_is_exercised_by_this_file():
    codes = set(BASE) | set(PREV)
    assert codes == set(FW.indicators)


# --- yes/no indicators: true passes, false fails, blank is missing -------------------------
BOOL_KEYS = {
    "dang_bo_phuong_htxs": "TC01.1", "ubnd_phuong_ldxs": "TC01.2", "phuong_an_toan_antt": "TC01.3",
    "phuong_tdbvantq_xuat_sac": "TC01.4", "cap_tham_muu_tot": "TC01.5", "chi_bo_cap_htxs": "TC02.1",
    "cap_quyet_thang": "TC02.2", "cap_van_hoa_dieu_lenh": "TC02.3", "dung_mo_hinh_to_chuc": "TC03.1",
    "tru_so_dung_mau": "TC04.2", "trang_bi_du_dinh_muc": "TC05.1", "kinh_phi_du": "TC05.2",
    "qlnn_antt_tot": "TC06.1", "csdl_dan_cu_dat": "TC06.2", "qlnn_ton_giao_dan_toc_tot": "TC07.1",
    "nghiep_vu_dung_huong_dan": "TC08.1", "bat_giu_tiep_nhan_tot": "TC09.2", "tiep_cong_dan_dung_quy_dinh": "TC13.1",
    "co_mo_hinh_sang_tao": "TC14.1", "nam_tinh_hinh_tot": "TC15.3", "to_chuc_ngay_hoi_dien_dan": "TC16.3",
    "mau_thuan_giai_quyet_tai_co_so": "TC18.2", "ve_sinh_moi_truong_dat": "TC19.1", "phoi_hop_thong_tin_tot": "TC22.2",
}


def test_bool_table_covers_every_bool():
    assert set(BOOL_KEYS) == set(BOOLS)


@pytest.mark.parametrize("code", sorted(BOOL_KEYS))
def test_bool_indicator(code):
    key = BOOL_KEYS[code]
    assert status_of(key, {code: True})[0] == "pass"
    assert status_of(key, {code: False})[0] == "fail"
    missing, result = status_of(key, {code: ABSENT})
    assert missing == "missing" and not result.meets_standard


# --- counts that must be zero: 0 passes, 1 (just above) fails, blank is missing ------------
ZERO_KEYS = {
    "so_vu_vi_pham_ung_xu": "TC03.4", "so_vu_chay_no_tngt_nghiem_trong": "TC06.3", "so_doi_tuong_dua_xe": "TC06.4",
    "so_vu_dua_xe": "TC06.5", "so_vu_nghiem_trong_cu_dan": "TC10.1", "so_vu_kinh_te_chua_bao_cao": "TC10.4",
    "so_nguoi_nghien_moi": "TC10.6", "so_vu_manh_dong_chua_xu_ly": "TC10.8", "so_su_co_muc_tieu": "TC12.1",
    "so_su_kien_chinh_tri_bat_ngo": "TC12.2", "so_don_ton_dong": "TC13.2", "so_vu_khieu_kien_dong_nguoi": "TC13.3",
    "so_vi_pham_bvdp_dp": "TC15.1", "so_vu_me_tin_chua_xu_ly": "TC17.4", "so_ho_lan_chiem": "TC18.4",
    "so_don_thai_do_ket_luan_dung": "TC21.1",
}


@pytest.mark.parametrize("code", sorted(ZERO_KEYS))
def test_zero_count(code):
    key = ZERO_KEYS[code]
    assert status_of(key, {code: 0})[0] == "pass"
    assert status_of(key, {code: 1})[0] == "fail"
    assert status_of(key, {code: ABSENT})[0] == "missing"
    assert not parse_values(FW, {code: -1}).ok  # below zero cannot be entered


# --- 100% ratios: equal passes, one short fails, empty total is not applicable -------------
FULL_RATIOS = {
    ("so_cbcs_htt", "so_cbcs"): "TC02.4", ("so_cbcs_dat_tieu_chuan", "so_cbcs"): "TC03.3",
    ("so_tin_bao_xu_ly", "so_tin_bao"): "TC09.1", ("so_doi_tuong_quan_ly", "so_doi_tuong"): "TC11.1",
    ("so_y_kien_giai_quyet", "so_y_kien_nhan_dan"): "TC16.4", ("so_to_co_quy_uoc", "so_to_tu_quan"): "TC18.1",
    ("so_ho_ven_duong_cam_ket", "so_ho_ven_duong"): "TC18.3", ("so_co_so_dat_mt_attp", "so_co_so_sxkd"): "TC19.2",
    ("so_tthc_cong_khai", "so_tthc"): "TC20.1", ("so_ho_so_dung_han", "so_ho_so"): "TC20.2",
    ("so_bao_cao_dung_han", "so_bao_cao_phai_gui"): "TC22.1",
}


@pytest.mark.parametrize("part, total", sorted(FULL_RATIOS))
def test_full_ratio(part, total):
    key = FULL_RATIOS[(part, total)]
    extra = {"so_ho_so_truoc_han": 10} if total == "so_ho_so" else {}
    assert status_of(key, {part: 100, total: 100, **extra})[0] == "pass"
    assert status_of(key, {part: 99, total: 100, **extra})[0] == "fail"
    assert status_of(key, emptied(total))[0] == "not_applicable"
    assert status_of(key, {**emptied(total), part: ABSENT})[0] == "not_applicable"
    assert status_of(key, {part: ABSENT})[0] == "missing"
    too_many = parse_values(FW, {part: 101, total: 100})
    assert FW.indicators[total].label in too_many.errors[part]  # names both fields


# --- thresholds ≥ p%: exactly at passes, just below fails, just above passes ---------------
AT_LEAST = [
    ("TC15.2", "so_don_vi_an_toan", "so_don_vi_co_so", 90),
    ("TC17.1", "so_khu_dan_cu_van_hoa", "so_khu_dan_cu", 90),
    ("TC17.2", "so_gia_dinh_van_hoa", "so_ho_gia_dinh", 90),
    ("TC17.3", "so_ho_nep_song_van_minh", "so_ho_gia_dinh", 80),
    ("TC20.3", "so_ho_so_truoc_han", "so_ho_so", 10),
]


@pytest.mark.parametrize("key, part, total, pct", AT_LEAST)
def test_at_least_percent(key, part, total, pct):
    fix = {"so_ho_so_dung_han": 10000} if total == "so_ho_so" else {}
    big = {total: 10000, **fix}
    if total == "so_ho_gia_dinh":  # keep the sibling ratio valid
        big.update(so_gia_dinh_van_hoa=9000, so_ho_nep_song_van_minh=8000)
    assert status_of(key, {**big, part: pct * 100})[0] == "pass"  # exactly p%
    assert status_of(key, {**big, part: pct * 100 - 1})[0] == "fail"  # p% − 0,01%
    assert status_of(key, {**big, part: pct * 100 + 1})[0] == "pass"
    assert status_of(key, emptied(total))[0] == "not_applicable"


def test_cultural_areas_example_26_of_30_fails_27_passes():
    assert status_of("TC17.1", {"so_khu_dan_cu_van_hoa": 26})[0] == "fail"
    assert status_of("TC17.1", {"so_khu_dan_cu_van_hoa": 27})[0] == "pass"


# --- reoffending below 1,5%: exactly 1,5% fails -------------------------------------------
def test_reoffending_below_one_and_a_half_percent():
    at = {"so_nguoi_dien_tai_pham": 20000}
    assert status_of("TC11.2", {**at, "so_nguoi_tai_pham": 300})[0] == "fail"  # exactly 1,5%
    assert status_of("TC11.2", {**at, "so_nguoi_tai_pham": 299})[0] == "pass"
    assert status_of("TC11.2", {**at, "so_nguoi_tai_pham": 301})[0] == "fail"
    assert status_of("TC11.2", {"so_nguoi_dien_tai_pham": 0, "so_nguoi_tai_pham": 0})[0] == "not_applicable"


# --- reductions vs last year ----------------------------------------------------------------
@pytest.mark.parametrize("key, code, prev, at, pct", [("TC10.2", "so_vu_ttxh", 50, 47, 6), ("TC10.5", "so_nguoi_nghien", 20, 17, 15)])
def test_reduction_vs_last_year(key, code, prev, at, pct):
    assert status_of(key, {code: at}, {code: prev})[0] == "pass"  # exactly −p%
    assert status_of(key, {code: at + 1}, {code: prev})[0] == "fail"
    assert status_of(key, {code: at - 1}, {code: prev})[0] == "pass"
    assert status_of(key, {code: 0}, {code: 0})[0] == "pass"  # prev = 0: pass iff x = 0
    assert status_of(key, {code: 1}, {code: 0})[0] == "fail"
    assert status_of(key, {code: at}, {code: ABSENT})[0] == "missing"


def test_reduction_explanation_has_the_numbers():
    status, result = status_of("TC10.2", {"so_vu_ttxh": 47}, {"so_vu_ttxh": 49})
    assert status == "fail"
    text = result.criteria["TC10"].conditions[1].explanation
    assert "Tội phạm về TTXH giảm 4,0% so với năm trước (47/49 vụ), yêu cầu giảm ≥ 6%" in text


# --- increase vs last year: prev = 0 is not applicable --------------------------------------
def test_wanted_arrests_increase_by_twenty_percent():
    code = "so_doi_tuong_tron_bat"
    assert status_of("TC10.7", {code: 12}, {code: 10})[0] == "pass"  # exactly +20%
    assert status_of("TC10.7", {code: 11}, {code: 10})[0] == "fail"
    assert status_of("TC10.7", {code: 13}, {code: 10})[0] == "pass"
    na, result = status_of("TC10.7", {code: 3}, {code: 0})
    assert na == "not_applicable" and result.criteria["TC10"].status == "pass"
    assert status_of("TC10.7", {code: 3}, {code: ABSENT})[0] == "missing"


# --- hot spots: none left, or halved with no new one ----------------------------------------
def test_hot_spots():
    assert status_of("TC10.3", {"so_tu_diem": 0}, {"so_tu_diem": ABSENT})[0] == "pass"
    assert status_of("TC10.3", {"so_tu_diem": 2}, {"so_tu_diem": 4})[0] == "pass"  # exactly 50%
    assert status_of("TC10.3", {"so_tu_diem": 3}, {"so_tu_diem": 4})[0] == "fail"
    assert status_of("TC10.3", {"so_tu_diem": 1}, {"so_tu_diem": 4})[0] == "pass"
    assert status_of("TC10.3", {"so_tu_diem": 2, "so_tu_diem_moi": 1}, {"so_tu_diem": 4})[0] == "fail"
    assert status_of("TC10.3", {"so_tu_diem": 1}, {"so_tu_diem": 0})[0] == "fail"
    assert status_of("TC10.3", {"so_tu_diem": 2}, {"so_tu_diem": ABSENT})[0] == "missing"


# --- minimum counts and comparisons between indicators --------------------------------------
@pytest.mark.parametrize("key, code, minimum", [
    ("TC14.2", "so_luot_khen_thuong", 1), ("TC16.1", "so_mo_hinh_tu_quan", 2), ("TC16.2", "so_mo_hinh_dan_van_kheo", 1),
])
def test_minimum_count(key, code, minimum):
    assert status_of(key, {code: minimum})[0] == "pass"
    assert status_of(key, {code: minimum - 1})[0] == "fail"
    assert status_of(key, {code: minimum + 1})[0] == "pass"
    assert status_of(key, {code: ABSENT})[0] == "missing"


def test_staffing_at_least_the_establishment():
    assert status_of("TC03.2", {"dinh_bien": 10})[0] == "pass"
    assert status_of("TC03.2", {"dinh_bien": 11})[0] == "fail"
    assert status_of("TC03.2", {"dinh_bien": 9})[0] == "pass"


def test_land_area_at_least_the_norm_with_decimals():
    assert status_of("TC04.1", {"dien_tich_dat_m2": "500"})[0] == "pass"
    assert status_of("TC04.1", {"dien_tich_dat_m2": "499,99"})[0] == "fail"
    assert status_of("TC04.1", {"dien_tich_dat_m2": "500,01"})[0] == "pass"


# --- bad input is refused with a message in Vietnamese --------------------------------------
@pytest.mark.parametrize("value, fragment", [
    ("-3", "Không được là số âm"), ("abc", "không phải là số"), ("2,5", "số nguyên"), (True, "không phải đúng/sai"),
])
def test_bad_counts_are_refused(value, fragment):
    errors = parse_values(FW, {"so_cbcs": value}).errors
    assert fragment in errors["so_cbcs"]


def test_bad_yes_no_and_unknown_codes_are_refused():
    errors = parse_values(FW, {"kinh_phi_du": "có lẽ", "khong_co": 1}).errors
    assert "Đạt hoặc Không đạt" in errors["kinh_phi_du"]
    assert "không có trong bộ tiêu chí" in errors["khong_co"]


def test_part_larger_than_total_names_both_fields():
    errors = parse_values(FW, {"so_khu_dan_cu": 30, "so_khu_dan_cu_van_hoa": 31}).errors
    assert errors == {"so_khu_dan_cu_van_hoa": "«Số khu dân cư văn hóa» (31) không được lớn hơn «Tổng số khu dân cư» (30)"}
