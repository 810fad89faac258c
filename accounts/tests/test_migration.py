"""Enrolled authenticators survive the move to django-otp: same key, still confirmed, used codes stay used."""

import base64
import importlib
import time

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import TransactionTestCase
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

move = importlib.import_module("accounts.migrations.0004_totp_devices_to_django_otp")
RFC_KEY = b"12345678901234567890"
RFC_SECRET = base64.b32encode(RFC_KEY).decode()  # what accounts.totp stored
BEFORE = [("accounts", "0003_totp")]
AFTER = [("accounts", "0005_remove_hand_written_totp_and_throttle")]


def test_a_base32_secret_becomes_the_same_key_in_hex():
    assert move.hex_key(RFC_SECRET) == RFC_KEY.hex()
    assert move.hex_key("gezd gnbv gy3t qojq gezd gnbv gy3t qojq") == RFC_KEY.hex()  # as shown to people
    assert move.hex_key(base64.b32encode(b"\x01" * 20).decode().rstrip("=")) == "01" * 20
    assert move.base32_secret(RFC_KEY.hex()) == RFC_SECRET


class DataMigrationTests(TransactionTestCase):
    def migrate(self, target):
        executor = MigrationExecutor(connection)
        executor.migrate(target)
        return executor.loader.project_state(target).apps

    def tearDown(self):
        # back to the newest migration, not AFTER: later migrations (the Ministry role's nullable unit) must be
        # in place for the tests that run after this one
        self.migrate(MigrationExecutor(connection).loader.graph.leaf_nodes("accounts"))

    def test_enrolled_devices_move_and_the_old_tables_go(self):
        old_apps = self.migrate(BEFORE)
        Old = old_apps.get_model("accounts", "TOTPDevice")
        user = get_user_model().objects.create_user("lan")
        pending = get_user_model().objects.create_user("binh")
        used_step = int(time.time()) // 30 - 5
        Old.objects.create(user_id=user.pk, secret=RFC_SECRET, confirmed=True, last_used_step=used_step)
        Old.objects.create(user_id=pending.pk, secret=RFC_SECRET, confirmed=False, last_used_step=0)

        self.migrate(AFTER)

        device = TOTPDevice.objects.get(user=user)
        self.assertEqual((device.key, device.confirmed, device.last_t), (RFC_KEY.hex(), True, used_step))
        self.assertTrue(device.verify_token(str(totp(RFC_KEY)).zfill(6)))  # the phone's codes keep working
        self.assertEqual(TOTPDevice.objects.get(user=pending).last_t, -1)
        self.assertFalse(TOTPDevice.objects.get(user=pending).confirmed)
        self.assertNotIn("accounts_totpdevice", connection.introspection.table_names())
        self.assertNotIn("accounts_failedlogin", connection.introspection.table_names())

    def test_it_can_be_undone(self):
        self.migrate(AFTER)
        user = get_user_model().objects.create_user("lan")
        TOTPDevice.objects.create(user=user, name="authenticator", key=RFC_KEY.hex(), confirmed=True, last_t=42)
        old_apps = self.migrate(BEFORE)
        old = old_apps.get_model("accounts", "TOTPDevice").objects.get(user_id=user.pk)
        self.assertEqual((old.secret, old.confirmed, old.last_used_step), (RFC_SECRET, True, 42))
        self.migrate(AFTER)
        self.assertEqual(TOTPDevice.objects.filter(user=user).count(), 1)  # redone: not copied twice
