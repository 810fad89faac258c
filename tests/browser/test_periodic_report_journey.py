"""Issue 11's journey in a real browser: a body's reporter submits → PV01 returns it → the reporter sends it back →
the dashboard shows it on time, with the return counted; at desktop and phone size."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from accounts.models import Role, RoleAssignment
from agencies.models import Body, BodyAssignment, Program, Task
from kieumau.testing import PASSWORD, make_unit
from reporting.tests.support import calendar
from units.models import Level

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world():
    province = make_unit("56", "Tỉnh Khánh Hòa", Level.PROVINCE)
    program = Program.objects.create(code="kh-2023", province=province, title="Nghị quyết số 09-NQ/TU (thử)",
                                     source="NQ 09", start_year=2023, end_year=2030, coordinator="Đảng ủy Công an tỉnh",
                                     reports_to="Ban Thường vụ Tỉnh ủy", calendar_assumed=True)
    calendar(program)
    body = Body.objects.create(code="kh.tinhdoan", name="Tỉnh đoàn Khánh Hòa", kind="mass_org", province=province)
    other = Body.objects.create(code="kh.hlhpn", name="Hội Liên hiệp Phụ nữ tỉnh", kind="mass_org", province=province,
                                valid_from=dt.date(2020, 1, 1))
    Task.objects.create(program=program, item="5", holder=body, text="Lãnh đạo xây dựng kế hoạch, chương trình giám sát.",
                        figures=[{"code": "hoat_dong", "label": "Số hoạt động tuyên truyền", "unit": "hoạt động"}])
    Task.objects.create(program=program, item="5", holder=other, text="Lãnh đạo xây dựng kế hoạch, chương trình giám sát.")
    User = get_user_model()
    reporter = User.objects.create_user("baocao", password=PASSWORD, first_name="Hồ Thị Yến")
    BodyAssignment.objects.create(user=reporter, body=body, role=Role.AGENCY_REPORTER)
    staff = User.objects.create_user("pv01", password=PASSWORD, first_name="Nguyễn Thị Lan")
    RoleAssignment.objects.create(user=staff, unit=province, role=Role.PROGRAM_STAFF)
    return province, program, body


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_submit_return_resubmit_dashboard(world, live_server, page, phone, shot, size):
    pg = page if size == "desktop" else phone
    province, program, body = world
    base = live_server.url
    pg.on("dialog", lambda d: d.accept())

    log_in(pg, base, "baocao", PASSWORD)
    assert pg.url.endswith("/co-quan/")
    pg.click("text=Báo cáo năm 2026")
    pg.fill("textarea[name^=done_]", "Tổ chức 12 buổi tuyên truyền về tiêu chí Công an phường kiểu mẫu.")
    pg.fill("input[name$=_hoat_dong]", "12")
    shot(pg, f"report-form-{size}")
    pg.click("button[value=submit]")
    pg.wait_for_selector(".flash")
    assert "Đã nộp báo cáo" in pg.inner_text("#ket-qua")
    assert pg.is_hidden("button[value=submit]")

    log_in(pg, base, "pv01", PASSWORD)
    pg.goto(f"{base}/tinh/{province.pk}/bao-cao-dinh-ky/")
    assert "Đúng hạn" in pg.inner_text("#board")
    pg.click(f"#board tr:has-text('{body.name}') >> text=Xem")
    pg.fill("#id_comment", "Bổ sung kết quả so với cùng kỳ.")
    shot(pg, f"report-return-{size}")
    pg.click("form.wf-form button[type=submit]")
    pg.wait_for_selector(".flash")
    assert "Đã trả lại" in pg.inner_text("#ket-qua")

    log_in(pg, base, "baocao", PASSWORD)
    pg.click("text=Báo cáo năm 2026")
    assert "Bổ sung kết quả so với cùng kỳ." in pg.inner_text("main")
    pg.fill("textarea[name^=done_]", "Tổ chức 12 buổi tuyên truyền; tăng 4 buổi so với cùng kỳ.")
    pg.click("button[value=submit]")
    pg.wait_for_selector(".flash")

    log_in(pg, base, "pv01", PASSWORD)
    pg.goto(f"{base}/tinh/{province.pk}/bao-cao-dinh-ky/")
    row = pg.inner_text(f"#board tr:has-text('{body.name}')")
    assert "Đúng hạn" in row and "đã trả lại 1 lần" in row
    assert "Chưa đến hạn" in pg.inner_text("#board")  # the other body has not reported yet
    shot(pg, f"report-dashboard-{size}")
