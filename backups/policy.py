"""Which tables a backup carries, in which order, and how restore treats the rows a fresh `migrate` leaves behind.

Every concrete model of every installed app is carried (ours, Django's, django-otp's devices, django-axes' records,
django-tasks' queue), so a new app needs no change here, with these exceptions:

- EXCLUDED: login sessions. A session key is a bearer credential (whoever holds it is logged in), so a copy of the
  archive would be a copy of everyone's logins; and a restore is a good moment for everyone to log in again.
- NATURAL: content types and permissions. `migrate` creates them itself, with ids that depend on the order the apps
  were migrated in, so the archive names them by natural key ("assessments", "evidence") instead of by id, and every
  reference to them (the admin's log, group and user permissions) likewise. Restore keeps the rows `migrate` made and
  adds only those it lacks (a model since removed from the code).
- REPLACED: tables that a freshly migrated database already holds rows in (feedback's default categories, the
  audit chain's head and the lands' data versions, written by data migrations) or that only hold transient state of the new server
  (sessions). Restore deletes their rows inside its transaction and loads the archive's. A future data migration
  that seeds a table must add it here; restore refuses otherwise, naming the table, and FreshDatabaseTests
  (tests/test_backup.py) fails.
"""

from __future__ import annotations

from django.apps import apps

EXCLUDED = {"sessions.session"}
NATURAL = ("contenttypes.contenttype", "auth.permission")  # in load order: a permission names its content type
REPLACED = {"feedback.category", "audit.chainhead", "audit.dataversion", "sessions.session"}


def _concrete(model) -> bool:
    opts = model._meta
    return opts.managed and not opts.proxy and not opts.swapped


def natural_models() -> set:
    return {apps.get_model(label) for label in NATURAL if _installed(label)}


def _installed(label: str) -> bool:
    try:
        apps.get_model(label)
    except LookupError:
        return False
    return True


def backed_up_models() -> list:
    """Models whose rows go into the archive, in load order: the natural-key ones first (the others refer to them by
    natural key, resolved while loading); the rest in app order, since foreign keys are checked at the end."""
    natural = [apps.get_model(label) for label in NATURAL if _installed(label)]
    rest = [m for m in apps.get_models() if _concrete(m) and m._meta.label_lower not in EXCLUDED and m not in natural]
    return natural + rest


def m2m_tables(model) -> list:
    """The many-to-many tables Django made for ``model``: their rows travel inside the owner's rows."""
    return [f.remote_field.through for f in model._meta.local_many_to_many if f.remote_field.through._meta.auto_created]


def all_tables() -> list:
    """Every table of every installed app, the many-to-many ones included: what "empty" is measured on."""
    out = []
    for model in apps.get_models():
        if _concrete(model):
            out += [model] + m2m_tables(model)
    return out


def must_be_empty() -> list:
    """Tables that must hold no row before a restore."""
    skip = set(NATURAL) | REPLACED
    return [m for m in all_tables() if m._meta.label_lower not in skip]


def replaced_models() -> list:
    return [apps.get_model(label) for label in sorted(REPLACED) if _installed(label)]
