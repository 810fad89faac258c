"""The archive: one ZIP file holding ``manifest.json``, ``db/<app>.<model>.jsonl`` per table and ``media/<path>`` per
uploaded file. This module knows its layout and checks an archive completely before anything is written.

Why ZIP rather than tar.gz: a ZIP's table of contents sits at its end, so a truncated copy (a full disk, an
interrupted transfer) is recognised at once instead of after decompressing everything; the manifest can be read
first without going through the data; each member carries its own CRC, on top of the manifest's SHA-256; and
already-compressed evidence (JPEG, PNG, DOCX) can be stored as is while the JSON lines are deflated.

The manifest: ``format``, ``format_version``, ``created_at``, ``django``, ``database`` (engine of the source),
``migrations`` (per app, the names of the leaf migrations applied), ``models`` (load order: model, member, rows),
``media`` (files, bytes), ``excluded`` (models deliberately left out) and ``members`` (name → size, sha256) for every
member but the manifest itself, which the ZIP's CRC protects.
"""

from __future__ import annotations

import hashlib
import json
import re
import stat
import zipfile
import zlib
from collections import Counter

FORMAT = "kieumau-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DB_DIR, MEDIA_DIR = "db", "media"
MANIFEST_MAX_BYTES = 512 * 1024 * 1024  # one line per file and table: far above any real manifest
BLOCK = 1024 * 1024
# Stored without compression: deflating these costs time and gains nothing.
PACKED = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".zip", ".gz", ".xz", ".bz2", ".7z", ".rar", ".docx",
          ".xlsx", ".pptx", ".odt", ".ods", ".mp4", ".mov", ".mp3"}
_SHA = re.compile(r"[0-9a-f]{64}")

DAMAGED = "Bản sao lưu {path} bị hỏng hoặc không đầy đủ: {detail}. Không khôi phục gì."


class Refused(Exception):
    """Restore or backup refused: ``str(self)`` says why in Vietnamese; ``code`` 1, or 2 for a usage error."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


def db_member(label: str) -> str:
    return f"{DB_DIR}/{label}.jsonl"


def media_member(relative: str) -> str:
    return f"{MEDIA_DIR}/{relative}"


def unsafe(name: str) -> str | None:
    """Why a member name may not be used (None: it may). Only names the backup writes pass: the manifest,
    db/<one part> and media/<relative path>, with no part that climbs out of or aliases a folder."""
    if not isinstance(name, str) or not name:
        return "tên rỗng"
    if "\x00" in name or "\\" in name or name.startswith("/") or re.match(r"[A-Za-z]:", name):
        return "tên là đường dẫn tuyệt đối hoặc chứa ký tự cấm"
    parts = name.split("/")
    if any(p in ("", ".", "..") for p in parts):
        return "tên đi ra ngoài thư mục đích (“..”) hoặc có phần rỗng"
    if name == MANIFEST:
        return None
    if parts[0] == DB_DIR and len(parts) == 2 and parts[1].endswith(".jsonl"):
        return None
    if parts[0] == MEDIA_DIR and len(parts) >= 2:
        return None
    return "tên không thuộc db/ hay media/"


def compression_for(name: str) -> int:
    last = name.rsplit("/", 1)[-1]
    suffix = last[last.rfind("."):].lower() if "." in last else ""
    return zipfile.ZIP_STORED if suffix in PACKED else zipfile.ZIP_DEFLATED


class HashingWriter:
    """Passes bytes on to ``out`` while counting them and computing their SHA-256."""

    def __init__(self, out):
        self.out, self.size, self._sha = out, 0, hashlib.sha256()

    def write(self, data: bytes) -> int:
        self.out.write(data)
        self._sha.update(data)
        self.size += len(data)
        return len(data)

    @property
    def sha256(self) -> str:
        return self._sha.hexdigest()


# ---- checking an archive -------------------------------------------------------------------------------------------

def _is_count(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def check_manifest(data) -> dict:
    """The manifest's shape; raises ValueError (said in Vietnamese) on anything a backup would not have written,
    Refused for a format newer than this code reads or a member name that is not safe."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError("manifest.json không phải của một bản sao lưu KiểuMẫu")
    version = data.get("format_version")
    if not _is_count(version) or version < 1:
        raise ValueError("manifest.json thiếu số phiên bản định dạng hợp lệ")
    if version > FORMAT_VERSION:
        raise Refused(f"Bản sao lưu theo định dạng {version}, mới hơn định dạng {FORMAT_VERSION} mà phiên bản KiểuMẫu "
                      "này đọc được. Hãy khôi phục bằng phiên bản KiểuMẫu đã tạo ra nó (hoặc mới hơn). Không khôi phục gì.")
    members = data.get("members")
    if not isinstance(members, dict):
        raise ValueError("manifest.json thiếu danh sách thành phần")
    for name, info in members.items():
        if why := unsafe(name):
            raise Refused(f"Bản sao lưu ghi một thành phần có tên không an toàn: {name!r} ({why}). Không khôi phục gì.")
        if name == MANIFEST or not isinstance(info, dict) or not _is_count(info.get("size")) \
                or not isinstance(info.get("sha256"), str) or not _SHA.fullmatch(info["sha256"]):
            raise ValueError(f"manifest.json ghi sai kích thước hoặc SHA-256 của {name}")
    models = data.get("models")
    if not isinstance(models, list):
        raise ValueError("manifest.json thiếu danh sách bảng")
    seen = set()
    for entry in models:
        if not isinstance(entry, dict) or not isinstance(entry.get("model"), str) or not _is_count(entry.get("rows")) \
                or entry.get("member") != db_member(entry["model"]) or entry["member"] not in members \
                or entry["model"] in seen:
            raise ValueError(f"manifest.json ghi sai bảng {entry!r}")
        seen.add(entry["model"])
    db_members = {n for n in members if n.startswith(DB_DIR + "/")}
    if db_members != {db_member(m) for m in seen}:
        raise ValueError("manifest.json có thành phần dữ liệu không thuộc bảng nào")
    migrations = data.get("migrations")
    if not isinstance(migrations, dict) or not all(
            isinstance(v, list) and all(isinstance(n, str) for n in v) for v in migrations.values()):
        raise ValueError("manifest.json thiếu trạng thái migration")
    return data


def _damaged(path, detail: str) -> Refused:
    return Refused(DAMAGED.format(path=path, detail=detail))


def read_member(zf: zipfile.ZipFile, name: str, expected_size: int):
    """Yield the member's bytes in blocks, never more than ``expected_size`` (+1 to notice a longer one)."""
    with zf.open(name) as f:
        left = expected_size + 1
        while left > 0:
            block = f.read(min(BLOCK, left))
            if not block:
                return
            left -= len(block)
            yield block


UNREADABLE = (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError, ValueError)


def _check_entries(path, zf: zipfile.ZipFile) -> list[str]:
    infos = zf.infolist()
    for info in infos:
        if why := unsafe(info.filename):
            raise Refused(f"Bản sao lưu có thành phần mang tên không an toàn: {info.filename!r} ({why}). "
                          "Không khôi phục gì.")
        if stat.S_ISLNK(info.external_attr >> 16) or info.is_dir():
            raise Refused(f"Bản sao lưu có thành phần không phải tệp thường: {info.filename!r}. Không khôi phục gì.")
        if info.flag_bits & 0x1:
            raise _damaged(path, f"thành phần {info.filename} bị mã hóa")
    names = [i.filename for i in infos]
    if duplicates := sorted(n for n, k in Counter(names).items() if k > 1):
        raise _damaged(path, "có thành phần trùng tên: " + ", ".join(duplicates[:5]))
    return names


def _read_manifest(path, zf: zipfile.ZipFile, names: list[str]) -> dict:
    if MANIFEST not in names:
        raise _damaged(path, "thiếu manifest.json")
    if zf.getinfo(MANIFEST).file_size > MANIFEST_MAX_BYTES:
        raise _damaged(path, "manifest.json quá lớn")
    try:
        raw = zf.read(MANIFEST)
    except UNREADABLE as e:
        raise _damaged(path, f"manifest.json không giải nén được ({e})")
    try:
        data = json.loads(raw.decode("utf-8"))
    except ValueError as e:  # not UTF-8, not JSON
        raise _damaged(path, f"manifest.json không đọc được ({e})")
    try:
        return check_manifest(data)
    except ValueError as e:
        raise _damaged(path, str(e))


def verify(path) -> dict:
    """Check the whole archive (every byte of every member); return its manifest, or raise Refused."""
    try:
        zf = zipfile.ZipFile(path)
    except UNREADABLE as e:
        raise _damaged(path, f"không đọc được mục lục của tệp nén (bị cắt cụt, hỏng hoặc không phải tệp ZIP: {e})")
    with zf:
        names = _check_entries(path, zf)
        manifest = _read_manifest(path, zf, names)
        members = manifest["members"]
        present = set(names) - {MANIFEST}
        if missing := sorted(set(members) - present):
            raise _damaged(path, f"thiếu {len(missing)} thành phần, ví dụ {', '.join(missing[:3])}")
        if extra := sorted(present - set(members)):
            raise _damaged(path, f"có {len(extra)} thành phần không ghi trong manifest, ví dụ {', '.join(extra[:3])}")
        for name, expected in members.items():
            if zf.getinfo(name).file_size != expected["size"]:
                raise _damaged(path, f"thành phần {name} có kích thước khác manifest")
            sha, size = hashlib.sha256(), 0
            try:
                for block in read_member(zf, name, expected["size"]):
                    sha.update(block)
                    size += len(block)
            except UNREADABLE as e:
                raise _damaged(path, f"thành phần {name} không giải nén được ({e})")
            if size != expected["size"] or sha.hexdigest() != expected["sha256"]:
                raise _damaged(path, f"thành phần {name} không khớp SHA-256 hoặc kích thước ghi trong manifest")
    return manifest
