"""Issue 10's walk across the 2025 map in a real browser, as each demo role meets it (desktop)."""

import pytest

from demo.loader import DEMO_PASSWORD, run
from units.models import Level, Unit

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, base, username):
    log_in(page, base, username, DEMO_PASSWORD)


def test_khanh_hoa_across_the_map_change(live_server, page, shot):
    run(log=lambda *a: None)
    base = live_server.url
    kh_new = Unit.objects.get(level=Level.PROVINCE, code="56", valid_until__isnull=True)
    login(page, base, "pv01.khanhhoa")
    page.wait_for_selector("#summary")
    assert "2026" in page.inner_text("h1")
    assert "Phường Nha Trang" in page.inner_text("table.matrix")
    shot(page, "30-khanh-hoa-2026-new-map")

    page.select_option("#id_nam", "2023")  # the same province: its land in 2023, grouped by the provinces of then
    page.wait_for_url(f"**/tinh/{kh_new.pk}/?nam=2023")
    groups = page.locator("tr.grouprow").all_inner_texts()
    assert groups == ["Tỉnh Khánh Hòa (đến 30/06/2025)", "Tỉnh Ninh Thuận (đến 30/06/2025)"]
    assert "1/47" in page.inner_text("#summary")
    assert "Phường Xương Huân" in page.inner_text("table.matrix")
    assert "Xây dựng Đảng" in page.inner_text("table.matrix thead")  # group names, not only N1–N7
    shot(page, "31-khanh-hoa-2023-on-its-land")

    page.click("text=Danh sách phường được công nhận")
    page.wait_for_selector("#recognitions")
    table = page.inner_text("#recognitions")
    assert "Phường Vĩnh Nguyên" in table and "Phường Nha Trang kế thừa" in table
    shot(page, "32-khanh-hoa-recognitions-with-history")

    page.goto(f"{base}/tinh/{kh_new.pk}/lo-trinh/")
    page.wait_for_selector("#roadmap-chart[data-ready='1']")
    assert page.locator("#roadmap-table").bounding_box()["y"] < 900  # chart and table on the first screen
    actual = [r.split("\t")[4] for r in page.locator("#roadmap-table tbody tr").all_inner_texts()[:4]]
    assert actual == ["1", "3", "4", "4"]  # 2023–2026: never falls at the change
    assert "Phường Phan Rang" in page.inner_text("#unplanned")
    assert page.get_attribute(".crumbs a", "href") == f"/tinh/{kh_new.pk}/"
    shot(page, "33-khanh-hoa-roadmap-across-the-change")


def test_the_ward_people_after_the_merger(live_server, page, shot):
    run(log=lambda *a: None)
    base = live_server.url
    nha_trang = Unit.objects.get(name="Phường Nha Trang", level=Level.COMMUNE)
    login(page, base, "truong.nhatrang")
    page.goto(f"{base}/viec-can-lam/")
    rows = page.locator("#waiting tbody tr").all_inner_texts()
    assert len(rows) == 1 and "2026" in rows[0] and "15/12/2026" in rows[0]  # the one real task, with its deadline
    shot(page, "34-nha-trang-inbox")
    page.goto(f"{base}/don-vi/{nha_trang.pk}/2026/")
    history = page.inner_text("#unit-history")
    assert "Phường Vĩnh Nguyên (cũ)" in history and "công nhận 2023" in history and "Phường Nha Trang kế thừa" in history
    shot(page, "35-nha-trang-history")
    page.click("text=Nhập số liệu")
    page.wait_for_selector("#figures-form")
    assert "2027" not in page.inner_text(".crumbs")

    login(page, base, "canbo.vinhnguyen")  # their ward has ended: told where it went, not sent to a dead page
    note = page.inner_text(".history-note")
    assert "01/07/2025" in note and "Phường Nha Trang" in note
    shot(page, "36-vinh-nguyen-officer-home")


def test_binh_duongs_staff_follow_their_land(live_server, page, shot):
    run(log=lambda *a: None)
    base = live_server.url
    hcm = Unit.objects.get(level=Level.PROVINCE, code="79", valid_until__isnull=True)
    login(page, base, "pv01.binhduong")
    page.wait_for_selector("#summary")
    assert "Tỉnh Bình Dương (đến 30/06/2025)" in page.inner_text("h1")
    assert "/24" in page.inner_text("#summary")
    assert page.locator(f"a[href^='/tinh/{hcm.pk}/']").count() == 0  # only links that work for this viewer
    shot(page, "37-binh-duong-2026-read-only")
    page.click("text=Lộ trình")
    page.wait_for_selector("#roadmap-chart[data-ready='1']")
    assert page.locator("#gaps details").get_attribute("open") is None  # the ward list is collapsed
    assert page.evaluate("document.documentElement.scrollHeight") < 2600
    shot(page, "38-binh-duong-roadmap")
