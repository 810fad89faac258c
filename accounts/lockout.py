"""The page a locked-out login gets, on our login page and the admin's alike (AXES_LOCKOUT_CALLABLE)."""

from axes.helpers import get_cool_off
from django.shortcuts import render
from django.utils.translation import gettext as _


def lockout_response(request, original_response=None, credentials=None):
    minutes = int(get_cool_off(request).total_seconds() // 60)
    message = _("Too many failed login attempts: logging in is paused for %(minutes)s minutes.") % {"minutes": minutes}
    return render(request, "registration/locked_out.html", {"message": message}, status=429)
