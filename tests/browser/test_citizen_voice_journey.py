"""Issue 12's journeys in a real browser at phone size (390 × 844): a citizen finds the ward by its old name, sends
feedback, looks it up by code; the ward officer answers it; the citizen rates the answer. Then a survey: from the
poster's link to the results. Screenshots at phone and desktop size go to test-artifacts/."""

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model

from accounts.models import Role, RoleAssignment
from feedback import finder
from feedback.models import Case, Category
from kieumau import clock
from kieumau.testing import PASSWORD, make_unit
from surveys.models import Survey
from units.models import Level, Lineage

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world():
    from feedback.categories import ensure

    ensure(Category)  # a transactional test's flush removed the migration's rows
    province = make_unit("56", "Tỉnh Khánh Hòa", Level.PROVINCE, valid_from=dt.date(2025, 7, 1))
    ward = make_unit("22333", "Phường Nha Trang", Level.COMMUNE, province, valid_from=dt.date(2025, 7, 1))
    other = make_unit("22334", "Phường Bắc Nha Trang", Level.COMMUNE, province, valid_from=dt.date(2025, 7, 1))
    old_province = make_unit("56", "Tỉnh Khánh Hòa", Level.PROVINCE, valid_until=dt.date(2025, 7, 1))
    old = make_unit("22375", "Phường Vĩnh Nguyên", Level.COMMUNE, old_province, valid_until=dt.date(2025, 7, 1))
    Lineage.objects.create(predecessor=old, successor=ward, kind="merge", effective_date=dt.date(2025, 7, 1))
    finder.forget()
    User = get_user_model()
    officer = User.objects.create_user("canbo", password=PASSWORD, first_name="Lê Văn Hùng")
    RoleAssignment.objects.create(user=officer, unit=ward, role=Role.WARD_OFFICER)
    staff = User.objects.create_user("pv01", password=PASSWORD, first_name="Nguyễn Thị Lan")
    RoleAssignment.objects.create(user=staff, unit=province, role=Role.PROGRAM_STAFF)
    return province, ward, other


def test_feedback_from_phone_to_answer_and_rating(world, phone, page, live_server, shot):
    province, ward, _other = world
    base = live_server.url
    phone.goto(f"{base}/cong-dan/phan-anh/")
    phone.fill("#q", "vinh nguyen")  # the old ward's name, without accents
    phone.wait_for_selector("#ward-results input[name=unit]")
    assert "trước đây: Phường Vĩnh Nguyên" in phone.inner_text("#ward-results")
    phone.check(f"#ward-results input[value='{ward.code}']")
    phone.check("input[name=category][value=an-ninh-trat-tu]")
    phone.fill("#id_content", "Nhóm thanh niên đua xe gây ồn ào sau 23 giờ trên đường Trần Phú.")
    phone.fill("#id_phone", "0905123456")
    shot(phone, "citizen-01-form-phone")
    phone.click("button.big")  # consent not ticked: refused, nothing written
    phone.wait_for_selector("#form-errors")
    assert "đồng ý xử lý dữ liệu" in phone.inner_text("#form-errors")
    assert Case.objects.count() == 0
    phone.check("input[name=consent]")
    phone.fill("#id_content", "Nhóm thanh niên đua xe gây ồn ào sau 23 giờ trên đường Trần Phú.")
    with phone.expect_navigation():
        phone.click("button.big")
    code = phone.get_attribute("[data-tracking-code]", "data-tracking-code")
    assert re.fullmatch(r"[2-9A-Z]{9}", code)
    shot(phone, "citizen-02-done-phone")

    phone.click("text=Xem tình trạng xử lý")
    assert "đang trong hạn" in phone.inner_text("#tinh-trang")
    assert "0905123456" not in phone.content()

    log_in(page, base, "canbo", PASSWORD)
    page.goto(f"{base}/viec-can-lam/")
    page.click(f"#phan-anh-cho a:has-text('{code[:3]}')")
    assert "0905123456" in page.inner_text("main")  # the ward's officer sees the contact
    page.fill("#answer", "Công an phường đã tăng cường tuần tra từ 22 giờ đến 1 giờ sáng tại đường Trần Phú.")
    with page.expect_navigation():
        page.click("#tra-loi button")
    shot(page, "citizen-03-case-desktop")

    phone.goto(f"{base}/cong-dan/tra-cuu/?ma={code}")
    assert "trả lời đúng hạn" in phone.inner_text("#tinh-trang")
    assert "tăng cường tuần tra" in phone.inner_text("#tinh-trang")
    phone.check("input[name=satisfied][value='1']")
    with phone.expect_navigation():
        phone.click("#danh-gia button")
    assert "Cảm ơn bạn đã đánh giá" in phone.inner_text("main")
    shot(phone, "citizen-04-rated-phone")
    case = Case.objects.get(code=code)
    assert (case.status, case.satisfied, case.late) == ("closed", True, False)


def test_survey_from_qr_link_to_results(world, phone, page, live_server, shot):
    province, ward, other = world
    base = live_server.url
    log_in(page, base, "pv01", PASSWORD)
    page.goto(f"{base}/tinh/{province.pk}/khao-sat/")
    today = clock.today()  # the app's day (fixed in tests by conftest), not the machine's
    page.fill("#title", "Khảo sát sự hài lòng năm nay")
    page.fill("#starts_on", (today - dt.timedelta(days=1)).isoformat())
    page.fill("#ends_on", (today + dt.timedelta(days=30)).isoformat())
    page.check(f"input[name=wards][value='{ward.pk}']")
    page.check(f"input[name=wards][value='{other.pk}']")
    page.fill("input[name=q1_text]", "Bạn hài lòng với an ninh, trật tự nơi ở?")
    page.select_option("select[name=q2_kind]", "choice")
    page.fill("input[name=q2_text]", "So với năm trước")
    page.fill("input[name=q2_choices]", "Tốt hơn; Như cũ; Kém hơn")
    with page.expect_navigation():
        page.click("#tao-khao-sat button[type=submit]")
    survey = Survey.objects.get()
    page.click(f"#phuong-{ward.pk} >> text=In áp phích")
    assert page.locator(".qr svg").count() == 1
    link = page.inner_text(".link")
    shot(page, "survey-01-poster-desktop")

    phone.goto(link)  # what the QR code opens
    phone.check("input[value='5']")
    phone.check("input[value='Tốt hơn']")
    shot(phone, "survey-02-form-phone")
    with phone.expect_navigation():
        phone.click("button.big")
    assert phone.locator("[data-survey-done]").count() == 1
    phone.goto(link)
    assert "đã trả lời" in phone.inner_text("main")  # once per device

    page.goto(f"{base}/khao-sat/{survey.pk}/")
    text = page.inner_text(f"#phuong-{ward.pk}")
    assert "1 người trả lời" in text and "5,0/5" in text
    shot(page, "survey-03-results-desktop")
