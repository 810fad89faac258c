"""Counts of public writes per client, kept as rows so that every app server (and worker) sees the same count.

The client is stored as a keyed hash of its address, never the address: the count needs only to tell clients apart.
"""

from django.db import models

from kieumau import clock


class Hit(models.Model):
    action = models.CharField(max_length=40)
    client = models.CharField(max_length=64)  # HMAC of the address (gate.throttle.client_key)
    at = models.DateTimeField(default=clock.now)

    class Meta:
        indexes = [models.Index(fields=["action", "client", "at"])]


class Strike(models.Model):
    """A client that went over a limit: its next writes need the captcha until ``until``."""

    action = models.CharField(max_length=40)
    client = models.CharField(max_length=64)
    until = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["action", "client", "until"])]
