"""Django's Argon2 hasher, run below the pages' CPU priority.

One Argon2 check is ~0.17 s of CPU (eight lanes in threads, on both of a small server's cores); fifty people
logging in at the start of a shift are eight CPU-seconds. At the pages' priority those hashes take the cores from everyone
reading a page, whose p95 rose past 4 s while they ran (docs/performance.md). The hash's cost is not lowered:
instead each process hashes in one thread of its own whose Linux nice value is raised, so the kernel hands a page
the core first and a login gets what is left (it waits a little longer, the readers do not). Nice values are per
thread on Linux, and the lanes Argon2 starts inherit it. Elsewhere (no per-thread nice value) it hashes at the
usual priority, the same as Django's own.

The algorithm, its parameters and its stored form are Django's: existing hashes verify and are upgraded as before.
While the hash runs the request steps aside (kieumau/turns.py): the process's gunicorn worker takes the next request
meanwhile (kieumau/gunicorn_worker.py), where a sync worker would be held for the whole check.
"""

from __future__ import annotations

import os
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

from django.contrib.auth.hashers import Argon2PasswordHasher

from kieumau.turns import stepped_aside

NICENESS = 10  # weight 110 against a page's 1024; times eight lanes, a login still moves on a full machine

_pool: ThreadPoolExecutor | None = None
_pool_pid = 0
_pool_lock = threading.Lock()


def _lower_this_thread() -> None:
    if sys.platform.startswith("linux"):  # elsewhere PRIO_PROCESS with a thread's id would name the process
        try:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), NICENESS)
        except OSError:  # a sandbox that forbids it: hash at the usual priority
            pass


def _pool_of_this_process() -> ThreadPoolExecutor:
    """One hashing thread a process: a fork (gunicorn's workers) gets a new one, the parent's thread is not in it."""
    global _pool, _pool_pid
    with _pool_lock:
        if _pool is None or _pool_pid != os.getpid():
            _pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="argon2", initializer=_lower_this_thread)
            _pool_pid = os.getpid()
        return _pool


class BackgroundArgon2PasswordHasher(Argon2PasswordHasher):
    """Same algorithm name ("argon2"), same parameters: only where the CPU work runs differs."""

    def encode(self, password, salt):
        return _hashed(super().encode, password, salt)

    def verify(self, password, encoded):
        return _hashed(super().verify, password, encoded)


def _hashed(work, *args):
    """The work in this process's hashing thread, the request stepped aside meanwhile."""
    future = _pool_of_this_process().submit(work, *args)
    with stepped_aside():
        return future.result()
