"""The roadmap page and its chart (Chart.js, vendored) in a real browser."""

import pytest

from demo.loader import run
from roadmaps.models import Plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_roadmap_chart_renders(live_server, page, shot):
    run(log=lambda *a: None)
    province = Plan.objects.get(province__code="74").province
    page.goto(f"{live_server.url}/dang-nhap/")
    page.fill("#id_username", "pv01.binhduong")
    page.fill("#id_password", "KieuMau@2026")
    page.click("button[type=submit]")
    page.goto(f"{live_server.url}/tinh/{province.pk}/lo-trinh/")
    page.wait_for_selector("#roadmap-chart[data-ready='1']")
    box = page.locator("#roadmap-chart").bounding_box()
    assert box["width"] > 300 and box["height"] > 200
    # the canvas has been drawn on: not a blank image
    drawn = page.evaluate("""() => { const c = document.getElementById('roadmap-chart');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; }""")
    assert drawn > 1000
    table = page.inner_text("#roadmap-table")
    for cumulative in ["6", "14", "21", "28", "35", "42", "45"]:
        assert cumulative in table
    shot(page, "20-roadmap-binh-duong")
