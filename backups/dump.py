"""Writing a backup: the database as one consistent snapshot, then every uploaded file, then the manifest.

The archive is built in a temporary file beside the target and renamed over it only when complete and flushed to
disk, so a failed or interrupted backup never leaves a partial archive under the name asked for (and an earlier
archive of that name stays intact until the new one is whole). It is created readable by its owner only: it holds
password hashes and the authenticators' keys.

The database goes first and the files second: an upload saves its file before its row commits, so every file a
row of the snapshot names is already on disk when the folder is read.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import django
from django.db import connections, transaction

from kieumau.commands import os_problem, shown

from . import archive, policy, serial, state
from .archive import Refused


@dataclass
class Summary:
    path: Path
    rows: int
    files: int
    bytes: int


@contextlib.contextmanager
def snapshot(connection):
    """Read every table as of one moment while the application keeps writing.

    PostgreSQL: a read-only REPEATABLE READ transaction, which blocks no one. SQLite: a plain (deferred) BEGIN, so
    in WAL mode writers go on while we read one snapshot; Django's atomic() would take the write lock (the settings
    ask for BEGIN IMMEDIATE) and make every save wait for the backup. Inside a caller's transaction (the tests),
    that transaction is the snapshot already.
    """
    if connection.in_atomic_block:
        yield
    elif connection.vendor == "postgresql":
        with transaction.atomic(using=connection.alias):
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("ROLLBACK")  # nothing was written: ending the read is all
    else:
        with transaction.atomic(using=connection.alias):
            yield


def _zip_time(moment: dt.datetime) -> tuple:
    return max(moment.timetuple()[:6], (1980, 1, 1, 0, 0, 0))  # the earliest a ZIP can say


def _write_tables(zf, using: str, members: dict, log) -> tuple[list, dict]:
    connection = connections[using]
    tables = []
    with snapshot(connection):
        migrations = state.applied_leaves(connection)
        for model in policy.backed_up_models():
            label = model._meta.label_lower
            info = zipfile.ZipInfo(archive.db_member(label), _zip_time(dt.datetime.now()))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            with zf.open(info, "w", force_zip64=True) as out:  # size unknown in advance: allow > 2 GB
                writer = archive.HashingWriter(out)
                started = time.monotonic()
                rows = serial.dump(model, writer, using)
            members[info.filename] = {"size": writer.size, "sha256": writer.sha256}
            tables.append({"model": label, "member": info.filename, "rows": rows})
            if rows:
                log(f"  {label}: {rows} dòng ({time.monotonic() - started:.1f} s)")
    return tables, migrations


def _write_media(zf, root: Path, members: dict, log) -> tuple[int, int]:
    files = total = 0
    last_report = time.monotonic()
    for relative in state.media_files(root):
        path = root / relative
        name = archive.media_member(relative)
        if why := archive.unsafe(name):
            raise Refused(f"Tệp tải lên {path} có tên không lưu vào bản sao lưu được ({why}): hãy đổi tên nó rồi sao lưu lại.")
        if path.is_symlink() or not path.is_file():
            log(f"  bỏ qua {path}: không phải tệp thường (liên kết hoặc thiết bị)")
            continue
        try:
            source = open(path, "rb")
        except FileNotFoundError:
            log(f"  bỏ qua {path}: đã bị xóa trong lúc sao lưu")
            continue
        with source:
            info = zipfile.ZipInfo.from_file(path, name)
            info.compress_type = archive.compression_for(name)
            with zf.open(info, "w") as out:
                writer = archive.HashingWriter(out)
                while block := source.read(archive.BLOCK):
                    writer.write(block)
        members[name] = {"size": writer.size, "sha256": writer.sha256}
        files += 1
        total += writer.size
        if time.monotonic() - last_report > 5:
            log(f"  tệp tải lên: {files} tệp, {total / 1e6:.1f} MB …")
            last_report = time.monotonic()
    return files, total


def make_backup(output, *, using: str = "default", media_root, log=lambda line: None) -> Summary:
    output, media_root = Path(output), Path(media_root)
    folder = output.parent
    try:  # a name too long for the file system, no permission on the way, a NUL …: a usage error, said in Vietnamese
        if not folder.is_dir():
            raise Refused(f"Thư mục {shown(folder)} không tồn tại: không ghi được bản sao lưu {shown(output)}.", code=2)
        if output.is_dir():
            raise Refused(f"{shown(output)} là một thư mục: hãy cho tên tệp, ví dụ {shown(output / 'kieumau.zip')}.", code=2)
        fd, temporary = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".part", dir=folder)  # mode 0600
    except (OSError, ValueError) as e:
        raise Refused(f"Không ghi được bản sao lưu {shown(output)}: {os_problem(e)}.", code=2) from None
    created = dt.datetime.now(dt.timezone.utc)
    try:
        with os.fdopen(fd, "wb") as raw:
            with zipfile.ZipFile(raw, "w", allowZip64=True) as zf:
                members: dict = {}
                log("Sao lưu cơ sở dữ liệu …")
                tables, migrations = _write_tables(zf, using, members, log)
                log(f"Sao lưu tệp tải lên từ {media_root} …")
                files, total = _write_media(zf, media_root, members, log)
                manifest = {
                    "format": archive.FORMAT, "format_version": archive.FORMAT_VERSION,
                    "created_at": created.isoformat(), "django": django.get_version(),
                    "database": connections[using].vendor, "migrations": migrations, "models": tables,
                    "media": {"files": files, "bytes": total}, "excluded": sorted(policy.EXCLUDED), "members": members,
                }
                info = zipfile.ZipInfo(archive.MANIFEST, _zip_time(dt.datetime.now()))
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, json.dumps(manifest, ensure_ascii=False, indent=1))
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(temporary, output)
    except BaseException as e:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        if isinstance(e, OSError):  # the disk full, a file under MEDIA_ROOT unreadable …: a failure (exit 1), said
            raise Refused(f"Không ghi được bản sao lưu {shown(output)}: {os_problem(e)}"
                          f"{f' ({shown(e.filename)})' if e.filename else ''}. Không có bản sao lưu nào được ghi.") from e
        raise
    with contextlib.suppress(OSError):  # the rename itself reaches the disk
        directory = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
    return Summary(output, sum(t["rows"] for t in tables), files, output.stat().st_size)
