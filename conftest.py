"""Test-wide settings.

The application's clock (kieumau.clock) is fixed at 23/11/2026 for every test, so that "the current year", program
years and deadlines are the same whenever the suite runs; a test that needs another day nests its own.

Hypothesis: on a busy two-core CI machine, input generation can be slow; that says nothing about correctness,
so the "too slow" health check and per-example deadlines are off. Every property still runs its examples.
"""

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("kieumau", suppress_health_check=[HealthCheck.too_slow], deadline=None)
settings.load_profile("kieumau")


@pytest.fixture(autouse=True, scope="session")
def _fixed_clock():
    import datetime as dt

    from kieumau import clock

    with clock.fixed_at(dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))):
        yield


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: tests roll their rows back and the clock is fixed, so two tests can
    reach the same data version (kieumau/fragments.py) with different data."""
    from django.core.cache import cache

    from kieumau import fragments

    cache.clear()
    fragments.forget_frozen()
    fragments._request_finished()  # a response never closed (streamed, unread) leaves no map version behind
    yield
