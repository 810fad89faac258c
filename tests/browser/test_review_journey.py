"""Issue 3's journey in a real browser: fill → submit → return → fix and resubmit → verify → appraise → recognize."""

import pytest
from playwright.sync_api import expect
from django.contrib.auth import get_user_model

from accounts.models import Role, RoleAssignment
from engine.tests.test_criteria_5764 import BASE, PREV
from frameworks.registry import DATA_DIR, load_file
from kieumau.testing import PASSWORD, make_unit
from units.models import Level

from .conftest import log_in
from .test_data_entry_journey import fill_figures

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def world(tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path)
    load_file(DATA_DIR / "bca-5764-2021.yaml")
    province = make_unit("56", "Tỉnh Khánh Hòa", Level.PROVINCE)
    city = make_unit("568", "Thành phố Nha Trang", Level.DISTRICT, province)
    ward = make_unit("22375", "Phường Vĩnh Nguyên", Level.COMMUNE, city)
    people = {"canbo": (Role.WARD_OFFICER, ward), "truong": (Role.WARD_CHIEF, ward), "kiemtra": (Role.REVIEWER, province),
              "hoidong": (Role.COUNCIL_MEMBER, province), "lanhdao": (Role.APPROVER, province)}
    for username, (role, unit) in people.items():
        user = get_user_model().objects.create_user(username, password=PASSWORD, first_name=username.capitalize())
        RoleAssignment.objects.create(user=user, unit=unit, role=role)
    pdf = tmp_path / "quyet-dinh.pdf"
    pdf.write_bytes(PDF)
    return ward, pdf


def login(page, base, username, password=PASSWORD):
    log_in(page, base, username, password)


def open_scorecard(page, base, ward):
    page.goto(f"{base}/don-vi/{ward.pk}/2025/")
    page.wait_for_selector("#verdict")


def flash(page, section="#quy-trinh"):
    """The message shown where the user acted, which has the focus."""
    page.wait_for_selector(f"{section} .flash")
    expect(page.locator("#thong-bao")).to_be_focused()  # locator waits: no string evaluated in the page (CSP)
    return page.inner_text(f"{section} .flash-box")


def test_review_appraisal_recognition(live_server, page, shot, world):
    ward, pdf = world
    base = live_server.url

    # 1. the ward officer fills the figures (one condition missed: 26/30 cultural areas)
    login(page, base, "canbo")
    page.goto(f"{base}/don-vi/{ward.pk}/2025/nhap-lieu/")
    fill_figures(page, {**BASE, "so_khu_dan_cu_van_hoa": 26}, PREV)
    page.click("button.primary")
    page.wait_for_selector("#verdict")
    assert page.locator("#move-submit").count() == 0  # an officer cannot submit

    # ... and the chief submits
    login(page, base, "truong")
    open_scorecard(page, base, ward)
    page.click("#move-submit button")
    assert "Đã nộp" in flash(page)

    # 2. the reviewer returns it with a comment
    login(page, base, "kiemtra")
    page.goto(f"{base}/viec-can-lam/")
    assert "Phường Vĩnh Nguyên" in page.inner_text("#waiting")
    page.click("#waiting a")
    # "Trả lại" does not look like "Xác nhận", and without a comment it says so at the form, not off-screen
    assert "danger" in page.get_attribute("#move-return button", "class")
    assert "primary" in page.get_attribute("#move-verify button", "class")
    page.evaluate("document.querySelector('#move-return textarea[name=comment]').removeAttribute('required')")
    page.click("#move-return button")
    assert "Ý kiến" in flash(page)
    shot(page, "09-return-needs-a-comment")
    page.fill("#move-return textarea[name=comment]", "TC17: mới 26/30 khu dân cư văn hóa, đề nghị kiểm tra lại")
    page.click("#move-return button")
    assert "Bị trả lại" in flash(page)
    shot(page, "10-returned")

    # 3. the ward fixes the figure and resubmits
    login(page, base, "canbo")
    page.goto(f"{base}/viec-can-lam/")
    assert "đề nghị kiểm tra lại" in page.inner_text("#notifications")
    page.goto(f"{base}/don-vi/{ward.pk}/2025/nhap-lieu/")
    page.fill("#id_so_khu_dan_cu_van_hoa", "27")
    page.click("button.primary")
    page.wait_for_selector("#verdict")
    assert "Đạt chuẩn" in page.inner_text("#verdict")
    login(page, base, "truong")
    open_scorecard(page, base, ward)
    # a rejected evidence file is reported in the evidence section, with the focus
    page.set_input_files("#id_file", {"name": "bien-ban.pdf", "mimeType": "application/pdf", "buffer": b"not a pdf"})
    page.click("#minh-chung button")
    assert "không khớp" in flash(page, "#minh-chung")
    shot(page, "14-evidence-refused")
    page.click("#move-submit button")
    flash(page)

    # 4. the reviewer verifies; the item then leaves the reviewer's to-do list
    login(page, base, "kiemtra")
    open_scorecard(page, base, ward)
    page.click("#move-verify button")
    assert "Đã kiểm tra" in flash(page)
    page.goto(f"{base}/viec-can-lam/")
    assert "Phường Vĩnh Nguyên" not in page.inner_text("#waiting")

    # 5. the council votes and appraises
    login(page, base, "hoidong")
    open_scorecard(page, base, ward)
    page.select_option("#vote-form select[name=vote]", "approve")
    page.click("#vote-form button")
    assert "phiếu" in flash(page)
    page.fill("#move-appraise textarea[name=recommendation]", "Hội đồng thống nhất đề nghị công nhận")
    page.click("#move-appraise button")
    assert "Đã thẩm định" in flash(page)
    shot(page, "11-appraised")

    # 6. the approver recognizes, with the decision and its scan
    login(page, base, "lanhdao")
    open_scorecard(page, base, ward)
    page.fill("#move-recognize input[name=decision_number]", "125/QĐ-CAT")
    page.fill("#move-recognize input[name=decision_date]", "2025-12-20")
    page.fill("#move-recognize input[name=signer]", "Đại tá Nguyễn Văn A")
    page.set_input_files("#move-recognize input[name=decision_file]", str(pdf))
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.click("#move-recognize button")  # an irreversible step asks first: dismissed, nothing happens
    assert asked and "Công nhận Phường Vĩnh Nguyên năm 2025" in asked[0]
    assert page.locator("#quy-trinh .flash").count() == 0
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#move-recognize button")
    flash(page)
    panel = page.inner_text("#quy-trinh")
    assert "Đã công nhận theo quyết định số 125/QĐ-CAT ngày 20/12/2025" in panel
    timeline = page.inner_text("#timeline")
    for step in ["nộp hồ sơ", "trả lại để bổ sung", "xác nhận đã kiểm tra", "bỏ phiếu", "ghi kết quả thẩm định", "công nhận"]:
        assert step in timeline
    page.locator("#quy-trinh").scroll_into_view_if_needed()
    shot(page, "12-recognized-timeline")

    with page.expect_download() as scan:  # the scanned decision is reachable from the recognition
        page.click("#recognition-decision a")
    assert scan.value.suggested_filename.endswith(".pdf")

    page.goto(f"{base}/tinh/{ward.parent.parent.pk}/cong-nhan/")
    assert "125/QĐ-CAT" in page.inner_text("#recognitions")
    shot(page, "13-recognitions")
