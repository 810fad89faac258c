"""How long a session lives without activity (settings: SESSION_IDLE_TIMEOUT, SESSION_IDLE_TIMEOUT_DECISION_ROLES).

Everyone: 8 hours without a request. Those who record decisions (approvers, council members, administrators),
anyone holding a role on a whole province (program staff, reviewers, supervisors) and staff accounts: 30 minutes,
and the cookie ends with the browser, because an unattended session of theirs can sign a recognition or open every
ward's record. The last activity is kept in the session and written at most once a minute, so a
page view does not cost a session write.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.db.models import Q
from django.dispatch import receiver
from django.utils.translation import gettext as _

from units.models import Level

from .models import Role, RoleAssignment

LAST_SEEN = "kieumau_last_seen"  # Unix seconds of the last request
IDLE_LIMIT = "kieumau_idle_limit"  # seconds this session may stay idle
REFRESH_SECONDS = 60
DECISION_ROLES = (Role.APPROVER, Role.COUNCIL_MEMBER, Role.ADMIN)


def records_decisions(user) -> bool:
    return user.is_staff or user.is_superuser or RoleAssignment.objects.filter(user=user, role__in=DECISION_ROLES).exists()


def strict(user) -> bool:
    """30 minutes and the browser's lifetime: those who record decisions, and anyone holding a role on a whole
    province (program staff, reviewers, supervisors of a province: their pages open every ward's record)."""
    if user.is_staff or user.is_superuser:
        return True
    return RoleAssignment.objects.filter(user=user).filter(Q(role__in=DECISION_ROLES) | Q(unit__level=Level.PROVINCE)).exists()


def start(session, user) -> None:
    """(Re)start the session's clock; the roles are looked up again each time, so a new role applies within a minute."""
    short = strict(user)
    limit = settings.SESSION_IDLE_TIMEOUT_DECISION_ROLES if short else settings.SESSION_IDLE_TIMEOUT
    session[LAST_SEEN] = int(time.time())
    session[IDLE_LIMIT] = int(limit.total_seconds())
    session.set_expiry(0 if short else session[IDLE_LIMIT])  # 0: the cookie ends with the browser


@receiver(user_logged_in)
def _on_login(sender, request, user, **kwargs):
    start(request.session, user)


class SessionPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            self._check(request)
        return self.get_response(request)

    def _check(self, request) -> None:
        session, now = request.session, int(time.time())
        seen, limit = session.get(LAST_SEEN), session.get(IDLE_LIMIT)
        if seen is not None and limit is not None and now - seen > limit:
            logout(request)
            messages.info(request, _("Your session ended after %(minutes)s minutes without activity. Log in again.")
                          % {"minutes": limit // 60})
        elif seen is None or now - seen >= REFRESH_SECONDS:
            start(session, request.user)
