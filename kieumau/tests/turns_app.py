"""A WSGI app for test_turns.py: one request that works, one that waits stepped aside, one that answers at once."""

import time

from kieumau import turns


def application(environ, start_response):
    if environ["PATH_INFO"] == "/aside":
        with turns.stepped_aside():
            time.sleep(2)
    elif environ["PATH_INFO"] == "/work":
        time.sleep(2)  # at work, as a page would be (a sleep stands for it: what counts is not being aside)
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ok"]
