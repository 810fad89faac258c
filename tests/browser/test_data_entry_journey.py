"""The main journey of this release: data entry → live evaluation → scorecard, in a real browser."""

import pytest
from playwright.sync_api import expect
from django.contrib.auth import get_user_model

from accounts.models import Role, RoleAssignment
from engine.tests.test_criteria_5764 import BASE, PREV
from frameworks.registry import DATA_DIR, load_file
from kieumau.testing import PASSWORD, make_unit
from units.models import Level

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world():
    load_file(DATA_DIR / "bca-5764-2021.yaml")
    province = make_unit("56", "Tỉnh Khánh Hòa", Level.PROVINCE)
    city = make_unit("568", "Thành phố Nha Trang", Level.DISTRICT, province)
    ward = make_unit("22375", "Phường Vĩnh Nguyên", Level.COMMUNE, city)
    make_unit("22378", "Phường Phước Long", Level.COMMUNE, city)
    user = get_user_model().objects.create_user("pv01", password=PASSWORD, first_name="Nguyễn Thị Lan")
    RoleAssignment.objects.create(user=user, unit=province, role=Role.PROGRAM_STAFF)
    return ward


def fill_figures(page, values, prev):
    for code, value in values.items():
        if isinstance(value, bool):
            page.select_option(f"#id_{code}", "true" if value else "false")
        elif page.locator(f"#id_{code}").get_attribute("readonly") is None:  # readonly: computed from a register (TC16)
            page.fill(f"#id_{code}", str(value).replace(".", ","))
    for code, value in prev.items():
        page.fill(f"#id_prev_{code}", str(value))


def test_enter_figures_see_errors_then_the_scorecard(live_server, page, shot, world):
    page.goto(f"{live_server.url}/dang-nhap/")
    page.fill("#id_username", "pv01")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("#summary")
    assert "0/2" in page.inner_text("#summary")
    shot(page, "01-matrix-empty")

    page.click("text=Phường Vĩnh Nguyên")
    page.click("text=Nhập số liệu")
    page.wait_for_selector("#figures-form")

    # wrong input first: a negative count and a part larger than its total
    fill_figures(page, {**BASE, "so_cbcs": -1, "so_khu_dan_cu_van_hoa": 31}, PREV)
    page.wait_for_selector("#live .errors")
    assert "ô nhập sai" in page.inner_text("#live")
    page.click("button.primary")
    page.wait_for_selector("#form-errors")
    assert "Không được là số âm" in page.inner_text("#err-so_cbcs")
    assert "không được lớn hơn «Tổng số khu dân cư» (30)" in page.inner_text("#err-so_khu_dan_cu_van_hoa")
    # the wrong fields are listed at the top, each a link to its field, and the first has the focus
    links = page.locator("#form-errors a")
    assert [links.nth(i).get_attribute("href") for i in range(links.count())] == ["#id_so_cbcs", "#id_so_khu_dan_cu_van_hoa"]
    expect(page.locator("#id_so_cbcs")).to_be_focused()  # locator waits: no string evaluated in the page (CSP)
    assert page.inner_text("#form-errors").count("Số khu dân cư văn hóa") == 1  # each field named once
    shot(page, "02-entry-errors")

    # an invalid field is left out of the live evaluation, consistently: 40 of 12 officers is not "333,3%"
    page.fill("#id_so_cbcs", "12")
    page.fill("#id_so_cbcs_htt", "40")
    expect(page.locator("#live .errors")).to_contain_text("(40)")
    assert "333" not in page.inner_text("#live #tc-TC02")
    assert "Thiếu dữ liệu" in page.inner_text("#live #tc-TC02")
    page.fill("#id_so_cbcs_htt", "10")

    # correct them, with 26/30 cultural areas: the live panel explains the miss
    page.fill("#id_so_cbcs", "10")
    page.fill("#id_so_khu_dan_cu_van_hoa", "26")
    expect(page.locator("#live")).to_contain_text("26/30")
    assert "Chưa đạt chuẩn" in page.inner_text("#live #verdict")
    shot(page, "03-entry-live")
    page.click("button.primary")
    page.wait_for_selector("#verdict")
    assert "Đã lưu số liệu" in page.inner_text(".messages")
    assert "26/30 khu dân cư văn hóa (86,6%), yêu cầu ≥ 90%" in page.inner_text("#tc-TC17")
    assert "Không đạt" in page.inner_text("#tc-TC17 .badge")

    # fix the one miss and the ward meets the standard
    page.click("text=Nhập số liệu")
    page.fill("#id_so_khu_dan_cu_van_hoa", "27")
    page.click("button.primary")
    page.wait_for_selector("#verdict")
    assert "Đạt chuẩn" in page.inner_text("#verdict")
    shot(page, "04-scorecard-meets")

    page.click("text=Tỉnh Khánh Hòa")
    page.wait_for_selector("#summary")
    assert "1/2" in page.inner_text("#summary")
    shot(page, "05-matrix-after")
