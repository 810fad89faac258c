"""The hostile values, and the checks every answer to them must pass.

A value is sent as a browser would (form fields), or as a raw body; the answer is judged by ``judge``:

- never a server error (5xx or an uncaught exception);
- refused (4xx, an error message queued, or a form re-rendered with errors) → nothing written (row counts of every
  table, and the watched rows, unchanged) and every message shown for it Vietnamese;
- taken (2xx/3xx, no error) → allowed, unless the value is one that the field's kind must never take (a number field
  taking "NaN", a date field taking 30/02).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.messages import constants as message_levels
from django.contrib.messages import get_messages
from django.db import connection
from django.forms import BaseForm

# --- the corpus ---------------------------------------------------------------------------------------------------

NFD_WARD = unicodedata.normalize("NFD", "Phường Vĩnh Nguyên")
MEGABYTE = "Đ" * 500_000  # 1 MB of UTF-8

# name → value; every value is a str (a form field's value). Lists (duplicated fields) and missing fields are sent
# by the tests themselves.
HOSTILE: dict[str, str] = {
    "huge_int": str(10**400),
    "beyond_64_bits": "9" * 20,
    "nines_5000": "9" * 5000,
    "negative": "-1",
    "negative_big": "-99999999999",
    "nan": "NaN",
    "infinity": "Infinity",
    "minus_inf": "-inf",
    "1e309": "1e309",
    "minus_zero": "-0",
    "nul": "12\x0034",
    "nul_only": "\x00",
    "control": "a\x1b[31mb\x7f\x08",
    "rtl_override": "\u202e1202-11-32\u202c",
    "zero_width": "1\u200d2\u200b3\ufeff",
    "combining": "a" + "\u0301\u0323\u0309" * 40,
    "nfd_vietnamese": NFD_WARD,
    "homoglyph": "Рhường Nhа Trаng",  # Cyrillic Р and а
    "fullwidth_digits": "１２３",
    "arabic_digits": "٣٤٥",
    "bad_date": "2026-02-30",
    "far_date": "99999-01-01",
    "bad_date_vn": "31/02/2026",
    "markup": "<script>alert(1)</script>",
    "blank": "   ",
    "empty": "",
    "long_text": "Khó khăn " * 2500,  # 22,500 characters: longer than every text field's limit
}

# What each kind of field must never take (refused whatever the rest of the form holds).
NOT_A_NUMBER = {"huge_int", "beyond_64_bits", "nines_5000", "negative", "negative_big", "nan", "infinity", "minus_inf", "1e309", "nul",
                "nul_only", "control", "rtl_override", "zero_width", "combining", "nfd_vietnamese", "homoglyph",
                "fullwidth_digits", "arabic_digits", "bad_date", "far_date", "bad_date_vn", "markup", "long_text"}
NOT_A_DATE = NOT_A_NUMBER
# The values tried on a field of each kind (all of them on the form's first field and all fields at once).
FOR_KIND = {
    "num": ["huge_int", "nines_5000", "negative", "nan", "infinity", "1e309", "minus_zero", "nul", "fullwidth_digits",
            "arabic_digits", "zero_width", "blank", "long_text"],
    "int": ["huge_int", "beyond_64_bits", "nines_5000", "negative_big", "nan", "1e309", "minus_zero", "nul", "fullwidth_digits",
            "rtl_override", "blank", "long_text"],
    "date": ["bad_date", "far_date", "bad_date_vn", "rtl_override", "nan", "huge_int", "nul", "blank", "long_text"],
    "text": ["nul", "nul_only", "control", "rtl_override", "zero_width", "combining", "nfd_vietnamese", "homoglyph",
             "markup", "blank", "long_text"],
    "choice": ["nan", "nul", "homoglyph", "nfd_vietnamese", "huge_int", "markup", "blank", "long_text"],
    "lenient": ["nan", "nul", "homoglyph", "beyond_64_bits", "nines_5000", "long_text"],
    "id": ["huge_int", "beyond_64_bits", "nines_5000", "negative", "minus_zero", "nan", "nul", "fullwidth_digits", "blank"],
}
MUST_REFUSE = {"num": NOT_A_NUMBER, "int": NOT_A_NUMBER, "date": NOT_A_DATE, "choice": set(HOSTILE) - {"empty", "blank"},
               "id": NOT_A_NUMBER | {"minus_zero"}, "text": set(), "lenient": set()}


# --- Vietnamese -----------------------------------------------------------------------------------------------------

# Letters only Vietnamese writes (the tone marks and ă â đ ê ô ơ ư).
_VI = set("ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")


def vietnamese(text: str, sent=()) -> bool:
    """Whether ``text`` is Vietnamese: a letter only Vietnamese writes, once what we sent (echoed back) is removed."""
    text = unicodedata.normalize("NFC", str(text))
    for value in sorted(sent, key=len, reverse=True):
        if isinstance(value, str) and len(value) >= 3:
            for form in {value, unicodedata.normalize("NFC", value), value.strip()}:
                if form:
                    text = text.replace(form, " ")
    return any(c in _VI for c in text.lower())


# --- what the database holds ------------------------------------------------------------------------------------------

# Rows written on purpose whatever a request holds: sessions, the lockout log of django-axes (every failed login
# counts), and gate's count of public posts (every public POST counts, gate.throttle).
BOOKKEEPING = {"django_session", "axes_accessattempt", "axes_accessfailurelog", "axes_accesslog", "gate_hit",
               "gate_strike"}


def _tables() -> list[str]:
    existing = set(connection.introspection.table_names())
    names = {m._meta.db_table for m in apps.get_models(include_auto_created=True)
             if m._meta.managed and not m._meta.proxy and m._meta.db_table in existing}
    return sorted(names - BOOKKEEPING)


_SQL: dict[str, tuple[list, str]] = {}


def counts() -> dict[str, int]:
    """Row count of every table but the bookkeeping ones, in one query."""
    key = connection.vendor
    if key not in _SQL:
        tables = _tables()
        qn = connection.ops.quote_name
        _SQL[key] = (tables, "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {qn(t)})" for t in tables))
    tables, sql = _SQL[key]
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return dict(zip(tables, cursor.fetchone()))


def changed(before: dict, after: dict) -> dict:
    return {t: (before[t], after[t]) for t in before if before[t] != after.get(t)}


# --- the answer -------------------------------------------------------------------------------------------------------

@dataclass
class Verdict:
    status: int
    refused: bool
    messages: list = field(default_factory=list)  # the error messages shown for it
    why: str = ""  # what made it a refusal


_CONTEXT_KEYS = ("error", "errors", "unreadable", "problems", "source_error", "error_items")


def _context_errors(response) -> list[str]:
    ctx = getattr(response, "context", None)
    if ctx is None:
        return []
    try:
        flat = ctx.flatten() if hasattr(ctx, "flatten") else dict(ctx)
    except Exception:  # a ContextList of several templates
        flat = {}
        for c in ctx:
            flat.update(c.flatten())
    out: list[str] = []
    for key, value in flat.items():
        if isinstance(value, BaseForm) and value.is_bound and value.errors:
            for errors in value.errors.values():
                out.extend(str(e) for e in errors)
        elif key in _CONTEXT_KEYS and value:
            if isinstance(value, str):
                out.append(value)
            elif isinstance(value, dict):
                out.extend(str(v) for v in value.values())
            elif isinstance(value, (list, tuple)):
                for item in value:
                    out.append(str(getattr(item, "message", None) or (item[-1] if isinstance(item, tuple) else item)))
    return out


def _messages(response) -> list[tuple[int, str]]:
    request = getattr(response, "wsgi_request", None)
    if request is None or not hasattr(request, "_messages"):
        return []
    return [(m.level, str(m.message)) for m in get_messages(request)]


_TAGS = re.compile(r"<[^>]+>")


def body_text(response) -> str:
    content = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    text = content.decode("utf-8", "replace")
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S)
    return _TAGS.sub(" ", text)


def _json_messages(response) -> list[str]:
    """The messages of a JSON error answer (the API's {"detail": [{"field", "message"}, …]} or {"detail": "…"})."""
    try:
        data = json.loads(response.content)
    except ValueError:
        return []
    out: list[str] = []

    def walk(node, key=None):
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, k)
        elif isinstance(node, list):
            for v in node:
                walk(v, key)
        elif isinstance(node, str) and key in ("message", "detail", "error", "errors"):
            out.append(node)

    walk(data)
    return out


def judge(response) -> Verdict:
    status = response.status_code
    if status >= 400 and response.get("Content-Type", "").startswith("application/json"):
        return Verdict(status, True, _json_messages(response) or [body_text(response)], f"HTTP {status}")
    msgs = _messages(response)
    errors = [m for level, m in msgs if level >= message_levels.WARNING]
    ctx = _context_errors(response)
    if status >= 400:
        shown = errors + ctx
        if not shown:  # a 403/404/400/429 page: its text is the message
            shown = [body_text(response)]
        return Verdict(status, True, shown, f"HTTP {status}")
    if errors:
        return Verdict(status, True, errors + ctx, "error message")
    if ctx:
        return Verdict(status, True, ctx, "form errors")
    return Verdict(status, False)
