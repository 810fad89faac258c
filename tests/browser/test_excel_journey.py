"""Issue 14's Excel round-trip in a real browser: PV01 downloads the province's template, fills it offline, uploads it,
reads the preview (old → new per cell) and confirms; the figures are stored. At desktop and phone size."""

import pytest
from django.contrib.auth import get_user_model

from accounts.models import Role, RoleAssignment
from assessments.models import Assessment
from frameworks.registry import DATA_DIR, load_file
from kieumau.testing import PASSWORD, make_unit
from units.models import Level
from workbooks.tests.support import fill

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world():
    load_file(DATA_DIR / "bca-5764-2021.yaml")
    province = make_unit("56", "Tỉnh Khánh Hòa", Level.PROVINCE)
    city = make_unit("568", "Thành phố Nha Trang", Level.DISTRICT, province)
    ward = make_unit("22375", "Phường Vĩnh Nguyên", Level.COMMUNE, city)
    make_unit("22378", "Phường Phước Long", Level.COMMUNE, city)
    staff = get_user_model().objects.create_user("pv01", password=PASSWORD, first_name="Nguyễn Thị Lan")
    RoleAssignment.objects.create(user=staff, unit=province, role=Role.PROGRAM_STAFF)
    return province, ward


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_download_fill_upload_confirm(world, live_server, page, phone, shot, size, tmp_path):
    pg = page if size == "desktop" else phone
    province, ward = world
    base = live_server.url
    log_in(pg, base, "pv01", PASSWORD)
    pg.goto(f"{base}/excel/tinh/{province.pk}/?nam=2026")
    with pg.expect_download() as download:
        pg.click("text=Tải mẫu (.xlsx)")
    filled = fill(open(download.value.path(), "rb").read(), {(ward.pk, "so_cbcs"): 12, (ward.pk, "so_cbcs_htt"): 9})
    path = tmp_path / "so-lieu.xlsx"
    path.write_bytes(filled)
    pg.set_input_files("input[type=file]", str(path))
    with pg.expect_navigation():
        pg.click("text=Tải lên và xem trước")
    body = pg.inner_text("main")
    assert "Phường Vĩnh Nguyên" in body and "12" in body
    assert not Assessment.objects.filter(unit=ward, year=2026).exists()  # nothing written before confirming
    shot(pg, f"excel-preview-{size}")
    assert pg.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    with pg.expect_navigation():
        pg.click("text=Xác nhận lưu")
    shot(pg, f"excel-done-{size}")
    values = Assessment.objects.get(unit=ward, year=2026).values
    assert (values["so_cbcs"], values["so_cbcs_htt"]) == (12, 9)
