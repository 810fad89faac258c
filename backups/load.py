"""Restoring a backup into an empty database and media folder, all or nothing.

1. The archive is checked completely (archive.verify), then the target: this code's migrations applied, the same
   migration state as the archive's source, no rows, no files. Any refusal comes before the first write.
2. Uploaded files are extracted into a hidden folder inside MEDIA_ROOT (same file system, so moving them in later
   is a rename), their SHA-256 checked again on the way.
3. One transaction: the rows the new database made itself are set aside (policy.REPLACED), every row of the archive
   is inserted (never updated: the audit table refuses updates and deletes), foreign keys are checked, PostgreSQL's
   id sequences are moved past the restored ids, and the files are moved into place as the last step. If anything
   fails, the transaction rolls back and the files moved so far are removed: nothing is left behind.

Rows are inserted in batches as they are, with their ids and stored values (timestamps "auto_now" included): no
save() and no signals run, as with `loaddata`. Foreign keys are checked when the load is complete rather than row by
row (Django creates them deferrable on both databases), so rows may refer to rows further on, or to themselves.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import shutil
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.core.management.color import no_style
from django.db import IntegrityError, connections, transaction

from kieumau.commands import os_problem, shown

from . import archive, policy, serial, state
from .archive import Refused

BATCH = 1000  # rows held before inserting: bounded memory, few statements


@dataclass
class Summary:
    rows: int
    files: int


def _lines(zf, name: str, expected: dict, log_name: str):
    """The member's lines, checking on the way that it is still the member verify() read (same SHA-256)."""
    sha, size = hashlib.sha256(), 0
    with zf.open(name) as f:
        for line in f:  # a binary file splits on b"\n" only, which JSON never leaves inside a string
            sha.update(line)
            size += len(line)
            yield line
    if (size, sha.hexdigest()) != (expected["size"], expected["sha256"]):
        raise Refused(f"Bản sao lưu đã thay đổi trong lúc khôi phục ({log_name}). Không khôi phục gì.")


def _insert(model, objects: list, using: str) -> None:
    """INSERT the rows as they are (Model.save(raw=True) does the same one row at a time)."""
    fields = [f for f in model._meta.local_concrete_fields if not getattr(f, "generated", False)]
    instances = [o.object for o in objects]
    if any(i.pk is None for i in instances):
        raise ValueError("một dòng thiếu khóa chính")
    size = max(connections[using].ops.bulk_batch_size(fields, instances), 1)
    for start in range(0, len(instances), size):
        model._base_manager._insert(instances[start:start + size], fields=fields, using=using, raw=True)
    for field in model._meta.local_many_to_many:
        through = field.remote_field.through
        if not through._meta.auto_created:
            continue
        source = through._meta.get_field(field.m2m_field_name()).attname
        target = through._meta.get_field(field.m2m_reverse_field_name()).attname
        links = [through(**{source: o.object.pk, target: value}) for o in objects for value in o.m2m_data.get(field.name, [])]
        through._base_manager.using(using).bulk_create(links, batch_size=BATCH)


def _load_table(zf, entry: dict, members: dict, using: str, natural: set) -> int:
    label, name = entry["model"], entry["member"]
    model = apps.get_model(label)
    count, pending = 0, []
    for obj in serial.objects(serial.parse(_lines(zf, name, members[name], name), label), using):
        if type(obj.object) is not model:
            raise ValueError(f"dòng của {obj.object._meta.label_lower} nằm trong phần của {label}")
        count += 1
        if model in natural:
            if obj.object.pk is None:  # not made by this database's migrate: a model since removed, say
                obj.save(using=using)
            continue
        pending.append(obj)
        if len(pending) >= BATCH:
            _insert(model, pending, using)
            pending = []
    if pending:
        _insert(model, pending, using)
    if count != entry["rows"]:
        raise ValueError(f"có {count} dòng, manifest ghi {entry['rows']}")
    return count


def _extract_media(zf, manifest: dict, folder: Path, log) -> list[str]:
    """Extract every media member under ``folder``; the relative paths written."""
    written, last_report = [], time.monotonic()
    for name, expected in manifest["members"].items():
        if not name.startswith(archive.MEDIA_DIR + "/"):
            continue
        relative = name[len(archive.MEDIA_DIR) + 1:]
        target = folder / relative
        if not target.resolve().is_relative_to(folder.resolve()):  # unsafe() already refused such names: belt and braces
            raise Refused(f"Thành phần {name} trỏ ra ngoài thư mục tệp tải lên. Không khôi phục gì.")
        target.parent.mkdir(parents=True, exist_ok=True)
        sha = hashlib.sha256()
        with open(target, "xb") as out:
            for block in archive.read_member(zf, name, expected["size"]):
                sha.update(block)
                out.write(block)
        if sha.hexdigest() != expected["sha256"] or target.stat().st_size != expected["size"]:
            raise Refused(f"Bản sao lưu đã thay đổi trong lúc khôi phục ({name}). Không khôi phục gì.")
        written.append(relative)
        if time.monotonic() - last_report > 5:
            log(f"  tệp tải lên: {len(written)} tệp …")
            last_report = time.monotonic()
    return written


class _MediaMove:
    """Moves extracted files into MEDIA_ROOT and can take them all back out."""

    def __init__(self, staging: Path, root: Path):
        self.staging, self.root = staging, root
        self.moved: list[Path] = []
        self.made: list[Path] = []

    def run(self, relatives: list[str]) -> None:
        for relative in relatives:
            target = self.root / relative
            missing = []
            parent = target.parent
            while not parent.exists():
                missing.append(parent)
                parent = parent.parent
            for folder in reversed(missing):
                folder.mkdir()
                self.made.append(folder)
            if target.exists():
                raise Refused(f"Tệp {target} vừa xuất hiện trong lúc khôi phục. Không khôi phục gì.")
            os.rename(self.staging / relative, target)
            self.moved.append(target)

    def undo(self) -> None:
        for target in self.moved:
            with contextlib.suppress(OSError):
                target.unlink()
        for folder in reversed(self.made):
            with contextlib.suppress(OSError):
                folder.rmdir()


def _reset_sequences(using: str, models: list) -> None:
    """PostgreSQL: the next id of each table comes after the restored ones (SQLite does this by itself)."""
    connection = connections[using]
    tables = []
    for model in models:
        tables += [model] + policy.m2m_tables(model)
    statements = connection.ops.sequence_reset_sql(no_style(), tables)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def _load_database(zf, manifest: dict, using: str, log) -> int:
    natural = policy.natural_models()
    for model in natural:
        if hasattr(model.objects, "clear_cache"):
            model.objects.clear_cache()  # content types cached by id in this process may predate this database
    for model in policy.replaced_models():
        model._base_manager.using(using).all().delete()
    total, loaded = 0, []
    for entry in manifest["models"]:
        started = time.monotonic()
        try:
            rows = _load_table(zf, entry, manifest["members"], using, natural)
        except Refused:
            raise
        except Exception as e:  # DeserializationError, IntegrityError, a damaged line …
            raise Refused(f"Không nạp được bảng {entry['model']} từ bản sao lưu: {e}. Không khôi phục gì.") from e
        total += rows
        loaded.append(apps.get_model(entry["model"]))
        if rows:
            log(f"  {entry['model']}: {rows} dòng ({time.monotonic() - started:.1f} s)")
    try:
        connections[using].check_constraints()
    except IntegrityError as e:
        raise Refused(f"Dữ liệu trong bản sao lưu tham chiếu tới dòng không có: {str(e).rstrip('.')}. Không khôi phục gì.") from e
    _reset_sequences(using, loaded)
    return total


def restore(path, *, using: str = "default", media_root, log=lambda line: None) -> Summary:
    path, media_root = Path(path), Path(media_root)
    try:
        usable = path.is_file()
    except (OSError, ValueError) as e:  # a name too long for the file system, no permission on the way, a NUL …
        raise Refused(f"Không dùng được đường dẫn {shown(path)}: {os_problem(e)}. Hãy cho đường dẫn tới một bản sao lưu "
                      f"(.zip).", code=2) from None
    if not usable:
        raise Refused(f"Không có tệp {shown(path)}: hãy cho đường dẫn tới một bản sao lưu (.zip).", code=2)
    log(f"Kiểm tra bản sao lưu {path} …")
    manifest = archive.verify(path)
    for entry in manifest["models"]:
        try:
            apps.get_model(entry["model"])
        except LookupError:
            raise Refused(f"Bản sao lưu có bảng {entry['model']} mà phiên bản này không có. Không khôi phục gì.")
    connection = connections[using]
    state.check_compatible(manifest["migrations"], connection)
    state.check_empty_database(using)
    state.check_empty_media(media_root)

    root_existed = media_root.exists()
    staging = media_root / f".restore-{secrets.token_hex(6)}"
    try:
        media_root.mkdir(parents=True, exist_ok=True)
        staging.mkdir()
    except OSError as e:
        if not root_existed:
            with contextlib.suppress(OSError):
                media_root.rmdir()
        raise Refused(f"Không tạo được thư mục tệp tải lên {shown(staging)}: {os_problem(e)}. Không khôi phục gì.") from None
    move = _MediaMove(staging, media_root)
    try:
        with zipfile.ZipFile(path) as zf:
            log("Giải nén tệp tải lên …")
            relatives = _extract_media(zf, manifest, staging, log)
            log("Nạp cơ sở dữ liệu …")
            with transaction.atomic(using=using):
                rows = _load_database(zf, manifest, using, log)
                move.run(relatives)  # last: a failure here still rolls the rows back
    except BaseException:
        move.undo()
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if not root_existed:
            with contextlib.suppress(OSError):
                media_root.rmdir()  # only if still empty: nothing was restored into it
    return Summary(rows, len(relatives))
