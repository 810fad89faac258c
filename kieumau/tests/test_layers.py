"""The layers read one way: the foundation apps (units, frameworks, the engine, audit, accounts, the inbox helper)
import none of the domain apps built on them. A domain app may use any foundation; a foundation that reached up
would tie the lower layer to one user of it (and to import cycles)."""

import ast
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parents[2]
FOUNDATIONS = {"units", "frameworks", "engine", "audit", "accounts", "inbox", "kieumau"}
THIRD_PARTY_OR_DJANGO = {"django", "axes", "django_otp", "django_tasks", "django_tasks_db", "ninja"}


def _our_apps() -> set[str]:
    names = {a.name.split(".")[0] for a in apps.get_app_configs()}
    return {n for n in names if (ROOT / n).is_dir()} - THIRD_PARTY_OR_DJANGO | {"engine"}


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module.split(".")[0]


def test_foundations_import_no_domain_app():
    domain = _our_apps() - FOUNDATIONS
    assert {"assessments", "roadmaps", "feedback"} <= domain  # the scan sees the apps it guards against
    upward = []
    for app in sorted(FOUNDATIONS - {"kieumau"}):
        for path in sorted((ROOT / app).rglob("*.py")):
            rel = path.relative_to(ROOT)
            if "tests" in rel.parts or "migrations" in rel.parts:
                continue  # tests build whole scenarios; migrations are frozen history
            upward += [f"{rel}:{line} imports {mod}" for line, mod in _imports(path) if mod in domain]
    assert not upward, "Foundation modules import domain apps:\n" + "\n".join(upward)
