from fractions import Fraction

import pytest

from engine.evaluate import columns
from engine.gaps import suggest
from engine.inputs import parse_values
from engine.tests.test_criteria_5764 import BASE, FW, PREV


def gaps(key, values=None, prev=None):
    v = parse_values(FW, {**BASE, **(values or {})})
    assert v.ok, v.errors
    cols = columns(FW, [(v.values, {**PREV, **(prev or {})})])
    cur = {k: c[0] for k, c in cols.current.items()}
    pr = {k: c[0] for k, c in cols.previous.items()}
    code, index = key.split(".")
    cond = FW.criterion(code).conditions[int(index) - 1]
    return suggest(FW, cond, cur, pr)


def test_cultural_areas_26_of_30_needs_one_more():
    [fix] = gaps("TC17.1", {"so_khu_dan_cu_van_hoa": 26})
    assert (fix.code, fix.current, fix.target) == ("so_khu_dan_cu_van_hoa", 26, 27)
    assert fix.text == "cần thêm 1 «Số khu dân cư văn hóa»: 26/30 → 27/30 ≥ 90%"


def test_a_passing_condition_needs_nothing():
    assert gaps("TC17.1", {"so_khu_dan_cu_van_hoa": 27}) == []


def test_crime_must_fall_to_the_floor_of_94_percent_of_last_year():
    [fix] = gaps("TC10.2", {"so_vu_ttxh": 47}, {"so_vu_ttxh": 48})
    assert fix.target == 45  # 48 × 0,94 = 45,12 → at most 45
    assert fix.text == "«Số vụ phạm tội về trật tự xã hội» phải ≤ 45 (năm trước 48, hiện 47)"


@pytest.mark.parametrize("prev, target", [(50, 47), (49, 46), (100, 94), (1, 0), (0, 0)])
def test_reduction_targets_at_their_boundaries(prev, target):
    [fix] = gaps("TC10.2", {"so_vu_ttxh": prev + 1}, {"so_vu_ttxh": prev})
    assert fix.target == target


@pytest.mark.parametrize("prev, target", [(10, 12), (11, 14), (5, 6)])
def test_increase_targets_round_up(prev, target):
    [fix] = gaps("TC10.7", {"so_doi_tuong_tron_bat": 0}, {"so_doi_tuong_tron_bat": prev})
    assert fix.target == target


@pytest.mark.parametrize("total, part, target", [(30, 26, 27), (10, 8, 9), (31, 27, 28), (10000, 8999, 9000)])
def test_ratio_targets_are_the_smallest_passing_part(total, part, target):
    [fix] = gaps("TC17.1", {"so_khu_dan_cu": total, "so_khu_dan_cu_van_hoa": part})
    assert fix.target == target
    assert Fraction(target, total) >= Fraction(9, 10) > Fraction(target - 1, total)


def test_reoffending_below_one_and_a_half_percent():
    [fix] = gaps("TC11.2", {"so_nguoi_dien_tai_pham": 200, "so_nguoi_tai_pham": 3})
    assert fix.target == 2  # 3/200 = 1,5% fails; 2/200 = 1% passes
    assert fix.text.startswith("cần bớt 1")


def test_zero_count_bool_and_minimum():
    assert gaps("TC13.2", {"so_don_ton_dong": 2})[0].text == "«Số đơn thư tồn đọng, kéo dài» phải giảm từ 2 xuống 0"
    assert gaps("TC05.2", {"kinh_phi_du": False})[0].text == "cần đạt: «Được bảo đảm đủ kinh phí hoạt động, nghiệp vụ»"
    assert gaps("TC16.1", {"so_mo_hinh_tu_quan": 1})[0].text == "cần thêm 1 «Số mô hình tự quản về ANTT hoạt động hiệu quả»: 1 → 2"


def test_hot_spots_take_the_cheaper_branch():
    fixes = gaps("TC10.3", {"so_tu_diem": 3, "so_tu_diem_moi": 0}, {"so_tu_diem": 4})
    assert [(f.code, f.target) for f in fixes] == [("so_tu_diem", 2)]  # halve to 2 rather than clear all 3
    fixes = gaps("TC10.3", {"so_tu_diem": 3, "so_tu_diem_moi": 1}, {"so_tu_diem": 8})
    assert [(f.code, f.target) for f in fixes] == [("so_tu_diem_moi", 0)]


def test_decimal_area():
    [fix] = gaps("TC04.1", {"dien_tich_dat_m2": "480,5", "dinh_muc_dat_m2": "500"})
    assert fix.target == 500 and "480,5 → 500" in fix.text
