"""gunicorn's threaded worker that takes a new request only when none it holds is at work (kieumau/turns.py).

That is what a sync worker does, so the kernel hands each connection to an idle process and the pages are served one
at a time a process; and a login waiting for its hash holds a thread, not the process. The plain threaded worker
accepts every connection it can: under the busy profile one process queued requests that an idle one could have
served, and the p95 rose from 0.83 s to 2.4 s.
"""

from __future__ import annotations

from gunicorn.workers.gthread import ThreadWorker

from kieumau import turns


class TurnTakingWorker(ThreadWorker):
    at_work = 0  # requests handed to a thread and not finished, stepped aside or not

    def gate_open(self) -> bool:
        """Every request held has stepped aside, and a thread is free for the next."""
        return self.at_work <= turns.aside() and self.at_work < self.cfg.threads

    # The loop accepts while nr_conns < worker_connections: reading it through the gate stops accepting while a
    # request is at work, and opens again when the loop next wakes (a request finished, or one stepped aside).
    @property
    def worker_connections(self) -> int:
        return self._connections if self.gate_open() else 0

    @worker_connections.setter
    def worker_connections(self, value: int) -> None:
        self._connections = value

    def init_process(self) -> None:
        turns.when_stepping_aside(lambda: self.method_queue.defer(lambda: None))  # wakes the loop to look again
        super().init_process()

    def accept(self, listener) -> None:
        # The gate is read at the top of the loop; a login that stepped aside may have resumed since (no wake-up
        # then): look again before taking the connection, and leave it to another process if shut.
        if not self.gate_open():
            self.set_accept_enabled(False)
            return
        super().accept(listener)

    def enqueue_req(self, conn) -> None:
        super().enqueue_req(conn)  # counted once handed over: a pool that refused it (shutting down) holds nothing
        self.at_work += 1  # the loop's own thread: no lock needed; finish_request comes later, through the loop

    def finish_request(self, conn, fs) -> None:
        self.at_work -= 1
        super().finish_request(conn, fs)
