"""Backup, then an empty database and media folder, then restore: every row, every file and the outside answers
(`roadmap CODE --format json`, `audit_verify`) come back the same."""

import shutil
import tempfile
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from audit.models import AuditEvent, ChainHead
from backups import archive, policy, state
from feedback.categories import ensure as ensure_categories
from feedback.models import Category
from kieumau.testing import BaseTestCase, make_unit
from units.models import Level, Unit

from . import helpers


class RoundTripTests(BaseTestCase):
    def setUp(self):
        self.folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.folder, ignore_errors=True)
        self.addCleanup(ContentType.objects.clear_cache)  # wipe() renumbers them; the rollback puts the old ids back
        self.source_media = self.folder / "media"
        self.source_media.mkdir()
        self.settings_override = override_settings(MEDIA_ROOT=str(self.source_media), EVIDENCE_MAX_BYTES=1024)
        self.settings_override.enable()
        self.addCleanup(self.settings_override.disable)
        helpers.build(self)
        ensure_categories(Category)  # a transactional test's flush may have removed the migration's rows
        Category.objects.filter(code="khac").update(name="Khác (đã sửa)")  # the archive's categories, not the seeds

    def back_up(self) -> Path:
        path = self.folder / "sao-luu.zip"
        err = StringIO()
        call_command("backup", "--output", str(path), stdout=StringIO(), stderr=err)
        self.assertIn("units.unit:", err.getvalue())  # progress on stderr
        return path

    def test_every_row_every_file_and_the_outside_answers_come_back(self):
        rows, files = helpers.serialised(), helpers.media(self.source_media)
        roadmap, verified = helpers.roadmap("56"), helpers.command_output("audit_verify")
        self.assertEqual(len(files), 3)
        self.assertTrue(rows["assessments.evidence"] and rows["auth.group"] and rows["admin.logentry"])
        path = self.back_up()
        ids_before = {ct.natural_key(): ct.pk for ct in ContentType.objects.all()}

        helpers.wipe()
        target = self.folder / "new-media"  # absent: restore makes it
        self.assertNotEqual({ct.natural_key(): ct.pk for ct in ContentType.objects.all()}, ids_before)
        self.assertEqual(Category.objects.get(code="khac").name, "Khác")
        with override_settings(MEDIA_ROOT=str(target)):
            out = StringIO()
            call_command("restore", str(path), stdout=out, stderr=StringIO())
            self.assertIn("Đã khôi phục", out.getvalue())
            self.assertEqual(helpers.serialised(), rows)
            self.assertEqual(helpers.media(target), files)
            self.assertEqual(helpers.roadmap("56"), roadmap)
            self.assertEqual(helpers.command_output("audit_verify"), verified)
        self.assertEqual(Category.objects.get(code="khac").name, "Khác (đã sửa)")
        self.assertEqual(ChainHead.objects.get().last_id, AuditEvent.objects.order_by("-id").first().id)
        # to the microsecond (Django's JSON encoder alone would keep milliseconds)
        self.assertEqual(AuditEvent.objects.get(action="backup.test").at.microsecond, 123456)
        self.assertEqual(sorted(p.name for p in target.iterdir()), sorted({r.split("/")[0] for r in files}))

    def test_the_database_keeps_going_after_a_restore(self):
        path = self.back_up()
        helpers.wipe()
        with override_settings(MEDIA_ROOT=str(self.folder / "new-media")):
            call_command("restore", str(path), stdout=StringIO(), stderr=StringIO())
        # new rows get new ids (PostgreSQL's sequences moved past the restored ones), the audit chain goes on
        unit = make_unit("99999", "Phường Mới", Level.COMMUNE, self.city)
        self.assertGreater(unit.pk, max(self.ward.pk, self.other_ward.pk))
        from audit.models import record

        record(self.staff, "after.restore", unit)
        self.assertIn("chuỗi nhật ký nguyên vẹn", helpers.command_output("audit_verify"))
        Permission.objects.get(codename="view_unit")  # content types and permissions still line up

    def test_a_backup_holds_a_manifest_with_checksums_and_the_migration_state(self):
        import json
        import zipfile

        path = self.back_up()
        self.assertEqual(path.stat().st_mode & 0o777, 0o600)  # password hashes and authenticator keys inside
        with zipfile.ZipFile(path) as zf:
            manifest = json.loads(zf.read(archive.MANIFEST))
            self.assertEqual(set(zf.namelist()), set(manifest["members"]) | {archive.MANIFEST})
        self.assertEqual(manifest["format_version"], archive.FORMAT_VERSION)
        self.assertEqual(manifest["migrations"], state.applied_leaves(connection))
        rows = {m["model"]: m["rows"] for m in manifest["models"]}
        self.assertEqual(rows["units.unit"], Unit.objects.count())
        self.assertNotIn("sessions.session", rows)
        self.assertEqual([m["model"] for m in manifest["models"]][:2], list(policy.NATURAL))
        self.assertEqual(manifest["media"]["files"], 3)
        self.assertEqual(archive.verify(path), manifest)


@pytest.mark.django_db(transaction=True)
def test_a_real_round_trip_commits(tmp_path, settings):
    """Outside any test transaction: the backup reads one snapshot of its own (a read-only transaction) and the
    restore commits (on PostgreSQL the foreign keys are checked then). The database is emptied by `flush`."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    province = make_unit("56", "Tỉnh Khánh Hòa", Level.PROVINCE)
    city = make_unit("568", "Thành phố Nha Trang", Level.DISTRICT, province)
    make_unit("22375", "Phường Vĩnh Nguyên", Level.COMMUNE, city)
    from audit.models import record

    record(None, "unit.created", province, unit=province)
    (tmp_path / "media" / "minh-chung").mkdir(parents=True)
    (tmp_path / "media" / "minh-chung" / "a.pdf").write_bytes(helpers.PDF)
    rows, files = helpers.serialised(), helpers.media(tmp_path / "media")
    verified = helpers.command_output("audit_verify")
    call_command("backup", "--output", str(tmp_path / "b.zip"), verbosity=0)

    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(tmp_path / "media")
    ContentType.objects.clear_cache()
    call_command("restore", str(tmp_path / "b.zip"), verbosity=0)
    assert helpers.serialised() == rows
    assert helpers.media(tmp_path / "media") == files
    assert helpers.command_output("audit_verify") == verified
    assert not connection.in_atomic_block
