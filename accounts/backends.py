"""django-axes' lockout check, also for callers that authenticate without a request."""

from axes.backends import AxesStandaloneBackend
from django.http import HttpRequest


class LockoutBackend(AxesStandaloneBackend):
    """Every login page passes the request; a caller without one (the test client's ``login``, a shell) is
    checked against the lockouts as a client with no address: a locked-out username stays locked.

    Its failures are not counted (there is no client to count them against), so a password check that faces
    the network must pass the request.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        return super().authenticate(request or HttpRequest(), username=username, password=password, **kwargs)
