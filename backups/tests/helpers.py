"""What the backup tests share: a small but varied dataset, a way to empty the database as `migrate` would leave
it, and the measures compared before and after (every row as serialised, every file's bytes, table counts)."""

from __future__ import annotations

import datetime as dt
import io
import json
from io import StringIO
from pathlib import Path

from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.management import create_contenttypes
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection
from django.urls import reverse
from django.apps import apps
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from assessments.tests.helpers import form_data
from audit.models import ChainHead, record
from backups import policy, serial, state
from feedback.categories import ensure as ensure_categories
from feedback.models import Category
from kieumau import clock
from kieumau.testing import PASSWORD
from roadmaps.models import Plan, PlanTarget

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def build(case) -> None:
    """Rows of many kinds on top of kieumau.testing.BaseTestCase's units and people: an assessment with its figures
    and two evidence files (through the pages, so files, rows and audit events are made as in use), a roadmap,
    an audit event stamped to the microsecond, a self-reference, permissions by group and by user, the admin's log
    (which names a content type), authenticators; and a file in the media folder that no row names."""
    client = case.client
    client.login(username="officer", password=PASSWORD)
    assert client.post(reverse("enter_figures", args=[case.ward.pk, 2025]), form_data(revision=0)).status_code == 302
    for name, content in (("qd.pdf", PDF), ("biên bản họp.pdf", PDF + b"% hai\n")):
        r = client.post(reverse("upload_evidence", args=[case.ward.pk, 2025]),
                        {"criterion": "TC01", "file": SimpleUploadedFile(name, content), "note": "QĐ"})
        assert r.status_code == 302
    old = Plan.objects.create(province=case.province, title="Lộ trình cũ", source="NQ 01", base_units=3,
                              start_year=2023, end_year=2030)
    plan = Plan.objects.create(province=case.province, title="Lộ trình thử", source="NQ 02", base_units=3,
                               start_year=2023, end_year=2030, version=2)
    old.replaced_by = plan  # a row that names a row of its own table
    old.save()
    PlanTarget.objects.create(plan=plan, year=2025, kind="count", value=1)
    PlanTarget.objects.create(plan=plan, year=2030, kind="percent", value=100)
    with clock.fixed_at(dt.datetime(2026, 11, 23, 3, 4, 5, 123456, tzinfo=dt.timezone.utc)):
        record(case.staff, "backup.test", plan, unit=case.province, data={"ratio": 0.1, "n": 3, "text": "Đủ"})
    group = Group.objects.create(name="Cán bộ tỉnh")
    group.permissions.set(Permission.objects.filter(content_type__app_label="roadmaps"))
    case.staff.groups.add(group)
    case.approver.user_permissions.add(Permission.objects.get(codename="view_unit"))
    LogEntry.objects.create(user=case.staff, content_type=ContentType.objects.get_for_model(Plan), object_id=str(plan.pk),
                            object_repr=str(plan), action_flag=ADDITION)
    TOTPDevice.objects.create(user=case.approver, name="điện thoại", key="3132333435363738393031323334353637383930",
                              confirmed=True)
    static = StaticDevice.objects.create(user=case.approver, name="mã dự phòng", confirmed=True)
    StaticToken.objects.create(device=static, token="a1b2c3d4")
    from django.conf import settings

    loose = Path(settings.MEDIA_ROOT, "quyết định", "2023", "số 12.pdf")
    loose.parent.mkdir(parents=True)
    loose.write_bytes(PDF * 3)


def wipe() -> None:
    """Leave the database as a fresh `migrate` would: no rows but those `migrate` makes. Content types and
    permissions are made again in reverse app order, so their ids differ from the archive's (as on another
    machine); the tables data migrations fill (policy.REPLACED) get those migrations' rows back, which restore
    must replace with the archive's."""
    tables = [m._meta.db_table for m in policy.all_tables() if m._meta.label_lower not in policy.REPLACED]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # TRUNCATE refuses while foreign-key checks are pending
        for sql in connection.ops.sql_flush(no_style(), tables, reset_sequences=True):  # ids start again at 1
            cursor.execute(sql)
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    ContentType.objects.clear_cache()
    configs = list(apps.get_app_configs())
    for config in reversed(configs):
        create_contenttypes(config, verbosity=0)
    for config in configs:
        create_permissions(config, verbosity=0)
    Category.objects.all().delete()
    ensure_categories(Category)  # feedback/migrations/0002_categories
    ChainHead.objects.all().delete()
    ChainHead.objects.create(pk=1)  # audit/migrations/0003_hash_chain on an empty table


def serialised() -> dict[str, list[str]]:
    """Every row of every backed-up table as the archive writes it, sorted (ids of content types may differ)."""
    out = {}
    for model in policy.backed_up_models():
        buffer = io.BytesIO()
        serial.dump(model, buffer, "default")
        out[model._meta.label_lower] = sorted(buffer.getvalue().decode().splitlines())
    return out


def counts() -> dict[str, int]:
    return {m._meta.label_lower: m._base_manager.count() for m in policy.all_tables()}


def media(root) -> dict[str, bytes]:
    root = Path(root)
    return {rel: (root / rel).read_bytes() for rel in state.media_files(root)} if root.exists() else {}


def command_output(*args) -> str:
    cache.clear()  # what a command reads must come from the database, not from a page kept before
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def roadmap(code: str) -> dict:
    return json.loads(command_output("roadmap", code, "--format", "json"))
