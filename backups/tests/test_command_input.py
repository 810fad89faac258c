"""backup --output and restore PATH: a path the file system refuses (a name too long, a folder, no permission) is a
usage error in Vietnamese (exit 2), never an OSError; nothing is written. A missing --output is refused in Vietnamese."""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from io import StringIO
from pathlib import Path
from unittest import mock

from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings

from backups import dump, load
from backups.archive import Refused


class PathInputTests(TestCase):
    def setUp(self):
        self.folder = Path(tempfile.mkdtemp(prefix="kieumau-backup-"))
        self.addCleanup(shutil.rmtree, self.folder, ignore_errors=True)
        self.media = self.folder / "media"
        self.media.mkdir()
        override = override_settings(MEDIA_ROOT=str(self.media))
        override.enable()
        self.addCleanup(override.disable)

    def refused(self, command, *args, code=2) -> str:
        with self.assertRaises(CommandError) as caught:
            call_command(command, *args, stdout=StringIO(), stderr=StringIO(), verbosity=0)
        self.assertEqual(caught.exception.returncode, code)
        self.assertEqual(sorted(p.name for p in self.folder.iterdir()), ["media"])
        self.assertEqual(list(self.media.iterdir()), [])
        return str(caught.exception)

    def test_a_backup_name_too_long_is_a_usage_error(self):
        message = self.refused("backup", "--output", str(self.folder / ("a" * 5000)))
        self.assertIn("dài quá mức hệ thống tệp cho phép", message)
        self.assertLess(len(message), 600)

    def test_a_folder_that_cannot_be_written_is_a_usage_error(self):
        with mock.patch("tempfile.mkstemp", side_effect=PermissionError(errno.EACCES, "Permission denied")):
            self.assertIn("không có quyền truy cập", self.refused("backup", "--output", str(self.folder / "b.zip")))

    def test_a_failure_while_writing_is_refused_in_vietnamese_and_leaves_nothing(self):
        with mock.patch.object(dump, "_write_tables", side_effect=OSError(errno.ENOSPC, "No space left on device")):
            message = self.refused("backup", "--output", str(self.folder / "b.zip"), code=1)
        self.assertIn("ổ đĩa hết chỗ trống", message)

    def test_no_output_is_refused_in_vietnamese(self):
        self.assertIn("thiếu tham số bắt buộc: --output", self.refused("backup"))

    def test_a_restore_path_too_long_is_a_usage_error(self):
        message = self.refused("restore", str(self.folder / ("a" * 5000)))
        self.assertIn("dài quá mức hệ thống tệp cho phép", message)
        self.assertLess(len(message), 600)
        with self.assertRaises(Refused) as caught:
            load.restore("x" * 22_500, media_root=self.media)
        self.assertEqual(caught.exception.code, 2)

    def test_a_media_folder_that_cannot_be_made_is_refused(self):
        target = self.folder / "khong-ghi-duoc"
        with mock.patch.object(load.archive, "verify", return_value={"models": [], "migrations": {}}), \
                mock.patch.object(load.state, "check_compatible"), mock.patch.object(load.state, "check_empty_database"), \
                mock.patch.object(Path, "mkdir", side_effect=PermissionError(errno.EACCES, "Permission denied")), \
                self.assertRaises(Refused) as caught:
            archive = self.folder / "b.zip"
            archive.write_bytes(b"x")
            try:
                load.restore(archive, media_root=target)
            finally:
                os.unlink(archive)
        self.assertIn("không có quyền truy cập", str(caught.exception))
        self.assertFalse(target.exists())
