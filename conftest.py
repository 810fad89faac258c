"""Test-wide settings.

Hypothesis: on a busy two-core CI machine, input generation can be slow; that says nothing about correctness,
so the "too slow" health check and per-example deadlines are off. Every property still runs its examples.
"""

from hypothesis import HealthCheck, settings

settings.register_profile("kieumau", suppress_health_check=[HealthCheck.too_slow], deadline=None)
settings.load_profile("kieumau")
