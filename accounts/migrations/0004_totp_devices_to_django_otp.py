"""Enrolled authenticators move to django-otp, so nobody enrols again.

Our base32 ``secret`` becomes django-otp's hex ``key`` (the same bytes), ``confirmed`` stays, and
``last_used_step`` (0: never used) becomes ``last_t`` (-1: never used), so a code already used stays used.
"""

import base64

from django.db import migrations


def hex_key(secret: str) -> str:
    """The same key as django-otp stores it: base32 (any case, spaces, no padding) → hex."""
    secret = "".join(secret.split()).upper()
    return base64.b32decode(secret + "=" * (-len(secret) % 8)).hex()


def base32_secret(key: str) -> str:
    return base64.b32encode(bytes.fromhex(key)).decode("ascii").rstrip("=")


def forwards(apps, schema_editor):
    Old = apps.get_model("accounts", "TOTPDevice")
    New = apps.get_model("otp_totp", "TOTPDevice")
    moved = set(New.objects.values_list("user_id", flat=True))  # run again after an undo: no second copy
    New.objects.bulk_create(
        New(user_id=old.user_id, name="authenticator", key=hex_key(old.secret), confirmed=old.confirmed,
            last_t=old.last_used_step if old.last_used_step > 0 else -1)
        for old in Old.objects.exclude(user_id__in=moved)
    )


def backwards(apps, schema_editor):
    Old = apps.get_model("accounts", "TOTPDevice")
    New = apps.get_model("otp_totp", "TOTPDevice")
    for new in New.objects.order_by("user_id", "-confirmed", "id"):  # the old model held one device per user
        Old.objects.get_or_create(user_id=new.user_id, defaults={
            "secret": base32_secret(new.key), "confirmed": new.confirmed, "last_used_step": max(new.last_t, 0)})


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0003_totp"),
        ("otp_totp", "0003_add_timestamps"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
