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
        helpers = [
            subprocess.Popen(manage + ["db_worker", "--queue-name", "*", "--interval", "2"]),
            subprocess.Popen(manage + ["run_schedule"]),
        ]
        self.stdout.write("Tiến trình nền (db_worker) và lịch chạy nền (run_schedule) đã chạy.")
        try:
            subprocess.call(manage + ["runserver", addrport])
        except KeyboardInterrupt:
            pass
        finally:
            for p in helpers:
                if p.poll() is None:
                    p.send_signal(signal.SIGINT)
            for p in helpers:
                try:
                    p.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    p.kill()
