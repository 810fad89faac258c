import re
from pathlib import Path

import polib

from kieumau.i18n import PO, problems

ROOT = Path(__file__).resolve().parents[2]
APPS = ["accounts", "agencies", "assessments", "audit", "background", "demo", "frameworks", "inbox", "kieumau", "reporting", "roadmaps", "difficulties", "meetings", "supervision", "summary", "workdays", "gate", "feedback", "surveys", "resources", "emulation", "documents", "workbooks", "api", "national",
        "units", "templates"]
# English msgids in Python (gettext/_/gettext_lazy) and templates ({% translate %}, {% blocktranslate %}).
PY_STRING = re.compile(r"""\b(?:_|gettext|gettext_lazy|gettext_noop)\(\s*(?P<q>["'])(?P<s>(?:(?!(?P=q)).)+)(?P=q)""")
TPL_STRING = re.compile(r"""{%\s*translate\s+(?P<q>["'])(?P<s>.+?)(?P=q)""")


def test_the_vietnamese_catalog_is_complete_and_compiled():
    assert problems() == []


def test_every_ui_string_in_the_code_is_in_the_catalog():
    known = {e.msgid for e in polib.pofile(str(PO))}
    found = set()
    for app in APPS:
        for path in (ROOT / app).rglob("*"):
            if "tests" in path.parts or "migrations" in path.parts or not path.is_file():
                continue
            if path.suffix == ".py":
                found |= {m.group("s") for m in PY_STRING.finditer(path.read_text("utf-8"))}
            elif path.suffix == ".html":
                found |= {m.group("s") for m in TPL_STRING.finditer(path.read_text("utf-8"))}
    assert found, "the scan found no strings at all"
    assert sorted(found - known) == []
