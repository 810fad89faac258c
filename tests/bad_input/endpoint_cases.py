"""Hostile form data for every endpoint of the table (tests/bad_input/endpoints.py)."""

from __future__ import annotations

import json
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from . import corpus
from .corpus import FOR_KIND, HOSTILE, MUST_REFUSE
from .endpoints import SKIPPED, TABLE, Endpoint, Form

# The values put in every field at once (all of HOSTILE would cost much and add little over the per-field tries).
ALL_AT_ONCE = ["huge_int", "nines_5000", "nan", "1e309", "minus_zero", "nul", "control", "rtl_override", "combining",
               "bad_date", "far_date", "long_text", "empty"]


def write_methods(callback) -> set[str] | None:
    """The write methods a view answers (None: cannot tell)."""
    vc = getattr(callback, "view_class", None)
    if vc is not None:
        return {m.upper() for m in vc.http_method_names if hasattr(vc, m)} & {"POST", "PUT", "PATCH", "DELETE"}
    seen, f = set(), callback
    while f is not None and id(f) not in seen:
        seen.add(id(f))
        for cell in getattr(f, "__closure__", None) or ():
            try:
                v = cell.cell_contents
            except ValueError:
                continue
            if hasattr(v, "operations"):  # django-ninja's PathView
                return {m for op in v.operations for m in op.methods} & {"POST", "PUT", "PATCH", "DELETE"}
            if isinstance(v, (list, tuple)) and v and all(isinstance(x, str) and x.isupper() for x in v):
                return set(v) & {"POST", "PUT", "PATCH", "DELETE"}  # require_http_methods' list
        f = getattr(f, "__wrapped__", None)
    return None


def url_names() -> dict[str, set[str] | None]:
    """Every named URL but the admin's and static files', with the write methods its view answers."""
    out: dict[str, set[str] | None] = {}

    def walk(resolver, namespace=None):
        for p in resolver.url_patterns:
            if isinstance(p, URLResolver):
                ns = ":".join(filter(None, [namespace, p.namespace])) or None
                if ns == "admin" or (p.app_name == "admin"):
                    continue
                walk(p, ns)
            elif isinstance(p, URLPattern) and not str(p.pattern).startswith("static"):
                name = p.name or f"<unnamed {p.pattern}>"  # an unnamed page that takes writes cannot be tabled: name it
                out[f"{namespace}:{name}" if namespace else name] = write_methods(p.callback)

    walk(get_resolver())
    return out


def alias(key: str) -> str:
    """A field's name in a label, without the row id some names carry (done_39 → done_#): labels stay the same
    whatever ids the database gave (bugs.py lists labels)."""
    return re.sub(r"^q[0-9]+$", "q#", re.sub(r"^((?:done|fig|item)_)[0-9]+", r"\1#", key))


def _fields(form: Form, case) -> dict[str, str]:
    return form.fields(case) if callable(form.fields) else form.fields


class EndpointCases:
    """Mixin: one test per endpoint (added to the class by ``add_endpoint_tests``)."""

    def test_every_write_endpoint_is_in_the_table(self):
        names = url_names()
        writes = {n for n, m in names.items() if m is None or m}
        missing = sorted(writes - set(TABLE) - set(SKIPPED))
        self.assertEqual(missing, [], "URL names that take writes but have no row in tests/bad_input/endpoints.py TABLE "
                                      "(nor a reason in SKIPPED): add them")
        stale = sorted((set(TABLE) | set(SKIPPED)) - set(names))
        self.assertEqual(stale, [], "rows of TABLE/SKIPPED whose URL name no longer exists")
        read_only = sorted(n for n in TABLE if names[n] is not None and not names[n])
        self.assertEqual(read_only, [], "rows of TABLE for URLs that take no writes")

    # --- one endpoint ---------------------------------------------------------------------------------------------

    def run_endpoint(self, name: str, only=None, skip=()) -> list[str]:
        """Send every hostile request of the endpoint (those whose label is in ``only``, if given; none whose label is
        in ``skip``); returns the problems found."""
        ep: Endpoint = TABLE[name]
        problems: list[str] = []
        for label, request in self.requests(name, ep):
            if (only is not None and label not in only) or label in skip:
                continue
            self.probe(problems, f"{name} [{label}]", ep.user, request.pop("url"), watch=ep.watch(self) if ep.watch else [],
                       prepare=ep.prepare, read_only=ep.read_only, **request)
        return problems

    def requests(self, name: str, ep: Endpoint):
        """(label, request) for every hostile request of the endpoint, in order."""
        url = reverse(name, kwargs=ep.kwargs(self)) + ep.query

        def form_post(data, files=None, **kw):
            payload = dict(data)
            for key, upload in (files or {}).items():
                upload.seek(0)
                payload[key] = upload
            return {"url": url, "data": payload, **kw}

        for form in ep.forms:
            base = form.base(self)
            fields = _fields(form, self)
            files = form.files(self) if form.files else {}
            yield f"{form.label}: the valid form", form_post(base, files, expect_taken=form.taken)
            # each field, the values of its kind
            for key, kind in fields.items():
                for vname in FOR_KIND[kind]:
                    value = HOSTILE[vname]
                    yield f"{form.label}: {alias(key)}={vname}", form_post({**base, key: value}, files, sent=[value],
                                                                    must_refuse=vname in MUST_REFUSE[kind])
            # every field at once
            if fields:
                for vname in ALL_AT_ONCE:
                    value = HOSTILE[vname]
                    must = any(vname in MUST_REFUSE[k] for k in fields.values())
                    yield f"{form.label}: every field={vname}", form_post({**base, **dict.fromkeys(fields, value)}, files,
                                                                          sent=[value], must_refuse=must)
                yield f"{form.label}: every field=1 MB", form_post({**base, **dict.fromkeys(fields, corpus.MEGABYTE)}, files,
                                                                   sent=[corpus.MEGABYTE])
            # lists where one value is expected (a=1&a=2): every field of the form repeated
            if base:
                yield f"{form.label}: every field twice (valid, hostile)", form_post(
                    {k: [v, HOSTILE["nines_5000"]] if isinstance(v, str) else v for k, v in base.items()}, files,
                    sent=[HOSTILE["nines_5000"]])
                yield f"{form.label}: every field twice (hostile, valid)", form_post(
                    {k: [HOSTILE["nul"], v] if isinstance(v, str) else v for k, v in base.items()}, files)
            # missing fields: each alone, then all of them
            for key in list(fields) or list(base)[:3]:
                yield f"{form.label}: without {alias(key)}", form_post({k: v for k, v in base.items() if k != key}, files)
            yield f"{form.label}: nothing posted", form_post({})
            # files: garbage, empty, a misleading name, text where a file is expected
            for key, upload in files.items():
                for label, bad in _hostile_files(upload.name):
                    yield f"{form.label}: {key}={label}", form_post(base, {**files, key: bad})
                yield f"{form.label}: {key} as text", form_post({**base, key: "not-a-file"},
                                                               {k: v for k, v in files.items() if k != key})
        # the endpoint's own hostile files (crafted workbooks …), with the first form's values
        base = ep.forms[0].base(self)
        for label, files, must in (ep.hostile_files(self) if ep.hostile_files else []):
            yield label, form_post(base, files, must_refuse=must)
        # wrong content types, with the first form's values
        flat = {k: (v[0] if isinstance(v, list) else v) for k, v in base.items()}
        for label, body, ctype in [
            ("JSON body", json.dumps(flat), "application/json"),
            ("text/plain body", "&".join(f"{k}={v}" for k, v in flat.items()), "text/plain"),
            ("multipart without a boundary", b"garbage", "multipart/form-data"),
            ("multipart garbage", b"--XYZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n\x00\xff--XY",
             "multipart/form-data; boundary=XYZ"),
            ("multipart with a file part and no end", b"--B\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.pdf\"\r\n"
                                                      b"Content-Type: application/pdf\r\n\r\n%PDF", "multipart/form-data; boundary=B"),
            ("form with invalid UTF-8", b"&".join(k.encode() + b"=%FF%FE\xff" for k in flat) or b"a=%FF",
             "application/x-www-form-urlencoded"),
            ("form with 3000 fields", "&".join(f"f{i}=1" for i in range(3000)), "application/x-www-form-urlencoded"),
        ]:
            yield label, {"url": url, "body": body, "content_type": ctype}
        # the same valid form at the other addresses the table lists (another object, an unknown one)
        for label, kwargs in ep.also.items():
            other = reverse(name, kwargs=kwargs(self)) + ep.query
            yield label, {"url": other, "data": base}
            yield f"{label}: every field=nul", {"url": other, "data": {k: HOSTILE["nul"] for k in base}}
        # ids in the address beyond any row (and beyond a 64-bit integer)
        for key, value in ep.kwargs(self).items():
            if isinstance(value, int):
                for big in (2**31, 2**63, 10**30):
                    other = reverse(name, kwargs={**ep.kwargs(self), key: big}) + ep.query
                    yield f"{key}={big} in the address", {"url": other, "data": base}


def _hostile_files(name: str):
    ext = name.rsplit(".", 1)[-1]
    return [
        ("garbage", SimpleUploadedFile(f"tep.{ext}", bytes(range(256)) * 8)),
        ("empty", SimpleUploadedFile(f"tep.{ext}", b"")),
        ("RTL name", SimpleUploadedFile(f"bao-cao\u202efdp.{ext}", b"%PDF-1.4 x")),
        ("long name", SimpleUploadedFile("a" * 5000 + f".{ext}", b"%PDF-1.4 x")),
        ("no extension", SimpleUploadedFile("tep", b"%PDF-1.4 x")),
        ("executable", SimpleUploadedFile("tep.exe", b"MZ\x90\x00")),
    ]


def add_endpoint_tests(cls, bugs) -> None:
    """A ``test_endpoint_<name>`` for each row of TABLE, without the requests of the known ``bugs``; and a
    ``test_bug_<slug>`` for each bug (only its requests), marked xfail(strict=True) with the bug's description."""
    for name in TABLE:
        known = {label for bug in bugs if bug.endpoint == name for label in bug.labels}

        def test(self, name=name, known=known):
            problems = self.run_endpoint(name, skip=known)
            self.assertEqual(problems, [], f"{len(problems)} problems:\n" + "\n".join(problems))

        test.__name__ = f"test_endpoint_{name.replace(':', '_').replace('-', '_')}"
        setattr(cls, test.__name__, test)
    for bug in bugs:
        if bug.endpoint is None:
            continue

        def test(self, bug=bug):
            problems = self.run_endpoint(bug.endpoint, only=set(bug.labels))
            self.assertEqual(problems, [], f"{len(problems)} problems:\n" + "\n".join(problems))

        test.__name__ = f"test_bug_{bug.slug}"
        setattr(cls, test.__name__, bug.mark(test))
