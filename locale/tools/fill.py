"""Fill the Vietnamese catalog from a Python file of translations (T: msgid → msgstr, P: msgid → plural forms).

    python locale/tools/fill.py TRANSLATIONS.py     # then: python -m kieumau.i18n compile

Used after `make messages` adds new msgids; entries already translated are left alone unless fuzzy.
"""

import runpy
import sys
from pathlib import Path

import polib

PO = Path(__file__).resolve().parents[1] / "vi" / "LC_MESSAGES" / "django.po"


def main(path: str) -> None:
    data = runpy.run_path(path)
    singular, plural = data.get("T", {}), data.get("P", {})
    po = polib.pofile(str(PO))
    filled = 0
    for e in po:
        if e.translated() and not e.fuzzy:
            continue
        if e.msgid_plural and e.msgid in plural:
            e.msgstr_plural = {i: s for i, s in enumerate(plural[e.msgid])}
        elif not e.msgid_plural and e.msgid in singular:
            e.msgstr = singular[e.msgid]
        else:
            continue
        if "fuzzy" in e.flags:
            e.flags.remove("fuzzy")
        e.previous_msgid = None
        filled += 1
    po.save()
    print(f"{filled} mục được dịch; còn {len(po.untranslated_entries()) + len(po.fuzzy_entries())} mục chưa dịch")


if __name__ == "__main__":
    main(sys.argv[1])
