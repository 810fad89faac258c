"""Find a compiled framework by code: the database first, then the files shipped with the app."""

from __future__ import annotations

from django.db import DatabaseError

from engine import framework as engine_fw

from .models import Framework
from .registry import DATA_DIR, compiled

_shipped: dict[str, engine_fw.Framework] = {}


def compiled_by_code(code: str, version: int | None = None) -> engine_fw.Framework:
    try:
        qs = Framework.objects.filter(code=code)
        if version is not None:
            qs = qs.filter(version=version)
        stored = qs.order_by("-version").first()
    except DatabaseError:  # no migrated database: the shipped files still work
        stored = None
    if stored is not None:
        return compiled(stored)
    shipped = shipped_framework(code)
    if shipped is None or (version is not None and shipped.version != version):
        raise LookupError(f"Không có bộ tiêu chí «{code}»" + (f" phiên bản {version}" if version else ""))
    return shipped


def shipped_framework(code: str) -> engine_fw.Framework | None:
    if code not in _shipped:
        path = DATA_DIR / f"{code}.yaml"
        if not path.is_file() or "/" in code or code.startswith("."):
            return None
        _shipped[code] = engine_fw.load_text(path.read_text(encoding="utf-8"), path.name)
    return _shipped[code]
