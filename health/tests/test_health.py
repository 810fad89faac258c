"""/health/ for the load balancer, /csp-report/ for browsers, and the production settings' own check."""

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

from django.test import TestCase
from django.urls import reverse

from background.models import Heartbeat, beat
from kieumau import clock

ROOT = Path(__file__).resolve().parents[2]


class HealthTests(TestCase):
    def get(self):
        r = self.client.get(reverse("health"))
        return r, r.json()

    def test_it_works_without_login_and_sets_no_cookie(self):
        r, body = self.get()
        self.assertEqual(r.status_code, 200)
        self.assertEqual(body, {"status": "ok", "checks": {"database": "ok", "worker": "none", "media_disk": "ok"}})
        self.assertEqual(r.cookies, {})
        self.assertEqual(r["Cache-Control"], "no-store")

    def test_a_beating_scheduler_is_ok_and_a_silent_one_is_stale(self):
        beat("schedule")
        self.assertEqual(self.get()[1]["checks"]["worker"], "ok")
        Heartbeat.objects.filter(name="schedule").update(at=clock.now() - dt.timedelta(minutes=6))
        r, body = self.get()
        self.assertEqual((r.status_code, body["status"], body["checks"]["worker"]), (200, "degraded", "stale"))

    def test_a_database_failure_is_503_and_says_nothing_more(self):
        with mock.patch("health.checks.database", return_value="fail"):
            r, body = self.get()
        self.assertEqual(r.status_code, 503)
        self.assertEqual(body, {"status": "fail", "checks": {"database": "fail"}})

    def test_low_disk_is_degraded(self):
        with mock.patch("health.checks.shutil.disk_usage", return_value=mock.Mock(free=10)):
            self.assertEqual(self.get()[1]["checks"]["media_disk"], "low")

    def test_other_methods_are_refused(self):
        self.assertEqual(self.client.post(reverse("health")).status_code, 405)


class CspReportTests(TestCase):
    def test_a_report_is_logged_and_answered_204(self):
        report = {"csp-report": {"blocked-uri": "inline", "violated-directive": "style-src"}}
        with self.assertLogs("kieumau.csp", "WARNING") as logs:
            r = self.client.post(reverse("csp_report"), json.dumps(report), content_type="application/csp-report")
        self.assertEqual(r.status_code, 204)
        self.assertIn("style-src", logs.output[0])

    def test_garbage_and_huge_bodies_are_204_too(self):
        with self.assertLogs("kieumau.csp", "WARNING") as logs:
            r = self.client.post(reverse("csp_report"), b"\xff\x00" * 100_000, content_type="application/octet-stream")
        self.assertEqual(r.status_code, 204)
        self.assertLess(len(logs.output[0]), 9 * 1024)
        self.assertEqual(self.client.get(reverse("csp_report")).status_code, 405)


class PolicyHeaderTests(TestCase):
    def test_every_page_carries_a_strict_policy(self):
        r = self.client.get(reverse("login"))
        policy = r["Content-Security-Policy"]
        for directive in ("default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'",
                          "frame-ancestors 'none'", "report-uri /csp-report/"):
            self.assertIn(directive, policy)
        self.assertNotIn("unsafe-inline", policy)
        self.assertNotIn("unsafe-eval", policy)


PRODUCTION = {"DEBUG": "0", "SECRET_KEY": "k" * 20 + "Ab3$-x_9Qz!" * 3, "ALLOWED_HOSTS": "example.vn", "HTTPS": "1"}


def _manage(*args, **env):
    # a production environment: none of the test run's own variables (the browser tests set DJANGO_ALLOW_ASYNC_UNSAFE)
    dropped = ("DEBUG", "HTTPS", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE")
    full = {k: v for k, v in os.environ.items() if k not in dropped}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env={**full, **env}, capture_output=True,
                          text=True, timeout=600)


def test_the_deployment_check_is_clean_under_production_settings():
    assert len(PRODUCTION["SECRET_KEY"]) >= 50
    run = _manage("check", "--deploy", **PRODUCTION)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "System check identified no issues" in run.stdout, run.stdout + run.stderr


def test_under_production_settings_the_login_page_is_https_only_with_a_policy():
    script = (
        "from django.test import Client; c = Client(); "
        "r = c.get('/dang-nhap/', secure=True, HTTP_HOST='example.vn'); "
        "print(r.status_code, bool(r.get('Content-Security-Policy')), r.get('Strict-Transport-Security', '')); "
        "r = c.get('/dang-nhap/', HTTP_HOST='example.vn'); print(r.status_code, r.get('Location', ''))"
    )
    run = _manage("shell", "-c", script, **PRODUCTION)
    assert run.returncode == 0, run.stderr
    first, second = run.stdout.strip().splitlines()[-2:]
    assert first.startswith("200 True max-age=31536000"), run.stdout
    assert second == "301 https://example.vn/dang-nhap/", run.stdout
