"""gunicorn.conf.py's worker (kieumau/gunicorn_worker.py): a process takes a new request only when every request it
holds has stepped aside (kieumau/turns.py). Run against real gunicorn, one process, with the project's config."""

import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from django.test import SimpleTestCase

from kieumau import turns

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServedByGunicorn(SimpleTestCase):
    """turns_app under gunicorn with the project's config and `options`."""

    options = ["--workers", "1"]

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.url = f"http://127.0.0.1:{free_port()}"
        cls.server = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "kieumau.tests.turns_app:application", "-c", "gunicorn.conf.py",
             *cls.options, "--bind", cls.url.removeprefix("http://"), "--log-level", "warning"], cwd=ROOT)
        end = time.time() + 30
        while True:
            try:
                cls.get("/")
                break
            except OSError:
                if time.time() > end:
                    raise
                time.sleep(0.2)

    @classmethod
    def tearDownClass(cls):
        cls.server.terminate()
        cls.server.wait(30)
        super().tearDownClass()

    @classmethod
    def get(cls, path: str) -> float:
        start = time.monotonic()
        with urllib.request.urlopen(cls.url + path, timeout=20) as r:  # noqa: S310 (our own local server)
            r.read()
        return time.monotonic() - start

    def served_while(self, path: str) -> float:
        """How long a quick request takes while `path` is being served by the only process."""
        slow = threading.Thread(target=self.get, args=(path,))
        slow.start()
        time.sleep(0.5)  # the slow one is in
        took = self.get("/")
        slow.join()
        return took


class GateTest(ServedByGunicorn):
    def test_a_request_stepped_aside_lets_the_process_take_the_next(self):
        self.assertLess(self.served_while("/aside"), 1)

    def test_a_request_at_work_keeps_the_next_waiting_as_a_sync_worker_would(self):
        self.assertGreater(self.served_while("/work"), 1)


class NoFreeThreadTest(ServedByGunicorn):
    """Two processes of one thread each: a process whose only thread waits stepped aside has no thread for another
    request, so it leaves every connection to the other process."""

    options = ["--workers", "2", "--threads", "1"]

    def test_a_process_without_a_free_thread_takes_nothing(self):
        slow = threading.Thread(target=self.get, args=("/aside",))
        slow.start()
        time.sleep(0.5)
        took = [self.get("/") for _ in range(8)]  # each would wait for the hash if its process took it
        slow.join()
        self.assertLess(max(took), 1, took)


class AsideTest(SimpleTestCase):
    def test_stepping_aside_is_counted_and_calls_back(self):
        calls = []
        turns.when_stepping_aside(lambda: calls.append(turns.aside()))
        try:
            before = turns.aside()
            with turns.stepped_aside():
                self.assertEqual(turns.aside(), before + 1)
            self.assertEqual(turns.aside(), before)
            self.assertEqual(calls, [before + 1])
        finally:
            turns._listeners.pop()
