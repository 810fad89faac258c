"""Locust users for ``make load`` (loadtest/run.py starts them; the plan comes from ``manage.py loadset prepare``).

Profiles (LOAD_PROFILE): ``steady`` (people reading between 5 and 15 s), ``busy`` (1 to 3 s) and ``logins`` (people
reading at the steady pace while 50 more log in at the same moment: the statistics cover the burst, from its first
login until the last of the 50 has its answer and at least BURST_WINDOW seconds). Every request is named by its page,
so the statistics come out per page, not per URL.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import threading
import time
from pathlib import Path

import gevent
import gevent.event
from locust import between, events, task
from locust.contrib.fasthttp import FastHttpUser as HttpUser  # geventhttpclient: a fifth of requests' CPU, and locust shares the 2 cores

PLAN = json.loads(Path(os.environ.get("LOAD_PLAN", "loadtest/out/plan.json")).read_text(encoding="utf-8"))
PROFILE = os.environ.get("LOAD_PROFILE", "steady")
ACKS_FILE = Path(os.environ.get("LOAD_ACKS", "loadtest/out/acks.json"))
WAIT = between(1, 3) if PROFILE == "busy" else between(5, 15)
BURST = int(os.environ.get("LOAD_BURST", "50"))  # set by run.py
BURST_WINDOW = float(os.environ.get("LOAD_BURST_WINDOW", "15"))  # seconds measured at least, from the burst's start
# steady and busy measure pages, not arrivals: once ARRIVALS people have logged in (on_start done), the statistics
# restart and the run lasts MEASURE seconds more. Spawning ends before the last logins do (each is ~0.3 s of CPU),
# so locust's own --reset-stats alone left the login queue, and every first page after a login, in the figures.
# The statistics restart SETTLE seconds after the last login, not at it: 200 arrivals' logins leave a queue behind
# them, and a page asked for in that queue but answered after the restart counted its seconds of waiting (steady's
# p95 then measured the arrivals' tail: 2.6 s in the first seconds, diluted over the run). Logins are measured by the
# logins profile.
ARRIVALS = int(os.environ.get("LOAD_ARRIVALS", "0"))
MEASURE = float(os.environ.get("LOAD_MEASURE_SECONDS", "0"))
SETTLE = float(os.environ.get("LOAD_SETTLE_SECONDS", "15"))
_arrived = 0
_measuring = gevent.event.Event()  # set when the statistics restart: the logins profile's burst starts then
_burst_done = 0

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
REVISION = re.compile(r'name="revision" value="(\d+)"')
BOOL_SELECT = re.compile(r'<select name="([a-z0-9_]+)"[^>]*>\s*<option value="">[^<]*</option>\s*<option value="true"')
SELECTED = r'<select name="{}"[^>]*>.*?<option value="(true|false)"[^>]*selected'

_staff = itertools.cycle(PLAN["staff"])
_writers = iter(PLAN["writers"])
_lock = threading.Lock()  # locust users are greenlets; the lock only guards the shared iterators and the acks
ACKS: dict[str, dict] = {}


def arrived(user: HttpUser) -> None:
    """Count one person ready; SETTLE seconds after the last of ARRIVALS the statistics restart and the run's end is
    set MEASURE seconds later."""
    global _arrived
    with _lock:
        _arrived += 1
        last = _arrived == ARRIVALS
    if last:
        runner = user.environment.runner
        print(f"   {ARRIVALS} người đã vào: chờ {SETTLE:.0f} s cho hàng đợi đăng nhập hết rồi bắt đầu đo", flush=True)

        def measure():
            runner.stats.reset_all()
            _measuring.set()
            if PROFILE == "logins":
                print(f"   bắt đầu đo: {BURST} người đăng nhập cùng lúc", flush=True)
                gevent.spawn(_quit_after_the_burst, runner)
                return
            print(f"   bắt đầu đo, {MEASURE:.0f} s", flush=True)
            if MEASURE:
                gevent.spawn_later(MEASURE, runner.quit)

        gevent.spawn_later(SETTLE, measure)


def _quit_after_the_burst(runner) -> None:
    """The logins profile ends once every one of the burst's logins has its answer (two minutes at most) and at least
    BURST_WINDOW seconds have passed: the pages measured are those asked for while the logins ran."""
    start = time.time()
    while (_burst_done < BURST and time.time() - start < 120) or time.time() - start < BURST_WINDOW:
        gevent.sleep(0.5)
    print(f"   {_burst_done}/{BURST} lần đăng nhập xong sau {time.time() - start:.1f} s", flush=True)
    runner.quit()


def pages_from_anywhere(pages: list) -> itertools.cycle:
    """A person's round of pages, begun at a random page: not everyone opens the matrix first."""
    start = random.randrange(len(pages))  # noqa: S311 (a load test's spread, not a secret)
    return itertools.cycle(pages[start:] + pages[:start])


def page_name(path: str) -> str:
    """A page's name in the statistics: the URL with its numbers and query left out."""
    return re.sub(r"\d+", "N", path.split("?")[0])


def read(user: HttpUser, path: str, headers=None) -> None:
    """GET a page that must answer itself: a redirect (to the login page, say) is a failure, not a fast page."""
    with user.client.get(path, name=page_name(path), headers=headers, allow_redirects=False, catch_response=True) as r:
        if r.status_code != 200:
            r.failure(f"{r.status_code} {r.headers.get('Location', '')}")


def login(user: HttpUser, username: str, name: str = "đăng nhập") -> bool:
    form = user.client.get("/dang-nhap/", name="trang đăng nhập")
    token = CSRF.search(form.text or "")
    if not token:
        return False
    with user.client.post("/dang-nhap/", {"csrfmiddlewaretoken": token.group(1), "username": username,
                                          "password": PLAN["password"]},
                          headers={"Referer": user.host + "/dang-nhap/"}, name=name,
                          allow_redirects=False, catch_response=True) as r:
        if r.status_code != 302:
            r.failure(f"đăng nhập {username}: {r.status_code}")
            return False
        r.success()
    return True


class ProvincialStaff(HttpUser):
    """Provincial staff cycling the matrix, the roadmap, the to-do list and scorecards."""
    weight = 10
    wait_time = WAIT

    def on_start(self):
        with _lock:
            account = next(_staff)
        self.pages = pages_from_anywhere(account["pages"])
        login(self, account["username"])
        arrived(self)

    @task
    def browse(self):
        read(self, next(self.pages))


class DataEntry(HttpUser):
    """A ward officer saving figures: each simulated officer has a ward of its own (demo/loadset.py)."""
    fixed_count = len(PLAN["writers"])
    wait_time = WAIT

    def on_start(self):
        with _lock:
            self.ward = next(_writers, None)
        if self.ward is None:
            self.stop()
            return
        login(self, self.ward["username"])
        self.url = self.ward["url"]
        arrived(self)

    @task
    def save(self):
        page = self.client.get(self.url, name="nhập liệu (mở)")
        token, revision, field = CSRF.search(page.text), REVISION.search(page.text), BOOL_SELECT.search(page.text)
        if not (token and revision and field):
            return
        field = field.group(1)
        now = re.search(SELECTED.format(field), page.text, re.S)
        value = "false" if now and now.group(1) == "true" else "true"  # a change every time: each save is a new revision
        with self.client.post(self.url, {"csrfmiddlewaretoken": token.group(1), "revision": revision.group(1), field: value},
                              headers={"Referer": self.host + self.url}, name="nhập liệu (lưu)",
                              allow_redirects=False, catch_response=True) as r:
            if r.status_code == 302 and "/nhap-lieu/" not in r.headers.get("Location", ""):
                r.success()
                with _lock:
                    ack = ACKS.setdefault(self.ward["username"], {"count": 0})
                    ack.update(count=ack["count"] + 1, field=field, value=value)
            else:
                r.failure(f"lưu không được: {r.status_code}")


class Citizen(HttpUser):
    """The public pages (no login)."""
    weight = 1
    wait_time = WAIT

    def on_start(self):
        arrived(self)

    @task
    def browse(self):
        for path in PLAN["public"]:
            read(self, path)


class ApiClient(HttpUser):
    """Another system reading the API with a token."""
    weight = 1
    wait_time = WAIT

    def on_start(self):
        arrived(self)

    @task
    def browse(self):
        for path in PLAN["api"]["pages"]:
            read(self, path, headers={"Authorization": "Bearer " + PLAN["api"]["token"]})


class LoginBurst(HttpUser):
    """Fifty people logging in at the same moment (the ``logins`` profile), once everyone else has arrived and the
    statistics restarted; each then reads at the steady pace."""
    fixed_count = BURST
    wait_time = between(5, 15)

    def on_start(self):
        global _burst_done
        with _lock:
            account = next(_staff)
        self.pages = itertools.cycle(account["pages"])
        _measuring.wait()
        try:
            login(self, account["username"], name=f"đăng nhập ({BURST} cùng lúc)")
        finally:
            with _lock:
                _burst_done += 1

    @task
    def browse(self):
        read(self, next(self.pages))


# Every failed request of the run, counted apart from the statistics (which restart once everyone has arrived): an
# error during the arrivals or the settling still fails `make load` (run.py reads FAILURES_FILE).
FAILURES_FILE = Path(os.environ.get("LOAD_FAILURES", "loadtest/out/failures.json"))
FAILURES: dict[str, int] = {}


@events.request.add_listener
def _count_failure(name, exception=None, **_kwargs):
    if exception is not None:
        with _lock:
            FAILURES[name] = FAILURES.get(name, 0) + 1


@events.test_stop.add_listener
def _write_acks(**_kwargs):
    with _lock:
        ACKS_FILE.parent.mkdir(parents=True, exist_ok=True)
        ACKS_FILE.write_text(json.dumps(ACKS, ensure_ascii=False, indent=1), encoding="utf-8")
        FAILURES_FILE.write_text(json.dumps(FAILURES, ensure_ascii=False, indent=1), encoding="utf-8")
