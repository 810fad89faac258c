"""Issue 14's documents in a real browser: PV01 asks for the period report, watches it being made (the page polls the
worker's progress), downloads it and the file keeps the Nghị định 30 format; at desktop and phone size."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from accounts.models import Role, RoleAssignment
from agencies.models import Program
from documents.tests.docx_checks import problems
from kieumau.testing import PASSWORD, make_unit
from reporting.tests.support import calendar
from units.models import Level

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    province = make_unit("56", "Tỉnh Khánh Hòa", Level.PROVINCE)
    city = make_unit("568", "Thành phố Nha Trang", Level.DISTRICT, province)
    make_unit("22375", "Phường Vĩnh Nguyên", Level.COMMUNE, city)
    program = Program.objects.create(code="kh-2023", province=province, title="Nghị quyết của Ban Thường vụ Tỉnh ủy (thử)",
                                     source="NQ", start_year=2023, end_year=2030, coordinator="Đảng ủy Công an tỉnh",
                                     reports_to="Ban Thường vụ Tỉnh ủy", calendar_assumed=True)
    calendar(program)
    staff = get_user_model().objects.create_user("pv01", password=PASSWORD, first_name="Nguyễn Thị Lan")
    RoleAssignment.objects.create(user=staff, unit=province, role=Role.PROGRAM_STAFF)
    return province


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_ask_watch_download(world, live_server, page, phone, shot, size):
    pg = page if size == "desktop" else phone
    base = live_server.url
    log_in(pg, base, "pv01", PASSWORD)
    pg.goto(f"{base}/van-ban/tinh/{world.pk}/")
    pg.select_option("#ky", "2026-H1")
    assert pg.is_checked("input[name=the_thuc][value=party]")  # the program reports to the Tỉnh ủy
    pg.fill("#nguoi_ky", "Trần Văn Bình")
    with pg.expect_navigation():
        pg.click("text=Lập báo cáo")
    pg.wait_for_selector("progress")
    shot(pg, f"documents-queued-{size}")
    call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", verbosity=0)
    pg.wait_for_selector("text=Tải về", timeout=10000)  # htmx polls the row every 2 s
    shot(pg, f"documents-ready-{size}")
    with pg.expect_download() as download:
        pg.click("text=Tải về")
    content = open(download.value.path(), "rb").read()
    assert download.value.suggested_filename.endswith(".docx")
    assert problems(content, party=True) == []
    assert pg.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
