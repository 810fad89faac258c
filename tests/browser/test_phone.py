"""Every main page at 390 × 844: nothing wider than the screen, and data entry usable with a thumb (issue 10, item 10)."""

import pytest

from demo.loader import DEMO_PASSWORD, run
from roadmaps.models import Plan
from units.models import Level, Unit

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def width_overflow(page) -> int:
    """How many CSS pixels the page is wider than the screen (0 when it fits)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def check(page, url, name, shot, ready="main"):
    page.goto(url)
    page.wait_for_selector(ready)
    assert width_overflow(page) <= 0, f"{name}: {width_overflow(page)} px wider than the screen"
    shot(page, f"50-phone-{name}")


def test_every_main_page_fits_a_phone(live_server, phone, shot):
    run(log=lambda *a: None)
    base = live_server.url
    kh = Unit.objects.get(level=Level.PROVINCE, code="56", valid_until__isnull=True)
    bd = Unit.objects.get(level=Level.PROVINCE, code="74")
    nha_trang = Unit.objects.get(name="Phường Nha Trang", level=Level.COMMUNE)
    check(phone, f"{base}/dang-nhap/", "login", shot, "#id_username")

    log_in(phone, base, "pv01.khanhhoa", DEMO_PASSWORD)
    assert phone.locator(".topbar").bounding_box()["height"] < 110  # was 240 of 844
    check(phone, f"{base}/tinh/{kh.pk}/", "matrix", shot, "#summary")
    check(phone, f"{base}/tinh/{kh.pk}/?nam=2023", "matrix-2023", shot, "#summary")
    check(phone, f"{base}/don-vi/{nha_trang.pk}/2025/", "scorecard", shot, "#verdict")
    check(phone, f"{base}/tinh/{kh.pk}/cong-nhan/", "recognitions", shot, "#recognitions")
    check(phone, f"{base}/tinh/{Plan.objects.get(province__code='56').province.pk}/lo-trinh/", "roadmap", shot, "#roadmap-table")
    check(phone, f"{base}/viec-can-lam/", "todo", shot, "#waiting")
    check(phone, f"{base}/khong-co/", "404", shot, "#error-page")
    # criteria version 2, its evidence, and the registers that feed it (issue 13)
    check(phone, f"{base}/don-vi/{nha_trang.pk}/2026/", "scorecard-v2", shot, ".documents")
    check(phone, f"{base}/don-vi/{nha_trang.pk}/2025/phien-ban/2/", "what-if", shot, "#what-if-note")
    check(phone, f"{base}/tinh/{kh.pk}/bo-tieu-chi/", "versions", shot, "#by-year")
    check(phone, f"{base}/nguon-luc/phuong/{nha_trang.pk}/", "resources-ward", shot, "main h1")
    check(phone, f"{base}/nguon-luc/tinh/{kh.pk}/", "resources-province", shot, "main h1")
    check(phone, f"{base}/phong-trao/phuong/{nha_trang.pk}/", "emulation-ward", shot, "main h1")
    check(phone, f"{base}/phong-trao/tinh/{kh.pk}/khen-thuong/", "rewards", shot, "main h1")
    check(phone, f"{base}/phong-trao/tinh/{kh.pk}/mo-hinh/", "models", shot, "main h1")
    check(phone, f"{base}/phong-trao/tinh/{kh.pk}/tuyen-truyen/", "propaganda", shot, "main h1")
    # documents, Excel, the account page with API tokens (issue 14)
    check(phone, f"{base}/van-ban/tinh/{kh.pk}/", "documents", shot, "main h1")
    check(phone, f"{base}/van-ban/don-vi/{nha_trang.pk}/2026/", "self-assessment", shot, "main h1")
    check(phone, f"{base}/excel/tinh/{kh.pk}/?nam=2026", "excel", shot, "main h1")
    check(phone, f"{base}/tai-khoan/", "account", shot, "main h1")

    log_in(phone, base, "lanhdao.khanhhoa", DEMO_PASSWORD)
    check(phone, f"{base}/don-vi/{Unit.objects.get(name='Phường Cam Ranh', level=Level.COMMUNE, valid_until__isnull=True).pk}/2025/",
          "scorecard-approver", shot, "#move-recognize")
    check(phone, f"{base}/xac-thuc-hai-lop/", "two-step", shot, "main h1")

    log_in(phone, base, "pv01.binhduong", DEMO_PASSWORD)
    check(phone, f"{base}/tinh/{bd.pk}/", "binh-duong", shot, "#summary")
    check(phone, f"{base}/excel/tinh/{bd.pk}/?nam=2025", "excel-binh-duong", shot, "main h1")
    check(phone, f"{base}/toan-quoc/", "national-404", shot, "#error-page")
    log_in(phone, base, "bo.v05", DEMO_PASSWORD)
    check(phone, f"{base}/toan-quoc/", "national", shot, "main h1")
    check(phone, f"{base}/toan-quoc/?nam=2024", "national-2024", shot, "main h1")
    log_in(phone, base, "canbo.vinhnguyen", DEMO_PASSWORD)
    check(phone, f"{base}/", "ended-ward-home", shot, ".history-note")


def test_data_entry_on_a_phone(live_server, phone, shot):
    run(log=lambda *a: None)
    base = live_server.url
    nha_trang = Unit.objects.get(name="Phường Nha Trang", level=Level.COMMUNE)
    log_in(phone, base, "truong.nhatrang", DEMO_PASSWORD)
    check(phone, f"{base}/don-vi/{nha_trang.pk}/2026/nhap-lieu/", "entry", shot, "#figures-form")
    # so_cbcs comes from the staffing register in 2026 (read-only): a typed count is used instead
    label, field = phone.locator("label[for=id_so_cbcs_htt]").bounding_box(), phone.locator("#id_so_cbcs_htt").bounding_box()
    assert label["y"] + label["height"] <= field["y"] + 1  # the label above its field, not beside it
    assert label["width"] > 250  # not one word per line
    phone.wait_for_selector("#live #verdict")
    panel = phone.locator("#live-panel").bounding_box()
    assert panel["y"] + panel["height"] >= 844 - 2 and panel["height"] < 120  # a slim summary pinned to the bottom
    phone.locator("#id_so_cbcs_htt").scroll_into_view_if_needed()
    phone.fill("#id_so_cbcs_htt", "-3")
    phone.wait_for_selector("#live .errors")
    phone.click(".live-toggle")
    assert phone.locator("#live-panel").bounding_box()["height"] > 300  # opened: the whole live result
    shot(phone, "51-phone-entry-live-open")
    assert width_overflow(phone) <= 0
