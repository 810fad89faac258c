"""The user's own account page: their roles, where to change the password and the second step, and their API
access tokens (made here, shown once, revoked here)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from accounts.models import RoleAssignment
from accounts.second_factor import has_device
from kieumau import clock
from units.territory import display_name

from . import tokens
from .forms import TokenForm
from .models import AccessToken


def _page(request, form: TokenForm, created: tuple | None = None, status: int = 200):
    now = clock.now()
    roles = [(ra.get_role_display(), display_name(ra.unit) if ra.unit_id else _("the whole country"))
             for ra in RoleAssignment.objects.filter(user=request.user).select_related("unit").order_by("role", "unit__name")]
    rows = [(t, t.is_active(now)) for t in AccessToken.objects.filter(owner=request.user)]
    ctx = {"roles": roles, "tokens": rows, "form": form, "created": created, "two_step": has_device(request.user),
           "api_docs": "/api/v1/docs"}
    return render(request, "api/profile.html", ctx, status=status)


@require_GET
@login_required
@never_cache
def profile(request):
    return _page(request, TokenForm())


@require_POST
@login_required
@never_cache
def create_token(request):
    """Make a token and show it on this answer only: it is not kept anywhere it could be shown again (never_cache:
    nor by the browser's cache or a proxy)."""
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=400)
    row, secret = tokens.create(request.user, form.cleaned_data["name"], form.cleaned_data["days"], actor=request.user)
    return _page(request, TokenForm(), created=(row, secret))


@require_POST
@login_required
def revoke_token(request, pk: int):
    row = get_object_or_404(AccessToken, pk=pk, owner=request.user)  # someone else's token: 404
    if tokens.revoke(row, request.user):
        messages.success(request, _("Token “%(name)s” revoked; it no longer works.") % {"name": row.name})
    return redirect("profile")
