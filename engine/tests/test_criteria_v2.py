"""Every indicator and threshold boundary of version 2 of bca-5764-2021 (docs/criteria-v2.md).

Same shape as test_criteria_5764.py (version 1): the baseline sits exactly on most
boundaries (90/100 = 90% safe base units, 47 vs 50 = −6%, 1.200 of 1.200 million
VND disbursed...) and passes; each case changes one thing and checks the status of
the one condition it targets. Version 2 adds the "không để xảy ra X; nếu có phải
kịp thời ..." pattern, whose cases are in ``NEU_CO``.
"""

from pathlib import Path

import pytest

from engine.evaluate import evaluate
from engine.framework import load_text
from engine.inputs import parse_values

DATA = Path(__file__).resolve().parents[2] / "frameworks" / "data"
FW = load_text((DATA / "bca-5764-2021.v2.yaml").read_text("utf-8"), "bca-5764-2021.v2.yaml")
V1 = load_text((DATA / "bca-5764-2021.yaml").read_text("utf-8"), "bca-5764-2021.yaml")
BOOLS = [code for code, ind in FW.indicators.items() if ind.type == "bool"]

BASE = {code: True for code in BOOLS}
BASE.update(
    so_cbcs=10, so_cbcs_htt=10, dinh_bien=10, so_cbcs_dat_tieu_chuan=10, so_vu_vi_pham_ung_xu=0,
    dien_tich_dat_m2="500", dinh_muc_dat_m2="500", dien_tich_dat_sinh_hoat_m2="200", dinh_muc_dat_sinh_hoat_m2="200",
    so_hang_muc_dinh_muc=30, so_hang_muc_thieu=0, kinh_phi_du_toan_trieu="1200", kinh_phi_cap_trieu="1200",
    so_van_phong_dai_dien_nn=2, so_vu_chay_no_tngt_nghiem_trong=0, so_doi_tuong_dua_xe=0, so_vu_dua_xe=0,
    so_tin_bao=50, so_tin_bao_xu_ly=50,
    so_vu_nghiem_trong_cu_dan=0, so_vu_ttxh=47, so_tu_diem_phuc_tap=0, so_tu_diem_phuc_tap_moi=0,
    so_vu_viec_tn_mt_attp=0, so_vu_viec_tn_mt_attp_moi=0, so_vu_kinh_te=0, so_vu_kinh_te_chua_bao_cao=0,
    so_nguoi_nghien=17, so_nguoi_nghien_moi=0, so_doi_tuong_tron_cac_loai_bat=12,
    so_vu_manh_dong=0, so_vu_manh_dong_chua_xu_ly_kip_thoi=0,
    so_doi_tuong=40, so_doi_tuong_quan_ly=40, so_nguoi_dien_tai_pham=200, so_nguoi_tai_pham=2,
    so_su_co_doi_tuong_canh_ve=0, so_su_co_muc_tieu=0, so_vu_an_ninh_chinh_tri=0, so_vu_an_ninh_chinh_tri_chua_bao_cao=0,
    so_don_ton_dong=0, so_vu_kntc_dong_nguoi_vuot_cap=0, so_vu_kntc_dong_nguoi_vuot_cap_chua_xu_ly=0,
    so_mo_hinh_sang_tao=1, so_khen_thuong_nhan_dan=1, so_khen_thuong_can_bo_phuong=1,
    so_vi_pham_bvdp_dp=0, so_khu_dan_cu_an_toan=27, so_co_quan=10, so_co_quan_an_toan=9,
    so_doanh_nghiep=50, so_doanh_nghiep_an_toan=45, so_co_so_giao_duc=10, so_co_so_giao_duc_an_toan=9,
    so_mo_hinh_tu_quan=2, so_mo_hinh_dan_van_kheo=1, so_y_kien_ve_cong_an=20, so_y_kien_giai_quyet_kip_thoi=20,
    so_khu_dan_cu=30, so_khu_dan_cu_van_hoa=27, so_ho_gia_dinh=1000, so_gia_dinh_van_hoa=900,
    so_ho_thuc_hien_nep_song_van_minh=800, so_vu_me_tin_tai_dia_ban=0,
    so_vu_me_tin_noi_khac_den=0, so_vu_me_tin_noi_khac_den_chua_xu_ly=0,
    so_to_tu_quan=20, so_to_thuc_hien_tot_quy_uoc=20,
    so_ho_song_ven_duong=100, so_ho_ven_duong_co_cam_ket=100, so_ho_vi_pham_trat_tu_do_thi=0,
    so_co_so_sxkd=100, so_co_so_dat_mt_attp=100,
    so_tthc=40, so_tthc_cong_khai=40, so_ho_so=1000, so_ho_so_dung_han=1000, so_ho_so_truoc_han=100,
    so_don_phan_anh_cbcs=0, so_don_phan_anh_ket_luan_dung=0, so_don_phan_anh_chua_ket_luan=0,
    so_bao_cao_phai_gui=12, so_bao_cao_dat_yeu_cau=12,
)
PREV = {"so_vu_ttxh": 50, "so_tu_diem_phuc_tap": 0, "so_vu_viec_tn_mt_attp": 0, "so_nguoi_nghien": 20,
        "so_doi_tuong_tron_cac_loai_bat": 10}
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


def result_of(values=None, prev=None):
    v = {**BASE, **(values or {})}
    p = {**PREV, **(prev or {})}
    v = {k: x for k, x in v.items() if x is not ABSENT}
    p = {k: x for k, x in p.items() if x is not ABSENT}
    parsed = parse_values(FW, v)
    assert parsed.ok, parsed.errors
    return evaluate(FW, parsed.values, p)


def condition(key, values=None, prev=None):
    code, index = key.split(".")
    return result_of(values, prev).criteria[code].conditions[int(index) - 1]


def status_of(key, values=None, prev=None):
    return condition(key, values, prev).status


# --- the file itself --------------------------------------------------------------------------
def test_version_2_keeps_the_groups_criteria_and_refs_of_version_1():
    assert (FW.code, FW.version, FW.effective_from) == ("bca-5764-2021", 2, 2026)
    assert "phiên bản 2" in FW.title and "Phiên bản 2" in FW.source
    assert [g.code for g in FW.groups] == [g.code for g in V1.groups] == [f"N{i}" for i in range(1, 8)]
    assert [len(g.criteria) for g in FW.groups] == [1, 2, 2, 2, 6, 6, 3]
    assert [(c.code, c.ref, c.group) for c in FW.criteria] == [(c.code, c.ref, c.group) for c in V1.criteria]
    assert FW.prev_codes == ["so_vu_ttxh", "so_tu_diem_phuc_tap", "so_vu_viec_tn_mt_attp", "so_nguoi_nghien",
                             "so_doi_tuong_tron_cac_loai_bat"]


def test_every_criterion_has_one_to_three_evidence_documents():
    for crit in FW.criteria:
        assert 1 <= len(crit.evidence) <= 3, crit.code
        assert all(isinstance(e, str) and len(e.strip()) > 10 for e in crit.evidence), crit.code
        assert len(set(crit.evidence)) == len(crit.evidence), crit.code


def test_every_condition_explains_itself_and_ratios_say_when_they_do_not_apply():
    for crit in FW.criteria:
        for cond in crit.conditions:
            assert cond.text and cond.explain.source, cond.key
            if "/" in cond.rule or cond.when:
                assert cond.na_text.startswith("Không áp dụng:"), cond.key


SHARED = sorted("""
    dang_bo_phuong_htxs ubnd_phuong_ldxs phuong_an_toan_antt phuong_tdbvantq_xuat_sac cap_tham_muu_tot
    chi_bo_cap_htxs cap_quyet_thang cap_van_hoa_dieu_lenh so_cbcs so_cbcs_htt
    dung_mo_hinh_to_chuc dinh_bien so_cbcs_dat_tieu_chuan so_vu_vi_pham_ung_xu
    dien_tich_dat_m2 dinh_muc_dat_m2 tru_so_dung_mau
    qlnn_antt_tot csdl_dan_cu_dat so_vu_chay_no_tngt_nghiem_trong so_doi_tuong_dua_xe so_vu_dua_xe
    qlnn_ton_giao_dan_toc_tot nghiep_vu_dung_huong_dan so_tin_bao so_tin_bao_xu_ly bat_giu_tiep_nhan_tot
    so_vu_nghiem_trong_cu_dan so_vu_ttxh so_vu_kinh_te_chua_bao_cao so_nguoi_nghien so_nguoi_nghien_moi
    so_doi_tuong so_doi_tuong_quan_ly so_nguoi_dien_tai_pham so_nguoi_tai_pham
    so_su_co_muc_tieu tiep_cong_dan_dung_quy_dinh so_don_ton_dong
    so_vi_pham_bvdp_dp nam_tinh_hinh_tot so_mo_hinh_tu_quan so_mo_hinh_dan_van_kheo to_chuc_ngay_hoi_dien_dan
    so_khu_dan_cu so_khu_dan_cu_van_hoa so_ho_gia_dinh so_gia_dinh_van_hoa
    so_to_tu_quan mau_thuan_giai_quyet_tai_co_so ve_sinh_moi_truong_dat so_co_so_sxkd so_co_so_dat_mt_attp
    so_tthc so_tthc_cong_khai so_ho_so so_ho_so_dung_han so_ho_so_truoc_han so_bao_cao_phai_gui phoi_hop_thong_tin_tot
""".split())
DROPPED = sorted("""
    trang_bi_du_dinh_muc kinh_phi_du so_tu_diem so_tu_diem_moi so_doi_tuong_tron_bat so_vu_manh_dong_chua_xu_ly
    so_su_kien_chinh_tri_bat_ngo so_vu_khieu_kien_dong_nguoi co_mo_hinh_sang_tao so_luot_khen_thuong
    so_don_vi_co_so so_don_vi_an_toan so_y_kien_nhan_dan so_y_kien_giai_quyet so_ho_nep_song_van_minh
    so_vu_me_tin_chua_xu_ly so_to_co_quy_uoc so_ho_ven_duong so_ho_ven_duong_cam_ket so_ho_lan_chiem
    so_don_thai_do_ket_luan_dung so_bao_cao_dung_han
""".split())


def test_codes_shared_with_version_1_keep_their_type():
    assert sorted(set(FW.indicators) & set(V1.indicators)) == SHARED
    assert sorted(set(V1.indicators) - set(FW.indicators)) == DROPPED
    assert len(SHARED) == 60 and len(FW.indicators) - len(SHARED) == 52
    for code in SHARED:
        assert FW.indicators[code].type == V1.indicators[code].type, code
        assert FW.indicators[code].criterion == V1.indicators[code].criterion, code


def test_a_past_years_figures_carry_over_into_version_2_for_the_shared_codes():
    # a what-if view reads last year's v1 record with v2: shared codes parse and keep their values
    v1_figures = {code: BASE[code] for code in SHARED}
    parsed = parse_values(FW, v1_figures)
    assert parsed.ok and set(parsed.values) == set(SHARED)


CODES_FIXED_BY_THE_ISSUE = {  # code: (type, max, criterion)
    "so_cbcs": ("int", None, "TC02"), "dinh_bien": ("int", None, "TC03"), "so_cbcs_dat_tieu_chuan": ("int", "so_cbcs", "TC03"),
    "dien_tich_dat_m2": ("num", None, "TC04"), "dinh_muc_dat_m2": ("num", None, "TC04"),
    "dien_tich_dat_sinh_hoat_m2": ("num", None, "TC04"), "dinh_muc_dat_sinh_hoat_m2": ("num", None, "TC04"),
    "tru_so_dung_mau": ("bool", None, "TC04"),
    "so_hang_muc_dinh_muc": ("int", None, "TC05"), "so_hang_muc_thieu": ("int", "so_hang_muc_dinh_muc", "TC05"),
    "kinh_phi_du_toan_trieu": ("num", None, "TC05"), "kinh_phi_cap_trieu": ("num", None, "TC05"),
    "so_mo_hinh_sang_tao": ("int", None, "TC14"), "so_khen_thuong_nhan_dan": ("int", None, "TC14"),
    "so_khen_thuong_can_bo_phuong": ("int", None, "TC14"),
    "so_mo_hinh_tu_quan": ("int", None, "TC16"), "so_mo_hinh_dan_van_kheo": ("int", None, "TC16"),
    "to_chuc_ngay_hoi_dien_dan": ("bool", None, "TC16"), "so_y_kien_ve_cong_an": ("int", None, "TC16"),
    "so_y_kien_giai_quyet_kip_thoi": ("int", "so_y_kien_ve_cong_an", "TC16"),
}


@pytest.mark.parametrize("code", sorted(CODES_FIXED_BY_THE_ISSUE))
def test_codes_that_registers_fill_are_exactly_as_agreed(code):
    ind = FW.indicators[code]
    assert (ind.type, ind.max, ind.criterion) == CODES_FIXED_BY_THE_ISSUE[code]


# --- the baseline ----------------------------------------------------------------------------
def test_the_baseline_meets_all_22_criteria():
    result = result_of()
    assert result.meets_standard
    assert [r.status for r in result.criteria.values()] == ["pass"] * 22


def test_every_indicator_is_exercised_by_this_file():
    assert set(BASE) | set(PREV) == set(FW.indicators)


# --- yes/no indicators: true passes, false fails, blank is missing -------------------------
BOOL_KEYS = {
    "dang_bo_phuong_htxs": "TC01.1", "ubnd_phuong_ldxs": "TC01.2", "phuong_an_toan_antt": "TC01.3",
    "phuong_tdbvantq_xuat_sac": "TC01.4", "cap_tham_muu_tot": "TC01.5", "chi_bo_cap_htxs": "TC02.1",
    "cap_quyet_thang": "TC02.2", "cap_van_hoa_dieu_lenh": "TC02.3", "dung_mo_hinh_to_chuc": "TC03.1",
    "dung_chuc_nang_tham_quyen": "TC03.4", "tru_so_dung_mau": "TC04.3",
    "qlnn_antt_tot": "TC06.1", "quan_ly_nguoi_nuoc_ngoai_tot": "TC06.2", "quan_ly_van_phong_dai_dien_tot": "TC06.3",
    "csdl_dan_cu_dat": "TC06.4", "qlnn_ton_giao_dan_toc_tot": "TC07.1", "nghiep_vu_dung_huong_dan": "TC08.1",
    "to_chuc_truc_ban": "TC09.1", "bat_giu_tiep_nhan_tot": "TC09.3", "tiep_cong_dan_dung_quy_dinh": "TC13.1",
    "kien_toan_luc_luong_co_so": "TC15.1", "nam_tinh_hinh_tot": "TC15.4", "vu_viec_co_so_giai_quyet_kip_thoi": "TC15.5",
    "to_chuc_ngay_hoi_dien_dan": "TC16.3", "mau_thuan_giai_quyet_tai_co_so": "TC18.2",
    "ve_sinh_moi_truong_dat": "TC19.1", "thu_gom_rac_thai_dung_quy_dinh": "TC19.2", "tuyen_truyen_mt_tn_attp_tot": "TC19.4",
    "phoi_hop_thong_tin_tot": "TC22.2",
}


def test_bool_table_covers_every_bool():
    assert set(BOOL_KEYS) == set(BOOLS)


@pytest.mark.parametrize("code", sorted(BOOL_KEYS))
def test_bool_indicator(code):
    key = BOOL_KEYS[code]
    assert status_of(key, {code: True}) == "pass"
    assert status_of(key, {code: False}) == "fail"
    assert status_of(key, {code: ABSENT}) == "missing"
    assert not result_of({code: ABSENT}).meets_standard


# --- counts that must be zero, with no "nếu có": 0 passes, 1 fails, blank is missing ---------
ZERO_KEYS = {
    "so_vu_vi_pham_ung_xu": "TC03.5", "so_hang_muc_thieu": "TC05.1", "so_vu_chay_no_tngt_nghiem_trong": "TC06.5",
    "so_doi_tuong_dua_xe": "TC06.6", "so_vu_dua_xe": "TC06.7", "so_vu_nghiem_trong_cu_dan": "TC10.1",
    "so_nguoi_nghien_moi": "TC10.7", "so_su_co_doi_tuong_canh_ve": "TC12.1", "so_su_co_muc_tieu": "TC12.2",
    "so_don_ton_dong": "TC13.2", "so_vi_pham_bvdp_dp": "TC15.2", "so_vu_me_tin_tai_dia_ban": "TC17.4",
    "so_ho_vi_pham_trat_tu_do_thi": "TC18.4",
}


@pytest.mark.parametrize("code", sorted(ZERO_KEYS))
def test_zero_count(code):
    key = ZERO_KEYS[code]
    assert status_of(key, {code: 0}) == "pass"
    assert status_of(key, {code: 1}) == "fail"
    assert status_of(key, {code: ABSENT}) == "missing"
    assert not parse_values(FW, {code: -1}).ok  # below zero cannot be entered


def test_protected_persons_and_key_targets_are_absolute():
    # TC12: "bảo vệ tuyệt đối an toàn" has no "nếu có": one incident fails whatever was done about it
    for key, code in [("TC12.1", "so_su_co_doi_tuong_canh_ve"), ("TC12.2", "so_su_co_muc_tieu")]:
        assert FW.criterion("TC12").conditions[int(key[-1]) - 1].rule == f"{code} = 0"
        assert status_of(key, {code: 1, "so_vu_an_ninh_chinh_tri": 1}) == "fail"


# --- "không để xảy ra X; nếu có phải kịp thời ...": so_x = 0 or so_x_chua = 0 ------------------
NEU_CO = [  # key, how many happened, how many of them were not detected/reported/handled in time
    ("TC10.5", "so_vu_kinh_te", "so_vu_kinh_te_chua_bao_cao"),
    ("TC10.9", "so_vu_manh_dong", "so_vu_manh_dong_chua_xu_ly_kip_thoi"),
    ("TC12.3", "so_vu_an_ninh_chinh_tri", "so_vu_an_ninh_chinh_tri_chua_bao_cao"),
    ("TC13.3", "so_vu_kntc_dong_nguoi_vuot_cap", "so_vu_kntc_dong_nguoi_vuot_cap_chua_xu_ly"),
    ("TC17.5", "so_vu_me_tin_noi_khac_den", "so_vu_me_tin_noi_khac_den_chua_xu_ly"),
]


@pytest.mark.parametrize("key, happened, late", NEU_CO)
def test_neu_co_pattern_is_declared_the_same_way_everywhere(key, happened, late):
    cond = condition(key)
    assert FW.criterion(key[:4]).conditions[int(key[5:]) - 1].rule == f"{happened} = 0 or {late} = 0"
    assert FW.indicators[late].max == happened
    assert FW.indicators[happened].type == FW.indicators[late].type == "int"
    assert cond.status == "pass"


@pytest.mark.parametrize("key, happened, late", NEU_CO)
def test_neu_co_pattern_boundaries(key, happened, late):
    assert status_of(key, {happened: 0, late: 0}) == "pass"  # nothing happened
    assert status_of(key, {happened: 3, late: 0}) == "pass"  # some happened, all handled in time
    assert status_of(key, {happened: 3, late: 1}) == "fail"  # one of them not handled in time
    assert status_of(key, {happened: 1, late: 1}) == "fail"
    assert status_of(key, {happened: 3, late: 3}) == "fail"


@pytest.mark.parametrize("key, happened, late", NEU_CO)
def test_neu_co_pattern_with_a_blank_side(key, happened, late):
    # or3 (engine/values.py): a true side wins over a missing one, so a known 0 on either side is enough
    assert status_of(key, {happened: 0, late: ABSENT}) == "pass"
    assert status_of(key, {happened: ABSENT, late: 0}) == "pass"
    assert status_of(key, {happened: 3, late: ABSENT}) == "missing"
    assert status_of(key, {happened: ABSENT, late: 1}) == "missing"
    assert status_of(key, {happened: ABSENT, late: ABSENT}) == "missing"


@pytest.mark.parametrize("key, happened, late", NEU_CO)
def test_neu_co_explanation_shows_both_numbers(key, happened, late):
    cond = condition(key, {happened: 3, late: 1})
    assert cond.status == "fail"
    assert cond.explanation.startswith("3 ") and "trong đó 1 vụ" in cond.explanation
    errors = parse_values(FW, {happened: 1, late: 2}).errors  # more late than happened is refused
    assert FW.indicators[happened].label in errors[late]


# --- 100% ratios: equal passes, one short fails, empty total is not applicable -------------
FULL_RATIOS = {
    ("so_cbcs_htt", "so_cbcs"): "TC02.4", ("so_cbcs_dat_tieu_chuan", "so_cbcs"): "TC03.3",
    ("so_tin_bao_xu_ly", "so_tin_bao"): "TC09.2", ("so_doi_tuong_quan_ly", "so_doi_tuong"): "TC11.1",
    ("so_y_kien_giai_quyet_kip_thoi", "so_y_kien_ve_cong_an"): "TC16.4",
    ("so_to_thuc_hien_tot_quy_uoc", "so_to_tu_quan"): "TC18.1",
    ("so_ho_ven_duong_co_cam_ket", "so_ho_song_ven_duong"): "TC18.3",
    ("so_co_so_dat_mt_attp", "so_co_so_sxkd"): "TC19.3",
    ("so_tthc_cong_khai", "so_tthc"): "TC20.1", ("so_ho_so_dung_han", "so_ho_so"): "TC20.2",
    ("so_bao_cao_dat_yeu_cau", "so_bao_cao_phai_gui"): "TC22.1",
}


@pytest.mark.parametrize("part, total", sorted(FULL_RATIOS))
def test_full_ratio(part, total):
    key = FULL_RATIOS[(part, total)]
    extra = {"so_ho_so_truoc_han": 10} if total == "so_ho_so" else {}
    assert status_of(key, {part: 100, total: 100, **extra}) == "pass"
    assert status_of(key, {part: 99, total: 100, **extra}) == "fail"
    assert status_of(key, emptied(total)) == "not_applicable"
    assert status_of(key, {**emptied(total), part: ABSENT}) == "not_applicable"
    assert status_of(key, {part: ABSENT}) == "missing"
    too_many = parse_values(FW, {part: 101, total: 100})
    assert FW.indicators[total].label in too_many.errors[part]  # names both fields


# --- thresholds ≥ p%: exactly at passes, just below fails, just above passes ---------------
AT_LEAST = [
    ("TC17.1", "so_khu_dan_cu_van_hoa", "so_khu_dan_cu", 90),
    ("TC17.2", "so_gia_dinh_van_hoa", "so_ho_gia_dinh", 90),
    ("TC17.3", "so_ho_thuc_hien_nep_song_van_minh", "so_ho_gia_dinh", 80),
    ("TC20.3", "so_ho_so_truoc_han", "so_ho_so", 10),
]


@pytest.mark.parametrize("key, part, total, pct", AT_LEAST)
def test_at_least_percent(key, part, total, pct):
    fix = {"so_ho_so_dung_han": 10000} if total == "so_ho_so" else {}
    big = {total: 10000, **fix}
    if total == "so_ho_gia_dinh":  # keep the sibling ratio valid
        big.update(so_gia_dinh_van_hoa=9000, so_ho_thuc_hien_nep_song_van_minh=8000)
    assert status_of(key, {**big, part: pct * 100}) == "pass"  # exactly p%
    assert status_of(key, {**big, part: pct * 100 - 1}) == "fail"  # p% − 0,01%
    assert status_of(key, {**big, part: pct * 100 + 1}) == "pass"
    assert status_of(key, emptied(total)) == "not_applicable"


# --- TC15: 90% of the four kinds of base units taken together (docs/decisions.md) -----------
KINDS = [("so_khu_dan_cu", "so_khu_dan_cu_an_toan"), ("so_co_quan", "so_co_quan_an_toan"),
         ("so_doanh_nghiep", "so_doanh_nghiep_an_toan"), ("so_co_so_giao_duc", "so_co_so_giao_duc_an_toan")]


def kinds(totals, safe):
    out = {"so_khu_dan_cu_van_hoa": totals[0]}  # keeps TC17's part within the shared total
    for (total, part), t, s in zip(KINDS, totals, safe):
        out.update({total: t, part: s})
    return out


def test_safe_base_units_ninety_percent_of_the_pool():
    totals = (4000, 1000, 4000, 1000)
    assert status_of("TC15.3", kinds(totals, (3600, 900, 3600, 900))) == "pass"  # 9000/10000 exactly
    assert status_of("TC15.3", kinds(totals, (3600, 900, 3600, 899))) == "fail"  # 8999
    assert status_of("TC15.3", kinds(totals, (3600, 900, 3601, 900))) == "pass"  # 9001


def test_safe_base_units_one_kind_below_ninety_percent_does_not_fail_the_pool():
    cond = condition("TC15.3", kinds((30, 10, 50, 10), (30, 10, 50, 0)))  # schools 0/10, pool 90/100
    assert cond.status == "pass"
    assert "90/100 đơn vị cơ sở" in cond.explanation and "cơ sở giáo dục 0/10" in cond.explanation


def test_safe_base_units_edges():
    assert status_of("TC15.3", kinds((0, 0, 0, 0), (0, 0, 0, 0))) == "not_applicable"
    assert status_of("TC15.3", kinds((0, 0, 0, 10), (0, 0, 0, 9))) == "pass"  # only one kind on the ward
    assert status_of("TC15.3", kinds((0, 0, 0, 10), (0, 0, 0, 8))) == "fail"
    assert status_of("TC15.3", {"so_co_so_giao_duc": ABSENT, "so_co_so_giao_duc_an_toan": ABSENT}) == "missing"
    assert status_of("TC15.3", {"so_doanh_nghiep_an_toan": ABSENT}) == "missing"
    # the khu dân cư total is TC17's: one figure for both criteria
    assert FW.indicators["so_khu_dan_cu_an_toan"].max == "so_khu_dan_cu"
    assert FW.indicators["so_khu_dan_cu"].criterion == "TC17"


# --- reoffending below 1,5%: exactly 1,5% fails -------------------------------------------
def test_reoffending_below_one_and_a_half_percent():
    at = {"so_nguoi_dien_tai_pham": 20000}
    assert status_of("TC11.2", {**at, "so_nguoi_tai_pham": 300}) == "fail"  # exactly 1,5%
    assert status_of("TC11.2", {**at, "so_nguoi_tai_pham": 299}) == "pass"
    assert status_of("TC11.2", {**at, "so_nguoi_tai_pham": 301}) == "fail"
    assert status_of("TC11.2", {"so_nguoi_dien_tai_pham": 0, "so_nguoi_tai_pham": 0}) == "not_applicable"


# --- reductions vs last year ----------------------------------------------------------------
@pytest.mark.parametrize("key, code, prev, at, pct", [("TC10.2", "so_vu_ttxh", 50, 47, 6), ("TC10.6", "so_nguoi_nghien", 20, 17, 15)])
def test_reduction_vs_last_year(key, code, prev, at, pct):
    assert status_of(key, {code: at}, {code: prev}) == "pass"  # exactly −p%
    assert status_of(key, {code: at + 1}, {code: prev}) == "fail"
    assert status_of(key, {code: at - 1}, {code: prev}) == "pass"
    assert status_of(key, {code: 0}, {code: 0}) == "pass"  # prev = 0: pass iff x = 0
    assert status_of(key, {code: 1}, {code: 0}) == "fail"
    assert status_of(key, {code: at}, {code: ABSENT}) == "missing"


def test_reduction_explanation_has_the_numbers():
    cond = condition("TC10.2", {"so_vu_ttxh": 47}, {"so_vu_ttxh": 49})
    assert cond.status == "fail"
    assert "Tội phạm về TTXH giảm 4,0% so với năm trước (47/49 vụ), yêu cầu giảm ≥ 6%" in cond.explanation


# --- increase vs last year: every kind of escapee; prev = 0 is not applicable ----------------
def test_escapees_of_every_kind_caught_or_surrendered_increase_by_twenty_percent():
    code = "so_doi_tuong_tron_cac_loai_bat"
    assert status_of("TC10.8", {code: 12}, {code: 10}) == "pass"  # exactly +20%
    assert status_of("TC10.8", {code: 11}, {code: 10}) == "fail"
    assert status_of("TC10.8", {code: 13}, {code: 10}) == "pass"
    na = result_of({code: 3}, {code: 0})
    assert na.criteria["TC10"].conditions[7].status == "not_applicable" and na.criteria["TC10"].status == "pass"
    assert status_of("TC10.8", {code: 3}, {code: ABSENT}) == "missing"
    assert "trốn các loại" in FW.indicators[code].label


# --- hot spots and complex cases: none left, or halved with no new one ----------------------
@pytest.mark.parametrize("key, code, new", [
    ("TC10.3", "so_tu_diem_phuc_tap", "so_tu_diem_phuc_tap_moi"),
    ("TC10.4", "so_vu_viec_tn_mt_attp", "so_vu_viec_tn_mt_attp_moi"),
])
def test_none_left_or_halved_with_none_new(key, code, new):
    assert status_of(key, {code: 0}, {code: ABSENT}) == "pass"
    assert status_of(key, {code: 0, new: 2}, {code: ABSENT}) == "pass"  # none left at all
    assert status_of(key, {code: 2}, {code: 4}) == "pass"  # exactly 50%
    assert status_of(key, {code: 3}, {code: 4}) == "fail"
    assert status_of(key, {code: 1}, {code: 4}) == "pass"
    assert status_of(key, {code: 2, new: 1}, {code: 4}) == "fail"
    assert status_of(key, {code: 1}, {code: 0}) == "fail"
    assert status_of(key, {code: 2}, {code: ABSENT}) == "missing"
    assert status_of(key, {code: 2, new: ABSENT}, {code: 4}) == "missing"


# --- minimum counts and comparisons between indicators --------------------------------------
@pytest.mark.parametrize("key, code, minimum", [
    ("TC14.1", "so_mo_hinh_sang_tao", 1), ("TC14.2", "so_khen_thuong_nhan_dan", 1),
    ("TC14.3", "so_khen_thuong_can_bo_phuong", 1),
    ("TC16.1", "so_mo_hinh_tu_quan", 2), ("TC16.2", "so_mo_hinh_dan_van_kheo", 1),
])
def test_minimum_count(key, code, minimum):
    assert status_of(key, {code: minimum}) == "pass"
    assert status_of(key, {code: minimum - 1}) == "fail"
    assert status_of(key, {code: minimum + 1}) == "pass"
    assert status_of(key, {code: ABSENT}) == "missing"


def test_rewards_for_the_people_and_for_ward_officials_are_both_needed():
    result = result_of({"so_khen_thuong_nhan_dan": 5, "so_khen_thuong_can_bo_phuong": 0})
    assert result.criteria["TC14"].status == "fail"
    result = result_of({"so_khen_thuong_nhan_dan": 0, "so_khen_thuong_can_bo_phuong": 5})
    assert result.criteria["TC14"].status == "fail"


def test_staffing_at_least_the_establishment():
    assert status_of("TC03.2", {"dinh_bien": 10}) == "pass"
    assert status_of("TC03.2", {"dinh_bien": 11}) == "fail"
    assert status_of("TC03.2", {"dinh_bien": 9}) == "pass"


@pytest.mark.parametrize("key, area, norm, at", [
    ("TC04.1", "dien_tich_dat_m2", "dinh_muc_dat_m2", "500"),
    ("TC04.2", "dien_tich_dat_sinh_hoat_m2", "dinh_muc_dat_sinh_hoat_m2", "200"),
])
def test_land_areas_at_least_their_norm_with_decimals(key, area, norm, at):
    assert status_of(key, {area: at}) == "pass"
    assert status_of(key, {area: f"{int(at) - 1},99"}) == "fail"
    assert status_of(key, {area: at + ",01"}) == "pass"
    assert status_of(key, {area: "0", norm: "0"}) == "pass"  # no norm set: nothing is short
    assert status_of(key, {norm: ABSENT}) == "missing"


# --- TC05: equipment against the norm table; funding against the plan ----------------------
def test_equipment_norm_table():
    assert status_of("TC05.1", {"so_hang_muc_thieu": 0}) == "pass"
    assert status_of("TC05.1", {"so_hang_muc_thieu": 1}) == "fail"
    assert status_of("TC05.1", {"so_hang_muc_thieu": 30}) == "fail"
    assert status_of("TC05.1", {"so_hang_muc_dinh_muc": 0, "so_hang_muc_thieu": 0}) == "not_applicable"
    assert status_of("TC05.1", {"so_hang_muc_dinh_muc": 0, "so_hang_muc_thieu": ABSENT}) == "not_applicable"
    assert status_of("TC05.1", {"so_hang_muc_dinh_muc": ABSENT}) == "missing"
    cond = condition("TC05.1", {"so_hang_muc_thieu": 2})
    assert cond.explanation.startswith("2/30 hạng mục định mức còn thiếu")


def test_funding_disbursed_at_least_the_plan():
    assert status_of("TC05.3", {"kinh_phi_cap_trieu": "1200"}) == "pass"  # exactly the plan
    assert status_of("TC05.3", {"kinh_phi_cap_trieu": "1199,99"}) == "fail"
    assert status_of("TC05.3", {"kinh_phi_cap_trieu": "1250,5"}) == "pass"
    assert status_of("TC05.3", {"kinh_phi_cap_trieu": ABSENT}) == "missing"
    assert status_of("TC05.2", {"kinh_phi_du_toan_trieu": "0,01", "kinh_phi_cap_trieu": "0,01"}) == "pass"


def test_funding_without_a_plan_fails_and_says_so():
    result = result_of({"kinh_phi_du_toan_trieu": "0", "kinh_phi_cap_trieu": "0"})
    planned, disbursed = result.criteria["TC05"].conditions[1:]
    assert planned.status == "fail" and "chưa có dự toán kinh phí" in planned.explanation
    assert disbursed.status == "not_applicable" and "chưa có dự toán kinh phí" in disbursed.explanation
    assert result.criteria["TC05"].status == "fail" and not result.meets_standard
    # a plan of 0 fails even when money was disbursed or the disbursed figure is blank
    assert status_of("TC05.2", {"kinh_phi_du_toan_trieu": "0", "kinh_phi_cap_trieu": "300"}) == "fail"
    assert result_of({"kinh_phi_du_toan_trieu": "0", "kinh_phi_cap_trieu": ABSENT}).criteria["TC05"].status == "fail"
    assert status_of("TC05.2", {"kinh_phi_du_toan_trieu": ABSENT}) == "missing"


# --- TC06: representative offices with foreigners only where there are some -----------------
def test_representative_offices_apply_only_when_the_ward_has_some():
    code = "quan_ly_van_phong_dai_dien_tot"
    assert status_of("TC06.3", {"so_van_phong_dai_dien_nn": 0, code: False}) == "not_applicable"
    assert status_of("TC06.3", {"so_van_phong_dai_dien_nn": 0, code: ABSENT}) == "not_applicable"
    assert status_of("TC06.3", {"so_van_phong_dai_dien_nn": 1, code: False}) == "fail"
    assert status_of("TC06.3", {"so_van_phong_dai_dien_nn": ABSENT}) == "missing"
    # foreigners' residence is asked on its own, separately from the offices
    assert status_of("TC06.2", {"so_van_phong_dai_dien_nn": 0, "quan_ly_nguoi_nuoc_ngoai_tot": False}) == "fail"


# --- TC18: road-side households ------------------------------------------------------------
def test_road_side_households_violations_apply_only_when_there_are_some():
    assert status_of("TC18.4", emptied("so_ho_song_ven_duong")) == "not_applicable"
    assert status_of("TC18.4", {**emptied("so_ho_song_ven_duong"), "so_ho_vi_pham_trat_tu_do_thi": ABSENT}) == "not_applicable"
    assert status_of("TC18.4", {"so_ho_song_ven_duong": ABSENT, "so_ho_ven_duong_co_cam_ket": ABSENT}) == "missing"
    errors = parse_values(FW, {"so_ho_song_ven_duong": 5, "so_ho_vi_pham_trat_tu_do_thi": 6}).errors
    assert "so_ho_vi_pham_trat_tu_do_thi" in errors


# --- TC21: complaints about officers: none, or all concluded unfounded ----------------------
def test_complaints_about_officers():
    assert status_of("TC21.1", {"so_don_phan_anh_cbcs": 0}) == "pass"
    assert status_of("TC21.2", {"so_don_phan_anh_cbcs": 0}) == "pass"
    # none received: the two parts may be left blank
    blank = {"so_don_phan_anh_cbcs": 0, "so_don_phan_anh_ket_luan_dung": ABSENT, "so_don_phan_anh_chua_ket_luan": ABSENT}
    assert result_of(blank).criteria["TC21"].status == "pass"
    # three received, all concluded unfounded by a competent body
    assert result_of({"so_don_phan_anh_cbcs": 3}).criteria["TC21"].status == "pass"
    # one concluded founded
    assert status_of("TC21.1", {"so_don_phan_anh_cbcs": 3, "so_don_phan_anh_ket_luan_dung": 1}) == "fail"
    assert status_of("TC21.1", {"so_don_phan_anh_cbcs": 3, "so_don_phan_anh_ket_luan_dung": ABSENT}) == "missing"


def test_a_complaint_still_awaiting_its_conclusion_is_not_yet_passing():
    result = result_of({"so_don_phan_anh_cbcs": 3, "so_don_phan_anh_chua_ket_luan": 2})
    founded, pending = result.criteria["TC21"].conditions
    assert founded.status == "pass"  # none concluded founded so far
    assert pending.status == "fail" and result.criteria["TC21"].status == "fail"
    assert pending.explanation.startswith("Còn 2 đơn chưa có kết luận")
    assert "chưa đạt" in pending.explanation
    assert status_of("TC21.2", {"so_don_phan_anh_cbcs": 3, "so_don_phan_anh_chua_ket_luan": 1}) == "fail"
    assert status_of("TC21.2", {"so_don_phan_anh_cbcs": 3, "so_don_phan_anh_chua_ket_luan": ABSENT}) == "missing"
    assert not parse_values(FW, {"so_don_phan_anh_cbcs": 1, "so_don_phan_anh_chua_ket_luan": 2}).ok


# --- every condition has a boundary test above ---------------------------------------------
SPECIAL = {
    "TC03.2", "TC04.1", "TC04.2", "TC05.2", "TC05.3", "TC10.2", "TC10.3", "TC10.4", "TC10.6", "TC10.8",
    "TC11.2", "TC15.3", "TC21.1", "TC21.2",
}


def test_every_condition_is_targeted_by_a_boundary_test():
    keys = set(BOOL_KEYS.values()) | set(ZERO_KEYS.values()) | set(FULL_RATIOS.values()) | SPECIAL
    keys |= {k for k, *_ in AT_LEAST} | {k for k, *_ in NEU_CO}
    keys |= {"TC14.1", "TC14.2", "TC14.3", "TC16.1", "TC16.2"}  # test_minimum_count
    assert keys == {cond.key for crit in FW.criteria for cond in crit.conditions}


# --- bad input is refused with a message in Vietnamese --------------------------------------
def test_part_larger_than_total_names_both_fields():
    errors = parse_values(FW, {"so_co_quan": 9, "so_co_quan_an_toan": 10}).errors
    assert errors == {"so_co_quan_an_toan": "«Số cơ quan đạt “An toàn về ANTT”» (10) không được lớn hơn «Số cơ quan trên địa bàn» (9)"}


def test_money_is_read_the_vietnamese_way_and_never_negative():
    assert parse_values(FW, {"kinh_phi_du_toan_trieu": "1.250,5"}).values == {"kinh_phi_du_toan_trieu": "1250.5"}
    assert "Không được là số âm" in parse_values(FW, {"kinh_phi_cap_trieu": "-1"}).errors["kinh_phi_cap_trieu"]


def test_version_2_requires_evidence_and_version_1_does_not():
    v1 = load_text((Path(__file__).resolve().parents[2] / "frameworks" / "data" / "bca-5764-2021.yaml").read_text("utf-8"))
    assert FW.evidence_required is True and v1.evidence_required is False
    assert (FW.version, FW.effective_from, v1.version, v1.effective_from) == (2, 2026, 1, 2021)
