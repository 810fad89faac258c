"""gunicorn's settings for KiểuMẫu, read from the working directory: `gunicorn kieumau.wsgi` picks them up.

Threads with a gate (kieumau/gunicorn_worker.py, kieumau/turns.py): a process takes a new request only when none it
holds is at work, as a sync worker does, but a login waiting for its Argon2 hash (accounts/hashers.py) holds a thread,
not the process. Sixteen threads: up to fifteen logins a process may wait for their hashes while a page is served.
Each thread that served a request keeps its database connection (CONN_MAX_AGE): PostgreSQL's max_connections must
cover workers × threads. No keep-alive, as with sync workers: the proxy keeps the browsers' connections, and a
kept connection would bring its next request past the gate. Behind a proxy that buffers requests (nginx does by
default), as with sync workers: a client that sends nothing for 5 s holds its process's gate meanwhile, then is
dropped. HTTP/1 only: an HTTP/2 connection holds a thread, and the gate, for its whole life. The worker count stays
on the command line (or WEB_CONCURRENCY).
"""

worker_class = "kieumau.gunicorn_worker.TurnTakingWorker"
threads = 16
keepalive = 0
