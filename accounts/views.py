"""Second-factor pages: enrol an authenticator app, enter a code after the password, print backup codes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from audit.models import record

from . import second_factor
from .forms import CodeForm


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    return target if url_has_allowed_host_and_scheme(target, {request.get_host()}) else "/"


def _check(request, form: CodeForm, verify) -> second_factor.Check:
    return verify(form.cleaned_data["code"]) if form.is_valid() else second_factor.Check()


def _refused(request, check: second_factor.Check, wrong: str) -> None:
    if check.wait_until:
        messages.error(request, _("Too many wrong codes. Wait until %(time)s, then enter the code your app shows.")
                       % {"time": date_format(localtime(check.wait_until), "H:i:s")})
    else:
        messages.error(request, wrong)


@require_http_methods(["GET", "POST"])
@login_required
@never_cache
def otp_verify(request):
    target = _next(request)
    if second_factor.session_verified(request) or not second_factor.has_device(request.user):
        return redirect(target)
    form = CodeForm(request.POST or None)
    if request.method == "POST":
        check = _check(request, form, lambda code: second_factor.verify(request, code))
        if check.device is not None:
            return redirect(target)
        _refused(request, check, _("The code is wrong or already used. Enter the current 6-digit code from your app."))
    return render(request, "accounts/otp_verify.html", {"next": target, "form": form})


@require_http_methods(["GET", "POST"])
@login_required
@never_cache
def otp_setup(request):
    if second_factor.has_device(request.user):
        return render(request, "accounts/otp_status.html", {"remaining": second_factor.remaining_backup_codes(request.user)})
    device = second_factor.pending_device(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST":
        check = _check(request, form, lambda code: second_factor.confirm(request, device, code))
        if check.device is not None:
            record(request.user, "account.totp_enabled", device)
            messages.success(request, _("Two-step verification is on. You will be asked for a code at each login."))
            return _backup_codes_page(request)
        _refused(request, check, _("The code is wrong. Check the key you entered in the app and the phone's clock."))
    context = {"secret": second_factor.key_for_people(device), "qr": mark_safe(second_factor.qr_svg(device)), "form": form}
    return render(request, "accounts/otp_setup.html", context)


@require_POST
@login_required
def otp_backup_codes(request):
    if not second_factor.session_verified(request):  # no authenticator yet (others never get this far)
        return redirect("otp_setup")
    return _backup_codes_page(request)


@never_cache  # shown once: no copy kept in a cache
def _backup_codes_page(request):
    codes = second_factor.new_backup_codes(request.user)
    record(request.user, "account.backup_codes_created", request.user, data={"count": len(codes)})
    return render(request, "accounts/backup_codes.html", {"codes": codes})
