"""The client address that login lockouts count (django-axes' AXES_CLIENT_IP_CALLABLE).

X-Forwarded-For is written by whoever sends the request; only the entries our own proxies appended can be
believed. With TRUSTED_PROXY_COUNT = N, the N-th entry from the right is the address our outermost proxy saw.
With N = 0 (the default) the header is ignored: rotating it gains an attacker nothing, and naming someone
else's address in it cannot lock them out.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def client_ip(request) -> str | None:
    remote = request.META.get("REMOTE_ADDR") or None
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [e.strip() for e in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if e.strip()]
    if proxies <= 0 or not forwarded:
        return remote
    # Fewer entries than proxies: every entry came from a proxy of ours; the leftmost is the farthest one.
    candidate = forwarded[max(len(forwarded) - proxies, 0)]
    return candidate if _is_address(candidate) else remote


def _is_address(value: str) -> bool:
    # The address is stored in a GenericIPAddressField: garbage would be an error on PostgreSQL.
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True
