"""Which of a process's requests are waiting on work that needs no Python: a login's password hash.

Pages are best served one at a time a process, as gunicorn's sync workers do: Python runs one thread at a time in a
process, so pages sharing one each take as many times as long and hold their database locks the while (measured
with sixteen threads and no gate, busy profile of `make load`: the saves' p95 went from 0.9 s to 10 s). But a sync
worker is held for the whole of a login's Argon2 hash, and fifty people logging in at once held every worker while
the pages queued behind them for 4–5 s. So the app is served by gunicorn's threaded worker with a gate
(kieumau/gunicorn_worker.py): a process takes a new request only when every request it holds has stepped aside here,
which a login does while its hash runs in the hashing thread (accounts/hashers.py).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

_aside = 0
_lock = threading.Lock()
_listeners: list[Callable[[], None]] = []


def aside() -> int:
    """How many of this process's requests are stepped aside now."""
    return _aside


def when_stepping_aside(callback: Callable[[], None]) -> None:
    """Call back (from the request's thread) whenever a request steps aside: the worker may take another then."""
    _listeners.append(callback)


@contextmanager
def stepped_aside() -> Iterator[None]:
    """Mark this request as waiting on work that needs no Python (a hash in its own thread) while the block runs."""
    global _aside
    with _lock:
        _aside += 1
    for callback in _listeners:
        callback()
    try:
        yield
    finally:
        with _lock:
            _aside -= 1
