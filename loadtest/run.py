"""``make load``: the app under gunicorn on PostgreSQL at national size, locust beside it, a table of the results.

Steps: create the load database if it is missing (LOAD_DATABASE_URL, default a ``kieumau_load`` database on the
local PostgreSQL); migrate; load the demo and the bench's national country (idempotent: a second run reuses them);
write the plan (demo/loadset.py); VACUUM ANALYZE (as autovacuum would: statistics, earlier runs' dead rows); start gunicorn
(LOAD_WORKERS, default 5 = 2 × cores + 1); run each profile with locust headless (LOAD_SECONDS each); print
p50/p95/p99 per page, requests/s and errors beside the goals; check that every acknowledged save is in the database
exactly once. Exit 1 on any error or lost/doubled write; a goal missed is printed, not failed (it depends on the
machine). Run alone: on 2 cores, anything beside it skews the figures.
"""

from __future__ import annotations

import csv
import json
import os
import platform
import secrets
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "loadtest" / "out"
BIN = Path(sys.executable).parent
DB = os.environ.get("LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kieumau_load")
WORKERS = int(os.environ.get("LOAD_WORKERS", "5"))
SECONDS = int(os.environ.get("LOAD_SECONDS", "60"))
USERS = int(os.environ.get("LOAD_USERS", "200"))
PORT = int(os.environ.get("LOAD_PORT", "8011"))
SPAWN_RATE = int(os.environ.get("LOAD_SPAWN_RATE", "5"))
PROFILES = os.environ.get("LOAD_PROFILES", "steady busy logins").split()
# gunicorn reads gunicorn.conf.py (threads); more options here, e.g. "--worker-class sync --threads 1" to compare
# (gunicorn runs its threaded worker whenever threads > 1, whatever --worker-class says)
GUNICORN_ARGS = os.environ.get("LOAD_GUNICORN_ARGS", "").split()
BURST = 50  # the logins profile: how many log in at the same moment (locustfile.py reads it as LOAD_BURST)
SETTLE = int(os.environ.get("LOAD_SETTLE_SECONDS", "15"))  # after the last arrival, before measuring (locustfile.py)
# profile → (goal for p95 of pages in ms, goal for requests/s or None)
GOALS = {"steady": (150, None), "busy": (1000, 100), "logins": (1000, None)}


def app_env() -> dict:
    env = dict(os.environ, DATABASE_URL=DB, DEBUG="0", SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="127.0.0.1",
               LOG_LEVEL="ERROR", SECURE_COOKIES="0")  # plain HTTP on this machine: cookies without the Secure flag
    env.setdefault("REDIS_URL", "redis://127.0.0.1:6379/7")  # the cache all workers share, as in production
    return env


def manage(*args: str, env: dict) -> None:
    subprocess.run([str(BIN / "python"), "manage.py", *args], cwd=ROOT, env=env, check=True)


def create_database() -> None:
    import psycopg  # the app's own driver

    base, name = DB.rsplit("/", 1)
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
            print(f"  tạo cơ sở dữ liệu {name}")


def prepare(env: dict) -> None:
    print("== Dữ liệu: mẫu (demo) + cả nước (như make bench), trên", DB.rsplit("@", 1)[-1])
    create_database()
    manage("migrate", "--noinput", "-v0", env=env)
    manage("demo", env=env)
    manage("shell", "-c", "from demo.bench import build_dataset; from national.bench import prepare; "
           "from demo.bench import YEAR; build_dataset(print); prepare(YEAR)", env=env)
    manage("loadset", "prepare", "--out", str(OUT / "plan.json"), env=env)
    analyze()


def analyze() -> None:
    """What autovacuum does on a production server, which may be off (it is on this machine's PostgreSQL): the
    planner's statistics on what was just loaded, and the dead rows of earlier runs cleared. Without statistics the
    planner guessed 3,535 units for 14,152 and read an API page's lineage by scanning both tables (10 ms instead of
    under 1). Without the vacuum every run's saves leave their dead rows to the next run (a data version row is updated
    on every save), and runs back to back would not measure the same database."""
    import psycopg

    with psycopg.connect(DB, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


def wait_for(url: str, seconds: int = 60) -> None:
    end = time.time() + seconds
    while time.time() < end:
        try:
            with urllib.request.urlopen(url, timeout=5) as r:  # noqa: S310 (our own local server)
                if r.status in (200, 503):
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"Máy chủ không trả lời ở {url} sau {seconds} s")


def written(kind: str, profile: str) -> Path:
    """What locust writes for a profile besides its statistics: the acknowledged saves, the failures."""
    return OUT / f"{kind}-{profile}.json"


def run_profile(profile: str, host: str) -> Path:
    prefix = OUT / profile
    for left in (written("acks", profile), written("failures", profile)):  # nothing of an earlier run is counted
        left.unlink(missing_ok=True)
    burst = BURST if profile == "logins" else 0  # logins: half the readers, then BURST more who log in at the same moment
    users = USERS // 2 + burst if burst else USERS
    # The readers arrive as in the other profiles; once they all have and SETTLE has passed, the statistics restart
    # and the BURST log in at once. The logins profile lasts until the last of them is answered (locustfile.py).
    env = dict(os.environ, LOAD_PROFILE=profile, LOAD_PLAN=str(OUT / "plan.json"), LOAD_ACKS=str(written("acks", profile)),
               LOAD_FAILURES=str(written("failures", profile)), LOAD_SETTLE_SECONDS=str(SETTLE), LOAD_BURST=str(BURST),
               LOAD_ARRIVALS=str(users - burst), LOAD_MEASURE_SECONDS=str(0 if burst else SECONDS))
    print(f"== Kịch bản {profile}: {users} người dùng, {SECONDS} s")
    classes = ["ProvincialStaff", "Citizen", "ApiClient"] + (["LoginBurst"] if profile == "logins" else ["DataEntry"])
    # Each simulated person logs in as they arrive (Argon2: ~0.17 s of CPU each on this machine), at SPAWN_RATE a
    # second; the statistics restart SETTLE seconds after the last of them has logged in, and the run then lasts
    # SECONDS, or until the burst's last login is answered (loadtest/locustfile.py). -t only bounds a run whose
    # logins never all succeed: arrivals, plus room for the last logins' queue and the settling before measuring.
    ramp = -(-users // SPAWN_RATE) + 180 + SETTLE
    subprocess.run([str(BIN / "locust"), "-f", str(ROOT / "loadtest" / "locustfile.py"), *classes, "--headless", "--only-summary",
                    "-u", str(users), "-r", str(SPAWN_RATE), "-t", f"{SECONDS + ramp}s", "--host", host, "--reset-stats",
                    "--csv", str(prefix), "--loglevel", "WARNING", "--stop-timeout", "20"], cwd=ROOT, env=env, check=False)
    return Path(f"{prefix}_stats.csv")


def table(profile: str, stats: Path) -> tuple[list[str], int]:
    # a page nobody opened inside the measured window has no percentiles ("N/A"): left out of the table
    rows = [r for r in csv.DictReader(stats.open(encoding="utf-8")) if int(r["Request Count"]) or r["Name"] == "Aggregated"]
    page_goal, rps_goal = GOALS.get(profile, (None, None))
    lines, errors = [], 0
    head = f"{'Trang':38} {'số yêu cầu':>10} {'lỗi':>5} {'p50':>7} {'p95':>7} {'p99':>7}"
    lines += [head, "-" * len(head)]
    for r in rows:
        name = r["Name"] if r["Name"] != "Aggregated" else "TỔNG"
        errors += int(r["Failure Count"]) if r["Name"] == "Aggregated" else 0
        lines.append(f"{name[:38]:38} {int(r['Request Count']):>10} {int(r['Failure Count']):>5} "
                     f"{r['50%']:>5}ms {r['95%']:>5}ms {r['99%']:>5}ms")
    total = next(r for r in rows if r["Name"] == "Aggregated")
    rps = float(total["Requests/s"])
    verdicts = [f"yêu cầu/giây: {rps:.1f}" + (f" (mục tiêu ≥ {rps_goal}: {'đạt' if rps >= rps_goal else 'KHÔNG đạt'})" if rps_goal else "")]
    if page_goal:
        worst = max((int(r["95%"]), r["Name"]) for r in rows if r["Name"] != "Aggregated" and "đăng nhập" not in r["Name"])
        verdicts.append(f"p95 trang chậm nhất: {worst[0]} ms ({worst[1]}; mục tiêu ≤ {page_goal} ms: "
                        f"{'đạt' if worst[0] <= page_goal else 'KHÔNG đạt'})")
    burst = [r for r in rows if r["Name"] == f"đăng nhập ({BURST} cùng lúc)"]
    if burst:
        slowest = int(float(burst[0]["Max Response Time"]))
        verdicts.append(f"{BURST} lần đăng nhập cùng lúc: chậm nhất {slowest / 1000:.1f} s (mục tiêu ≤ 10 s: "
                        f"{'đạt' if slowest <= 10000 else 'KHÔNG đạt'})")
    verdicts.append(f"lỗi: {errors} (mục tiêu 0)")
    return lines + verdicts, errors


def unmeasured_failures(profile: str, measured: int) -> int:
    """Failed requests of the run that the table does not show (before the statistics restarted): locustfile.py counts
    every failure apart. A run whose count is missing is a failure too."""
    path = written("failures", profile)
    if not path.exists():
        return 1
    return max(0, sum(json.loads(path.read_text(encoding="utf-8")).values()) - measured)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    env = app_env()
    prepare(env)  # always: the plan holds each writer's revision at the start, which the write check counts from
    host = f"http://127.0.0.1:{PORT}"
    print(f"== gunicorn: {WORKERS} tiến trình trên {host}")
    server = subprocess.Popen([str(BIN / "gunicorn"), "kieumau.wsgi", "--workers", str(WORKERS), "--bind", f"127.0.0.1:{PORT}",
                               "--log-level", "warning", *GUNICORN_ARGS], cwd=ROOT, env=env)
    report, failed = [f"Máy: {platform.node()}, {os.cpu_count()} lõi, {platform.python_implementation()} "
                      f"{platform.python_version()}; gunicorn {WORKERS} tiến trình {' '.join(GUNICORN_ARGS) or '(gunicorn.conf.py)'}; locust cùng máy; {USERS} người dùng; "
                      f"{SECONDS} s mỗi kịch bản; {time.strftime('%Y-%m-%d %H:%M')}"], False
    try:
        wait_for(host + "/health/")
        for profile in PROFILES:
            lines, errors = table(profile, run_profile(profile, host))
            outside = unmeasured_failures(profile, errors)
            if outside:
                lines.append(f"lỗi ngoài khoảng đo (lúc mọi người đăng nhập và chờ ổn định): {outside}")
            report += ["", f"Kịch bản {profile}:", *lines]
            failed |= errors > 0 or outside > 0
    finally:
        server.terminate()
        server.wait(30)
    acks: dict = {}
    for profile in PROFILES:
        path = written("acks", profile)
        for user, ack in (json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}).items():
            total = acks.setdefault(user, {"count": 0})
            total.update(count=total["count"] + ack["count"], field=ack["field"], value=ack["value"])
    (OUT / "acks.json").write_text(json.dumps(acks, ensure_ascii=False), encoding="utf-8")
    check = subprocess.run([str(BIN / "python"), "manage.py", "loadset", "check", str(OUT / "plan.json"), str(OUT / "acks.json")],
                           cwd=ROOT, env=env, capture_output=True, text=True)
    report += ["", (check.stdout or check.stderr).strip()]
    failed |= check.returncode != 0
    text = "\n".join(report)
    (OUT / "report.txt").write_text(text + "\n", encoding="utf-8")
    print("\n" + text)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
