"""Second-factor pages: set up an authenticator app, and enter a code after the password."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from audit.models import record

from . import second_factor, totp
from .models import TOTPDevice


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    return target if url_has_allowed_host_and_scheme(target, {request.get_host()}) else "/"


@require_http_methods(["GET", "POST"])
@login_required
def otp_verify(request):
    if request.method == "POST":
        if second_factor.check_code(request.user, request.POST.get("code", "")):
            request.session[second_factor.SESSION_KEY] = "verified"
            return redirect(_next(request))
        messages.error(request, _("The code is wrong or already used. Enter the current 6-digit code from your app."))
    return render(request, "accounts/otp_verify.html", {"next": _next(request)})


@require_http_methods(["GET", "POST"])
@login_required
def otp_setup(request):
    device, _created = TOTPDevice.objects.get_or_create(user=request.user, defaults={"secret": totp.new_secret()})
    if device.confirmed:
        messages.info(request, _("Two-step verification is already on for your account."))
        return redirect("home")
    if request.method == "POST":
        if second_factor.check_code(request.user, request.POST.get("code", ""), confirm=True):
            request.session[second_factor.SESSION_KEY] = "verified"
            record(request.user, "account.totp_enabled", device)
            messages.success(request, _("Two-step verification is on. You will be asked for a code at each login."))
            return redirect("home")
        messages.error(request, _("The code is wrong. Check the key you entered in the app and the phone's clock."))
    grouped = " ".join(device.secret[i : i + 4] for i in range(0, len(device.secret), 4))
    return render(request, "accounts/otp_setup.html", {"secret": grouped, "uri": totp.provisioning_uri(device.secret, request.user.username)})
