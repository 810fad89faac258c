"""Roles held on bodies, read in one place: which bodies a user reports for, and who reports for a body."""

from __future__ import annotations

from accounts.models import Role

from .models import BodyAssignment


def body_ids(user) -> set[int]:
    """The bodies ``user`` reports for (cached on the user for the request)."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_kieumau_bodies", None)
    if cached is None:
        cached = set(BodyAssignment.objects.filter(user=user, role=Role.AGENCY_REPORTER).values_list("body_id", flat=True))
        user._kieumau_bodies = cached
    return cached


def carried_bodies(user, graph=None) -> set[int]:
    """The bodies whose history ``user`` reads as a reporter: their own and every body whose tasks passed to them."""
    own = body_ids(user)
    if not own:
        return set()
    from .succession import Graph

    graph = graph or Graph.load()
    return set().union(*(graph.carried_by(b) for b in own))


def reporters_by_body(body_ids_wanted=None) -> dict[int, list]:
    """Active reporters of each body (of ``body_ids_wanted`` only, when given), from one query."""
    qs = BodyAssignment.objects.filter(role=Role.AGENCY_REPORTER, user__is_active=True).select_related("user").order_by("pk")
    if body_ids_wanted is not None:
        qs = qs.filter(body_id__in=body_ids_wanted)
    out: dict[int, list] = {}
    for a in qs:
        out.setdefault(a.body_id, []).append(a.user)
    return out


def reporters(body) -> list:
    return reporters_by_body([body.pk]).get(body.pk, [])
