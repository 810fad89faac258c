"""Find a compiled framework by code: the database first, then the files shipped with the app."""

from __future__ import annotations

import re

from django.db import DatabaseError

from engine import framework as engine_fw

from .models import Framework
from .registry import DATA_DIR, compiled

_shipped: dict[tuple[str, int], engine_fw.Framework] = {}
_FILE = re.compile(r"^(?P<code>[a-z0-9][a-z0-9.-]*?)(?:\.v(?P<version>[0-9]+))?\.yaml$")


def compiled_by_code(code: str, version: int | None = None) -> engine_fw.Framework:
    """The stored version (the newest when ``version`` is None), else the shipped file of that version."""
    try:
        qs = Framework.objects.filter(code=code)
        if version is not None:
            qs = qs.filter(version=version)
        stored = qs.order_by("-version").first()
    except DatabaseError:  # no migrated database: the shipped files still work
        stored = None
    if stored is not None:
        return compiled(stored)
    candidates = [fw for (c, v), fw in shipped().items() if c == code and (version is None or v == version)]
    if not candidates:
        raise LookupError(f"Không có bộ tiêu chí «{code}»" + (f" phiên bản {version}" if version else ""))
    return max(candidates, key=lambda fw: fw.version)


def shipped() -> dict[tuple[str, int], engine_fw.Framework]:
    """Every framework file shipped in ``frameworks/data`` (``code.yaml`` and ``code.vN.yaml``), by (code, version)."""
    if not _shipped:
        for path in sorted(DATA_DIR.glob("*.yaml")):
            if _FILE.match(path.name):
                fw = engine_fw.load_text(path.read_text(encoding="utf-8"), path.name)
                _shipped[(fw.code, fw.version)] = fw
    return _shipped


def shipped_paths() -> list:
    """The shipped framework files, oldest version first (the order they are loaded in)."""
    def key(path):
        m = _FILE.match(path.name)
        return m["code"], int(m["version"] or 1)

    return sorted((p for p in DATA_DIR.glob("*.yaml") if _FILE.match(p.name)), key=key)
