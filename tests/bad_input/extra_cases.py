"""Two corners the form table does not reach: the JSON API's one write (PATCH of a draft's figures), and a property
test of the data-entry save and its live preview over generated hostile strings (hypothesis)."""

from __future__ import annotations

import json
import re
from decimal import Decimal

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from .corpus import HOSTILE, MEGABYTE, NOT_A_NUMBER
from .endpoints import figure_fields

API_VALUES = {name: value for name, value in HOSTILE.items() if name != "long_text"} | {"long_text": HOSTILE["long_text"]}

# Hostile strings: the corpus, any Unicode text, number-like text with the characters that fool parsers, and the
# spellings of numbers Python, JavaScript and spreadsheets accept.
HOSTILE_TEXT = st.one_of(
    st.sampled_from(sorted(HOSTILE.values())),
    st.text(max_size=40),
    st.text(alphabet="0123456789.,-+eE _\u00a0\u202e\u200b\u0301\u0663\uff11NaInfyx", max_size=25),
    st.integers(min_value=-(10**25), max_value=10**25).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.floats().map(repr),
)
_ASCII_FIGURE = re.compile(r"[0-9 .,\u00a0]*", re.ASCII)


class ExtraCases:
    """Mixin for the TestCase of test_bad_input (needs Prober and the fixture)."""

    # --- the API -------------------------------------------------------------------------------------------------------

    def test_api_change_values(self):
        from api import tokens

        a = self.a_draft
        token = tokens.create(self.users["truong.nhatrang"], "Kiểm thử đầu vào", 30)[1]
        url = f"/api/v1/assessments/{a.pk}/values"
        code = next(c for c, kind in figure_fields(self).items() if kind == "int")
        auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
        problems: list[str] = []

        def patch(label, body, *, must=False, sent=(), ctype="application/json", headers=auth, taken=False):
            raw = body if isinstance(body, (bytes, str)) else json.dumps(body)
            self.probe(problems, f"API [{label}]", None, url, method="patch", body=raw, content_type=ctype, sent=sent,
                       must_refuse=must, watch=[type(a).objects.filter(pk=a.pk)], expect_taken=taken, **headers)

        patch("the valid change", {"values": {code: "7"}, "revision": a.revision}, taken=True)
        for name, value in API_VALUES.items():
            patch(f"values.{code}={name}", {"values": {code: value}, "revision": a.revision}, must=name in NOT_A_NUMBER,
                  sent=[value])
            patch(f"revision={name}", {"values": {code: "7"}, "revision": value}, must=True, sent=[value])
            patch(f"overrides={name}", {"values": {}, "overrides": {code: value}, "revision": a.revision}, sent=[value])
            patch(f"a code named {name}", {"values": {value: "1"}, "revision": a.revision}, must=True, sent=[value])
        raw_rev = str(a.revision).encode()
        for label, raw, must in [
            ("a 400-digit JSON number", b'{"values": {"%s": %s}, "revision": %s}' % (code.encode(), b"9" * 400, raw_rev), True),
            ("a 5000-digit JSON number", b'{"values": {"%s": %s}, "revision": %s}' % (code.encode(), b"9" * 5000, raw_rev), True),
            ("NaN literal", b'{"values": {"%s": NaN}, "revision": %s}' % (code.encode(), raw_rev), True),
            ("Infinity literal", b'{"values": {"%s": Infinity}, "revision": %s}' % (code.encode(), raw_rev), True),
            ("1e309 literal", b'{"values": {"%s": 1e309}, "revision": %s}' % (code.encode(), raw_rev), True),
            ("-0.0 literal", b'{"values": {"%s": -0.0}, "revision": %s}' % (code.encode(), raw_rev), False),
            ("1.5 for a whole number", b'{"values": {"%s": 1.5}, "revision": %s}' % (code.encode(), raw_rev), True),
            ("true for a number", b'{"values": {"%s": true}, "revision": %s}' % (code.encode(), raw_rev), True),
            ("a list for a number", b'{"values": {"%s": [1, 2]}, "revision": %s}' % (code.encode(), raw_rev), True),
            ("an object for a number", b'{"values": {"%s": {"a": 1}}, "revision": %s}' % (code.encode(), raw_rev), True),
            ("values as a list", b'{"values": [1], "revision": %s}' % raw_rev, True),
            ("values as a string", b'{"values": "x", "revision": %s}' % raw_rev, True),
            ("revision as a float", b'{"values": {}, "revision": 1.5}', True),
            ("revision as 1e309", b'{"values": {}, "revision": 1e309}', True),
            ("revision as a 400-digit number", b'{"values": {}, "revision": ' + b"9" * 400 + b"}", True),
            ("no revision", b'{"values": {}}', True),
            ("duplicate keys", b'{"values": {"%s": 1, "%s": "NaN"}, "revision": %s}' % (code.encode(), code.encode(), raw_rev), True),
            ("a top-level list", b"[]", True),
            ("an empty body", b"", True),
            ("broken JSON", b'{"values": {', True),
            ("invalid UTF-8", b'{"values": {"\xff\xfe": 1}, "revision": 0}', True),
            ("JSON 100000 deep", b'{"values": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", True),
            ("1 MB of JSON", json.dumps({"values": {code: MEGABYTE}, "revision": a.revision}).encode(), True),
        ]:
            patch(label, raw, must=must)
        patch("form-encoded body", f"values={code}&revision={a.revision}", ctype="application/x-www-form-urlencoded", must=True)
        patch("text/plain body", json.dumps({"values": {code: "7"}, "revision": a.revision}), ctype="text/plain")
        patch("no token", {"values": {code: "7"}, "revision": a.revision}, headers={}, must=True)
        patch("a token of 5000 characters", {"values": {code: "7"}, "revision": a.revision}, must=True,
              headers={"HTTP_AUTHORIZATION": "Bearer " + "k" * 5000})
        patch("a token with NUL", {"values": {code: "7"}, "revision": a.revision}, must=True,
              headers={"HTTP_AUTHORIZATION": "Bearer km_\x00"})
        for big in (2**63, 10**30):
            self.probe(problems, f"API [assessment id {big}]", None, f"/api/v1/assessments/{big}/values", method="patch",
                       body=json.dumps({"values": {}, "revision": 0}), content_type="application/json", **auth)
        self.assertEqual(problems, [], f"{len(problems)} problems:\n" + "\n".join(problems))

    # --- data entry, generated ---------------------------------------------------------------------------------------

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True, database=None)
    @given(endpoint=st.sampled_from(["enter_figures", "preview"]), kind=st.sampled_from(["int", "num", "choice", "revision"]),
           value=HOSTILE_TEXT)
    def test_figures_take_no_hostile_string(self, endpoint, kind, value):
        """Whatever string lands in a figure (or the revision) of the data-entry form: never a server error; refused
        with Vietnamese messages and nothing written; and when taken, what is stored is a plain figure."""
        from django.urls import reverse

        from .endpoints import TABLE

        ep = TABLE[endpoint]
        fields = figure_fields(self)
        key = "revision" if kind == "revision" else next((k for k, t in fields.items() if t == kind), None)
        assume(key is not None)  # version 2 may have no typed figure of a kind
        data = {**ep.forms[0].base(self), key: value}
        a = self.a_draft
        problems: list[str] = []

        def stored():
            if kind in ("revision", "choice"):
                return []
            figure = type(a).objects.get(pk=a.pk).values.get(key)  # (a itself keeps the revision the form was opened at)
            ok = figure is None or (isinstance(figure, int) and not isinstance(figure, bool) and 0 <= figure <= 10**9
                                    if kind == "int" else isinstance(figure, str) and 0 <= Decimal(figure) <= 10**12)
            plain = bool(_ASCII_FIGURE.fullmatch(value))
            return [] if ok and plain else [f"stored {figure!r} for {value!r}"]

        self.probe(problems, f"{endpoint} [{key}={value!r}]", ep.user, reverse(endpoint, kwargs=ep.kwargs(self)), data=data,
                   sent=[value], read_only=ep.read_only, watch=[] if endpoint == "preview" else None,
                   on_taken=stored if endpoint == "enter_figures" else None,
                   must_refuse=kind == "revision" and not re.fullmatch(r"\s*[0-9]{1,9}\s*", value, re.ASCII))
        self.assertEqual(problems, [], "\n".join(problems))
