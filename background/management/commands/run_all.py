"""Development: the web server, the task worker and the schedule in one command (`make run`).

In production run them as three services (README): gunicorn, `manage.py db_worker`, `manage.py run_schedule`.
"""

import signal
import subprocess
import sys

from kieumau import commands


class Command(commands.Command):
    help = "Chạy máy chủ web, tiến trình nền (db_worker) và lịch chạy nền cùng lúc (môi trường phát triển)"

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport: str, **options):
        manage = [sys.executable, "manage.py"]
        # Ctrl+C reaches every process of the terminal; a SIGTERM (a service manager, `kill`) reaches this one only:
        # turned into the same exit, so the worker, the schedule and the web server stop too (none is left behind)
        signal.signal(signal.SIGTERM, _interrupt)
        helpers = [
            subprocess.Popen(manage + ["db_worker", "--queue-name", "*", "--interval", "2"]),
            subprocess.Popen(manage + ["run_schedule"]),
        ]
        self.stdout.write("Tiến trình nền (db_worker) và lịch chạy nền (run_schedule) đã chạy.")
        server = None
        try:
            server = subprocess.Popen(manage + ["runserver", addrport])
            server.wait()
        except KeyboardInterrupt:
            pass
        finally:
            signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a second SIGTERM must not cut the clean-up short
            for p in [*helpers, server]:
                if p is not None and p.poll() is None:
                    p.terminate()  # SIGTERM: also stops a child started with SIGINT ignored (a background job)
            for p in [*helpers, server]:
                try:
                    if p is not None:
                        p.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    p.kill()


def _interrupt(signum, frame):
    raise KeyboardInterrupt
