"""The second factor in the login flow: a session is "verified" after a valid code."""

from __future__ import annotations

import time
from urllib.parse import quote

from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse

from . import totp
from .models import TOTPDevice

SESSION_KEY = "kieumau_otp_ok"


def has_device(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


@transaction.atomic
def check_code(user, code: str, *, confirm: bool = False) -> bool:
    device = TOTPDevice.objects.select_for_update().filter(user=user).first()
    if device is None or (not confirm and not device.confirmed):
        return False
    step = totp.matching_step(device.secret, code, now=time.time())
    if step is None or step <= device.last_used_step:  # wrong, or a code already used (replay)
        return False
    device.last_used_step, device.confirmed = step, True
    device.save(update_fields=["last_used_step", "confirmed"])
    return True


class SecondFactorMiddleware:
    """Users with a confirmed device must enter a code before using the app."""

    ALLOWED = ("/xac-thuc/", "/dang-xuat/", "/static/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.session.get(SESSION_KEY):
            if not has_device(user):
                request.session[SESSION_KEY] = "no-device"  # checked once per session
            elif not request.path.startswith(self.ALLOWED):
                return redirect(reverse("otp_verify") + "?next=" + quote(request.get_full_path()))
        return self.get_response(request)
