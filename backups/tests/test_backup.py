"""The backup command's own promises: an archive appears whole or not at all, usage errors exit 2, and the rules
for names and manifests that restore relies on."""

import json
import shutil
import tempfile
import zipfile
from io import StringIO
from pathlib import Path
from unittest import mock

from django.core.management import CommandError, call_command
from django.test import SimpleTestCase, TestCase, override_settings

from backups import archive, state


class BackupFileTests(TestCase):
    def setUp(self):
        self.folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.folder, ignore_errors=True)
        self.media = self.folder / "media"
        (self.media / "minh-chung").mkdir(parents=True)
        (self.media / "minh-chung" / "a.pdf").write_bytes(b"%PDF-1.4 a")
        override = override_settings(MEDIA_ROOT=str(self.media))
        override.enable()
        self.addCleanup(override.disable)
        self.output = self.folder / "kieumau.zip"

    def leftovers(self) -> list[str]:
        return sorted(p.name for p in self.folder.iterdir() if p.name != "media")

    def test_a_failed_backup_leaves_no_partial_archive_and_keeps_the_previous_one(self):
        self.output.write_bytes(b"the previous archive")
        with mock.patch("backups.serial.dump", side_effect=[3, 1, RuntimeError("đĩa đầy")]), \
                self.assertRaisesMessage(RuntimeError, "đĩa đầy"):
            call_command("backup", "--output", str(self.output), verbosity=0)
        self.assertEqual(self.leftovers(), ["kieumau.zip"])
        self.assertEqual(self.output.read_bytes(), b"the previous archive")

    def test_a_file_name_restore_would_refuse_stops_the_backup(self):
        (self.media / "a\\b.pdf").write_bytes(b"%PDF")
        with self.assertRaises(CommandError) as caught:
            call_command("backup", "--output", str(self.output), verbosity=0)
        self.assertIn("đổi tên", str(caught.exception))
        self.assertEqual(self.leftovers(), [])

    def test_usage_errors_exit_2(self):
        for output in (self.folder / "khong-co" / "x.zip", self.folder):
            with self.subTest(output=output), self.assertRaises(CommandError) as caught:
                call_command("backup", "--output", str(output), verbosity=0)
            self.assertEqual(caught.exception.returncode, 2)
        with self.assertRaises(CommandError) as caught:
            call_command("backup", "--output", str(self.output), "--database", "khac", verbosity=0)
        self.assertEqual(caught.exception.returncode, 2)
        self.assertEqual(self.leftovers(), [])

    def test_a_symbolic_link_is_left_out_and_said_so(self):
        (self.media / "link.pdf").symlink_to("/etc/passwd")
        err = StringIO()
        call_command("backup", "--output", str(self.output), stdout=StringIO(), stderr=err)
        self.assertIn("bỏ qua", err.getvalue())
        with zipfile.ZipFile(self.output) as zf:
            self.assertEqual([n for n in zf.namelist() if n.startswith("media/")], ["media/minh-chung/a.pdf"])
            self.assertEqual(json.loads(zf.read(archive.MANIFEST))["media"], {"files": 1, "bytes": 10})


class FreshDatabaseTests(TestCase):
    def test_restore_knows_every_table_that_migrate_fills(self):
        """Right after `migrate` (the test database, before any test adds rows), rows may only be in the tables
        restore keeps or replaces (policy.NATURAL, policy.REPLACED). A data migration that seeds another table
        must be added to REPLACED, or restore would refuse every freshly migrated database."""
        from backups import policy

        self.assertEqual([m._meta.label_lower for m in policy.must_be_empty() if m._base_manager.exists()], [])
        state.check_empty_database("default")


class NameAndManifestRules(SimpleTestCase):
    def test_only_the_names_a_backup_writes_are_safe(self):
        for name in ("manifest.json", "db/units.unit.jsonl", "media/a.pdf", "media/quyết định/2023/số 1.pdf"):
            self.assertIsNone(archive.unsafe(name), name)
        for name in ("", "../x", "media/../../x", "/etc/passwd", "C:/x", "media\\x", "media/./x", "media//x", "db/a/b.jsonl",
                     "db/x.txt", "other/x", "media", "media/x\x00"):
            self.assertIsNotNone(archive.unsafe(name), name)

    def manifest(self, **changes) -> dict:
        data = {"format": archive.FORMAT, "format_version": 1, "migrations": {"units": ["0001_initial"]},
                "models": [{"model": "units.unit", "member": "db/units.unit.jsonl", "rows": 1}],
                "members": {"db/units.unit.jsonl": {"size": 3, "sha256": "0" * 64}}}
        data.update(changes)
        return data

    def test_a_manifest_is_checked_for_everything_restore_uses(self):
        self.assertTrue(archive.check_manifest(self.manifest()))
        for bad in [dict(format="other"), dict(format_version="1"), dict(format_version=True), dict(members=[]),
                    dict(members={"db/units.unit.jsonl": {"size": -1, "sha256": "0" * 64}}),
                    dict(members={"db/units.unit.jsonl": {"size": 3, "sha256": "xyz"}}),
                    dict(models=[{"model": "units.unit", "member": "db/other.jsonl", "rows": 1}]),
                    dict(models=[]), dict(migrations=None)]:
            with self.subTest(bad=bad), self.assertRaises(ValueError):
                archive.check_manifest(self.manifest(**bad))
        with self.assertRaisesMessage(archive.Refused, "mới hơn"):
            archive.check_manifest(self.manifest(format_version=archive.FORMAT_VERSION + 1))
        with self.assertRaisesMessage(archive.Refused, "không an toàn"):
            archive.check_manifest(self.manifest(members={"media/../x": {"size": 1, "sha256": "0" * 64}}))

    def test_packed_files_are_stored_the_rest_deflated(self):
        self.assertEqual(archive.compression_for("media/anh.JPG"), zipfile.ZIP_STORED)
        self.assertEqual(archive.compression_for("media/bien-ban.pdf"), zipfile.ZIP_DEFLATED)
        self.assertEqual(archive.compression_for("media/khong-duoi"), zipfile.ZIP_DEFLATED)
