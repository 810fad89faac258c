"""Pages outside the journeys under the Content-Security-Policy: the admin, the API's docs, the public pages.

The page fixtures fail any browser test during which the policy blocked something (conftest.watch_policy), so the
journeys check their own pages; this test adds those no journey opens."""

import pytest

from demo.loader import DEMO_PASSWORD, run

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_api_docs_and_public_pages_work_under_the_policy(live_server, page, shot):
    run(log=lambda *a: None)
    base = live_server.url
    page.goto(f"{base}/api/v1/docs")
    page.wait_for_selector(".swagger-ui .info")  # Swagger UI started: its init script is a static file
    shot(page, "60-csp-api-docs")
    log_in(page, base, "admin", DEMO_PASSWORD)
    page.goto(f"{base}/quan-tri/audit/auditevent/")
    page.wait_for_selector("#result_list")
    page.goto(f"{base}/quan-tri/accounts/roleassignment/add/")
    page.wait_for_selector("form")
    shot(page, "61-csp-admin-form")
    assert page.evaluate("document.styleSheets.length") >= 1  # the admin's own stylesheets loaded
