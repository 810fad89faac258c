"""Playwright against a live server, in Debian's Chromium (no browser download here).

A missing browser is a failure when CI=true and a clear skip otherwise.
"""

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # live_server + sync Playwright in one thread

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM}: apt-get install -y chromium fonts-liberation2"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def watch_policy(pg) -> list:
    """Collect what the Content-Security-Policy blocked: Chromium says so on the console ("Refused to …")."""
    blocked = []
    pg.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    return blocked


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="vi-VN")
    pg = context.new_page()
    pg.set_default_timeout(15000)
    blocked = watch_policy(pg)
    yield pg
    context.close()
    assert not blocked, "The Content-Security-Policy blocked something on these pages:\n" + "\n".join(blocked)


@pytest.fixture
def phone(browser):
    """A phone-sized page: 390 × 844, touch, as officers use it in the field."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN", is_mobile=True, has_touch=True,
                                  device_scale_factor=2)
    pg = context.new_page()
    pg.set_default_timeout(15000)
    blocked = watch_policy(pg)
    yield pg
    context.close()
    assert not blocked, "The Content-Security-Policy blocked something on these pages:\n" + "\n".join(blocked)


@pytest.fixture
def shot():
    ARTIFACTS.mkdir(exist_ok=True)

    def take(page, name):
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=False)
        return path

    return take


def log_in(page, base, username, password):
    """Log in through the pages, with the second factor when the account has one.

    Those who record decisions (approvers, council members) use two-step verification, as the product asks of
    them: they are enrolled first if they are not yet.
    """
    from django.contrib.auth import get_user_model

    from accounts.second_factor import enrol_for_demo, has_device
    from accounts.session_policy import records_decisions

    user = get_user_model().objects.get(username=username)
    if records_decisions(user) and not has_device(user):
        enrol_for_demo(user)
    page.context.clear_cookies()
    page.goto(f"{base}/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.click("button[type=submit]")
    if "/xac-thuc/" in page.url:
        enter_backup_code(page, user)


def enter_backup_code(page, user):
    """A fresh backup code: a code from the app is accepted once per 30 seconds, and journeys log in faster."""
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    device, _created = StaticDevice.objects.get_or_create(user=user, defaults={"name": "backup"})
    token = device.token_set.create(token=StaticToken.random_token()).token
    page.fill("#id_code", token)
    with page.expect_navigation():
        page.click("main button[type=submit]")
