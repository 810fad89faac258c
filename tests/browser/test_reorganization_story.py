"""Issue 5's Khánh Hòa story in a real browser: the new map today, the old map for 2023, history carried."""

import pytest

from demo.loader import DEMO_PASSWORD, run
from units.models import Level, Unit

from .test_review_journey import login as review_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, base, username):
    review_login(page, base, username, DEMO_PASSWORD)


def test_khanh_hoa_before_and_after_the_reorganization(live_server, page, shot):
    run(log=lambda *a: None)
    base = live_server.url
    login(page, base, "pv01.khanhhoa")
    page.wait_for_selector("#summary")
    assert "2026" in page.inner_text("h1")
    assert "Phường Nha Trang" in page.inner_text("table.matrix")
    assert "Hình thành từ" in page.inner_text("#map-history")
    shot(page, "30-khanh-hoa-2026-new-map")

    page.select_option("#id_nam", "2023")  # submits: the old Khánh Hòa, as it was
    page.wait_for_selector("text=Năm 2023 được hiển thị theo địa giới khi đó")
    assert "1/35" in page.inner_text("#summary")
    assert "Phường Xương Huân" in page.inner_text("table.matrix")
    shot(page, "31-khanh-hoa-2023-old-map")

    nha_trang = Unit.objects.get(name="Phường Nha Trang", level=Level.COMMUNE)
    login(page, base, "truong.nhatrang")
    page.goto(f"{base}/don-vi/{nha_trang.pk}/2026/")
    history = page.inner_text("#unit-history")
    assert "Phường Vĩnh Nguyên (cũ)" in history and "công nhận 2023" in history and "nay thuộc Phường Nha Trang" in history
    shot(page, "32-nha-trang-history")

    page.click("text=Nhập số liệu")
    page.wait_for_selector("#carried-note")
    assert "Phường Vĩnh Nguyên" in page.inner_text("#carried-note")
    shot(page, "33-nha-trang-carried-previous-year")
