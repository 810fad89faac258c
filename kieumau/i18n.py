"""The Vietnamese catalog: compile it and check it without GNU gettext.

    python -m kieumau.i18n compile   # locale/vi/LC_MESSAGES/django.po → django.mo
    python -m kieumau.i18n check     # exit 1 on an untranslated or fuzzy entry, or a stale .mo
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib

PO = Path(__file__).resolve().parent.parent / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def problems(po_path: Path = PO) -> list[str]:
    po = polib.pofile(str(po_path))
    out = [f"chưa dịch: {e.msgid!r}" for e in po.untranslated_entries()]
    out += [f"dịch tạm (fuzzy): {e.msgid!r}" for e in po.fuzzy_entries()]
    for e in po.translated_entries():
        if e.msgid_plural and not all(e.msgstr_plural.values()):
            out.append(f"thiếu dạng số nhiều: {e.msgid!r}")
    mo_path = po_path.with_suffix(".mo")
    if not mo_path.exists():
        out.append("chưa biên dịch django.mo")
    else:
        mo = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in polib.mofile(str(mo_path))}
        for e in po.translated_entries():
            if mo.get((e.msgctxt, e.msgid)) != (e.msgstr, e.msgstr_plural) and not e.msgid_plural:
                out.append(f"django.mo cũ hơn django.po: {e.msgid!r}")
                break
    return out


def compile_catalog(po_path: Path = PO) -> None:
    polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    if command == "compile":
        compile_catalog()
    else:
        found = problems()
        print("\n".join(found) or "Danh mục tiếng Việt đầy đủ.")
        sys.exit(1 if found else 0)
