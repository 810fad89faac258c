"""Restore refuses a damaged, partial, foreign or newer archive, and a target that is not empty: with a Vietnamese
message, exit code 1 (2 for a usage error), and not one row or file written."""

import hashlib
import json
import shutil
import tempfile
import zipfile
from io import StringIO
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.test import override_settings

from audit.models import record
from backups import archive
from kieumau.testing import BaseTestCase

from . import helpers


def rewrite(source: Path, target: Path, *, drop=(), add=None, change=None, manifest=None, fix_manifest=False) -> Path:
    """A copy of the archive with members dropped, added or changed (each a valid ZIP member with its own CRC), and
    the manifest edited; ``fix_manifest`` records the changed members' sizes, SHA-256 and row counts, as a forger
    would."""
    with zipfile.ZipFile(source) as zf:
        members = {name: zf.read(name) for name in zf.namelist()}
    data = json.loads(members.pop(archive.MANIFEST))
    for name in drop:
        members.pop(name)
    for name, change_it in (change or {}).items():
        members[name] = change_it(members[name])
        if fix_manifest:
            data["members"][name] = {"size": len(members[name]), "sha256": hashlib.sha256(members[name]).hexdigest()}
            for entry in data["models"]:
                if entry["member"] == name:
                    entry["rows"] = members[name].count(b"\n")
    members.update(add or {})
    if manifest:
        manifest(data)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in members.items():
            zf.writestr(name, content)
        zf.writestr(archive.MANIFEST, json.dumps(data))
    return target


class RefusalTests(BaseTestCase):
    """One archive of BaseTestCase's units and people, an audit event and two files, made once; each test
    empties the database (as `migrate` leaves it) and offers restore a spoilt copy."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.folder = Path(tempfile.mkdtemp())
        media = cls.folder / "source-media"
        (media / "minh-chung").mkdir(parents=True)
        (media / "minh-chung" / "a.pdf").write_bytes(helpers.PDF)
        (media / "minh-chung" / "b.pdf").write_bytes(helpers.PDF * 2)
        record(cls.staff, "unit.created", cls.ward, unit=cls.ward)
        cls.good = cls.folder / "good.zip"
        with override_settings(MEDIA_ROOT=str(media)):
            call_command("backup", "--output", str(cls.good), verbosity=0)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.folder, ignore_errors=True)
        super().tearDownClass()

    def setUp(self):
        self.addCleanup(ContentType.objects.clear_cache)
        helpers.wipe()
        self.media = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.media, ignore_errors=True)
        self.work = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.work, ignore_errors=True)

    def refused(self, path, *needles, code=1):
        """Restore ``path``; assert it is refused with ``needles`` in the message and nothing written."""
        before, files_before = helpers.counts(), sorted(p.name for p in self.media.iterdir())
        with override_settings(MEDIA_ROOT=str(self.media)), self.assertRaises(CommandError) as caught:
            call_command("restore", str(path), stdout=StringIO(), stderr=StringIO())
        message = str(caught.exception)
        for needle in needles:
            self.assertIn(needle, message)
        self.assertEqual(caught.exception.returncode, code)
        self.assertEqual(helpers.counts(), before)
        self.assertEqual(sorted(p.name for p in self.media.iterdir()), files_before)  # no staging folder left either
        return message

    def test_the_untouched_archive_restores(self):  # so that each refusal below is the damage's doing
        with override_settings(MEDIA_ROOT=str(self.media)):
            call_command("restore", str(self.good), verbosity=0)
        self.assertEqual(sorted(helpers.media(self.media)), ["minh-chung/a.pdf", "minh-chung/b.pdf"])

    def test_a_truncated_file(self):
        cut = self.work / "cut.zip"
        cut.write_bytes(self.good.read_bytes()[: self.good.stat().st_size // 2])
        self.refused(cut, "bị hỏng hoặc không đầy đủ", "mục lục")

    def test_not_an_archive_at_all(self):
        other = self.work / "notes.zip"
        other.write_text("không phải tệp nén")
        self.refused(other, "không phải tệp ZIP")

    def test_a_flipped_byte_inside_one_member(self):
        spoilt = self.work / "flipped.zip"
        raw = bytearray(self.good.read_bytes())
        with zipfile.ZipFile(self.good) as zf:
            info = zf.getinfo("db/units.unit.jsonl")
        name_length = int.from_bytes(raw[info.header_offset + 26:info.header_offset + 28], "little")
        extra_length = int.from_bytes(raw[info.header_offset + 28:info.header_offset + 30], "little")
        raw[info.header_offset + 30 + name_length + extra_length + info.compress_size // 2] ^= 0x01
        spoilt.write_bytes(bytes(raw))
        self.refused(spoilt, "bị hỏng hoặc không đầy đủ", "db/units.unit.jsonl")

    def test_a_member_changed_behind_the_manifest(self):
        spoilt = rewrite(self.good, self.work / "changed.zip",
                         change={"media/minh-chung/a.pdf": lambda b: b.replace(b"1.4", b"1.7")})
        self.refused(spoilt, "media/minh-chung/a.pdf", "không khớp SHA-256")

    def test_a_missing_member(self):
        self.refused(rewrite(self.good, self.work / "missing.zip", drop=["media/minh-chung/b.pdf"]),
                     "thiếu 1 thành phần", "media/minh-chung/b.pdf")

    def test_no_manifest(self):
        path = self.work / "no-manifest.zip"
        with zipfile.ZipFile(self.good) as zf, zipfile.ZipFile(path, "w") as out:
            for name in zf.namelist():
                if name != archive.MANIFEST:
                    out.writestr(name, zf.read(name))
        self.refused(path, "thiếu manifest.json")

    def test_an_extra_member(self):
        self.refused(rewrite(self.good, self.work / "extra.zip", add={"media/la.exe": b"MZ"}),
                     "không ghi trong manifest", "media/la.exe")

    def test_a_name_that_climbs_out_of_the_media_folder(self):
        for name in ("media/../../thoat.txt", "../thoat.txt", "/etc/cron.d/x", "media/a\\..\\b"):
            with self.subTest(name=name):
                def listed(m, name=name):
                    m["members"][name] = {"size": 2, "sha256": hashlib.sha256(b"hi").hexdigest()}

                self.refused(rewrite(self.good, self.work / "climb.zip", add={name: b"hi"}, manifest=listed), "không an toàn")
        self.assertFalse((self.media.parent / "thoat.txt").exists())

    def test_a_newer_format(self):
        def newer(m):
            m["format_version"] = archive.FORMAT_VERSION + 1

        self.refused(rewrite(self.good, self.work / "newer.zip", manifest=newer), "mới hơn định dạng")

    def test_another_schema(self):
        def older(m):
            m["migrations"]["units"] = ["0001_initial"]

        self.refused(rewrite(self.good, self.work / "older.zip", manifest=older), "cấu trúc dữ liệu khác", "units: bản sao lưu ở 0001_initial")

    def test_a_database_that_is_not_empty(self):
        from kieumau.testing import Level, make_unit

        make_unit("1", "Tỉnh Cũ", Level.PROVINCE)
        self.refused(self.good, "Cơ sở dữ liệu đích chưa trống", "units.unit (1 dòng)")

    def test_a_media_folder_that_is_not_empty(self):
        (self.media / "old").mkdir()
        (self.media / "old" / "x.pdf").write_bytes(b"%PDF")
        self.refused(self.good, "Thư mục tệp tải lên", "chưa trống", "old/x.pdf")
        self.assertEqual((self.media / "old" / "x.pdf").read_bytes(), b"%PDF")

    def test_rows_that_fail_to_load_roll_back_and_leave_no_file(self):
        """A consistent archive (checksums fixed) whose units name a parent that is not in it: the load fails at the
        foreign-key check, after the files were extracted; the rows roll back and the files go."""
        def without_provinces(content: bytes) -> bytes:
            return b"".join(line for line in content.splitlines(keepends=True) if b'"level":"province"' not in line)

        spoilt = rewrite(self.good, self.work / "dangling.zip", change={"db/units.unit.jsonl": without_provinces},
                         fix_manifest=True)
        self.assertTrue(archive.verify(spoilt))
        self.refused(spoilt, "tham chiếu tới dòng không có", "units_unit")

    def test_a_missing_path_is_a_usage_error(self):
        self.refused(self.work / "khong-co.zip", "Không có tệp", code=2)
