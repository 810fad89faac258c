"""The second factor, on django-otp: an authenticator app (TOTP) plus single-use backup codes.

A user with a confirmed authenticator must verify this session (django-otp's OTPMiddleware remembers which
device did, and gives ``request.user.is_verified()``) before using anything else; that is checked on every
request, so enrolling in one session also binds the sessions already open. Codes are only ASCII:
6 digits for the app, 8 letters and digits for a backup code.
"""

from __future__ import annotations

import base64
import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import quote

import segno
from django.conf import settings
from django.db import connection, transaction
from django.shortcuts import redirect
from django.urls import get_script_prefix, get_urlconf, reverse
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice, key_validator

APP_DEVICE_NAME = "authenticator"
BACKUP_DEVICE_NAME = "backup"
BACKUP_CODE_COUNT = 10
# [0-9], not \d: int() in django-otp would read Arabic-Indic or full-width digits as a code.
APP_CODE = re.compile(r"[0-9]{6}")
BACKUP_CODE = re.compile(r"[a-z2-7]{8}")  # django-otp's StaticToken.random_token(): base32, lower case


def has_device(user) -> bool:
    """The user has confirmed an authenticator app (backup codes alone do not count). Asked on every request, so
    written as SQL: the ORM spent three times the query's own cost compiling ``exists()`` (0.8 against 0.2 ms)."""
    if not user.is_authenticated:
        return False
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT 1 FROM {TOTPDevice._meta.db_table} WHERE user_id = %s AND confirmed = %s LIMIT 1",  # noqa: S608 (the table's name, not input)
                       [user.pk, True])
        return cursor.fetchone() is not None


def session_verified(request) -> bool:
    """The user has a confirmed authenticator and this session entered a code (or a backup code) from it."""
    user = request.user
    if not (user.is_authenticated and getattr(user, "is_verified", lambda: False)()):
        return False
    return isinstance(user.otp_device, TOTPDevice) or has_device(user)


@dataclass(frozen=True)
class Check:
    device: object | None = None  # the device that accepted the code
    wait_until: dt.datetime | None = None  # set when codes are refused for now (too many wrong ones)


def verify(request, code: str) -> Check:
    """Check a code of the logged-in user and, when right, mark this session verified."""
    code = "".join(code.split()).lower()
    if APP_CODE.fullmatch(code):
        devices = TOTPDevice.objects.filter(user=request.user, confirmed=True)
    elif BACKUP_CODE.fullmatch(code):
        devices = StaticDevice.objects.filter(user=request.user, confirmed=True)
    else:
        return Check()
    check = _verify_with(devices, code)
    if check.device is not None:
        request.session.cycle_key()  # a new session id for the stronger login
        otp_login(request, check.device)
    return check


@transaction.atomic
def _verify_with(devices, code: str) -> Check:
    device = devices.select_for_update().first()  # one verification at a time: a code is accepted once
    if device is None:
        return Check()
    allowed, details = device.verify_is_allowed()
    if not allowed:
        return Check(wait_until=(details or {}).get("locked_until"))
    return Check(device=device) if device.verify_token(code) else Check()


def pending_device(user) -> TOTPDevice:
    """The not-yet-confirmed authenticator being enrolled (a new random key the first time)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def confirm(request, device: TOTPDevice, code: str) -> Check:
    """Confirm an enrolment with the first code the app shows; the session counts as verified."""
    code = "".join(code.split())
    if not APP_CODE.fullmatch(code):
        return Check()
    check = _verify_with(TOTPDevice.objects.filter(pk=device.pk, confirmed=False), code)
    if check.device is not None:
        TOTPDevice.objects.filter(pk=device.pk).update(confirmed=True)
        check.device.confirmed = True
        request.session.cycle_key()
        otp_login(request, check.device)
    return check


@transaction.atomic
def new_backup_codes(user) -> list[str]:
    """Fresh single-use backup codes; those issued before stop working."""
    device, _created = StaticDevice.objects.get_or_create(user=user, defaults={"name": BACKUP_DEVICE_NAME})
    device.token_set.all().delete()
    device.throttle_reset()
    codes = [StaticToken.random_token() for _i in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def remaining_backup_codes(user) -> int:
    return StaticToken.objects.filter(device__user=user).count()


@transaction.atomic
def enrol_for_demo(user, key_hex: str | None = None) -> list[str]:
    """A confirmed authenticator (with ``key_hex``, 40 hex digits, or a random key) and fresh backup codes.

    Running it again resets both: the previous key and codes stop working.
    """
    if key_hex is not None:
        key_validator(key_hex)
    TOTPDevice.objects.filter(user=user).delete()
    extra = {"key": key_hex} if key_hex else {}
    TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=True, **extra)
    return new_backup_codes(user)


def key_for_people(device: TOTPDevice) -> str:
    """The key as authenticator apps take it by hand: base32, in groups of four."""
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// address as an inline SVG QR code, drawn here (intranets have no internet)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=4, border=2)


class SecondFactorMiddleware:
    """Every request of a user with a confirmed authenticator needs a verified session.

    Checked on each request, never remembered: a session opened before the user enrolled is held too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._needs_code(request):
            return redirect(reverse("otp_verify") + "?next=" + quote(request.get_full_path()))
        return self.get_response(request)

    def _needs_code(self, request) -> bool:
        if request.path.startswith(self._open_paths()) or not request.user.is_authenticated:
            return False
        return not request.user.is_verified() and has_device(request.user)

    @staticmethod
    def _open_paths() -> tuple[str, ...]:
        # Three reversals on every request, the same each time: kept per URL configuration and script prefix.
        key = (settings.ROOT_URLCONF, get_urlconf(), get_script_prefix(), settings.STATIC_URL)
        paths = _OPEN_PATHS.get(key)
        if paths is None:
            paths = _OPEN_PATHS[key] = (reverse("otp_verify"), reverse("logout"), reverse("admin:logout"),
                                        settings.STATIC_URL)
        return paths


_OPEN_PATHS: dict[tuple, tuple[str, ...]] = {}
