"""Criteria version 2 in a browser: a province's choice of version, a past year seen under version 2, a ward that
owes a document writes why it cannot provide it, and the reviewer accepts the reason."""

import pytest
from django.contrib.auth import get_user_model

from accounts.models import Role, RoleAssignment
from assessments import services
from assessments.models import Assessment
from assessments.tests.helpers import form_data
from assessments.tests.v2fixture import load_v2
from frameworks.registry import DATA_DIR, load_file
from kieumau.testing import PASSWORD, make_unit
from units.models import Level

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill(unit, user, year):
    data = form_data()
    values = {k: v for k, v in data.items() if not k.startswith("prev_")}
    prev = {k[5:]: v for k, v in data.items() if k.startswith("prev_")}
    assert services.save_figures(unit, year, values, prev, user, revision=0).ok


@pytest.fixture
def world():
    load_file(DATA_DIR / "bca-5764-2021.yaml")
    province = make_unit("56", "Tỉnh Khánh Hòa", Level.PROVINCE)
    ward = make_unit("22375", "Phường Vĩnh Nguyên", Level.COMMUNE, province)
    people = {}
    for name, role, unit in [("pv01", Role.PROGRAM_STAFF, province), ("truong", Role.WARD_CHIEF, ward),
                             ("kiemtra", Role.REVIEWER, province)]:
        people[name] = get_user_model().objects.create_user(name, password=PASSWORD)
        RoleAssignment.objects.create(user=people[name], unit=unit, role=role)
    fill(ward, people["truong"], 2025)
    load_v2()
    fill(ward, people["truong"], 2026)
    return province, ward


def login(page, url, username):
    page.context.clear_cookies()
    page.goto(f"{url}/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def test_version_choice_what_if_and_a_reason_for_a_missing_document(live_server, page, shot, world):
    province, ward = world
    login(page, live_server.url, "pv01")
    page.goto(f"{live_server.url}/tinh/{province.pk}/bo-tieu-chi/")
    assert "2026" in page.inner_text("#by-year")
    shot(page, "01-versions")
    page.select_option("#version", "1")
    page.select_option("#from_year", "2026")
    page.click("#chon-phien-ban button[type=submit]")  # no reason: refused, nothing written
    page.wait_for_selector(".errors")
    assert "lý do chọn phiên bản" in page.inner_text(".errors")
    page.fill("#reason", "Chờ hướng dẫn của Bộ Công an")
    page.click("#chon-phien-ban button[type=submit]")
    page.wait_for_selector("#choices li")
    assert Assessment.objects.get(unit=ward, year=2026).framework.version == 1
    page.select_option("#version", "mac-dinh")
    page.fill("#reason", "Áp dụng phiên bản 2 theo mặc định")
    page.click("#chon-phien-ban button[type=submit]")
    page.wait_for_selector("p#choices")
    assert Assessment.objects.get(unit=ward, year=2026).framework.version == 2

    page.goto(f"{live_server.url}/don-vi/{ward.pk}/2025/")
    page.click("text=xem thử theo phiên bản 2")
    page.wait_for_selector("#what-if-note")
    assert "phiên bản 1" in page.inner_text("#what-if-note")
    shot(page, "02-what-if")

    login(page, live_server.url, "truong")
    page.goto(f"{live_server.url}/don-vi/{ward.pk}/2026/")
    tc04 = page.locator("#tc-TC04")
    assert "còn thiếu" in tc04.inner_text()
    tc04.locator("summary").first.click()
    tc04.locator("textarea").first.fill("Đất đang làm thủ tục cấp giấy chứng nhận")
    tc04.locator("form button[type=submit]").first.click()
    page.wait_for_selector("#tc-TC04 .doc-reason")
    assert "chờ xem xét" in page.inner_text("#tc-TC04")
    shot(page, "03-reason-given")

    Assessment.objects.filter(unit=ward, year=2026).update(status="submitted")
    login(page, live_server.url, "kiemtra")
    page.goto(f"{live_server.url}/don-vi/{ward.pk}/2026/")
    page.locator("#tc-TC04 .doc-judge button[value=accept]").click()
    page.wait_for_selector("#tc-TC04 .doc-reason")
    assert "được chấp nhận" in page.inner_text("#tc-TC04")
    shot(page, "04-reason-accepted")
