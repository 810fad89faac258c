"""Hostile and malformed input to every endpoint that takes a write, and to the management commands that take
arguments: never a server error, nothing written when refused, and the refusal said in Vietnamese.

One TestCase class (the demo is loaded once, ~30 s); each request and each command runs in a savepoint that is rolled
back. What is checked is in tests/bad_input/corpus.py; the endpoints are in tests/bad_input/endpoints.py; the known
bugs found by this suite are the ``xfail`` marks below (strict: the test fails once a bug is fixed, so the mark goes).
"""

from __future__ import annotations

import shutil
import tempfile

from django.test import override_settings
from hypothesis.extra.django import TestCase  # django's TestCase; each generated example in its own transaction

from . import fixture
from .bugs import BUGS
from .command_cases import CommandCases, add_command_tests
from .endpoint_cases import EndpointCases, add_endpoint_tests
from .extra_cases import ExtraCases
from .probe import Prober


class BadInputTests(EndpointCases, CommandCases, ExtraCases, Prober, TestCase):
    @classmethod
    def setUpClass(cls):
        cls._media = tempfile.mkdtemp(prefix="kieumau-bad-input-")
        # fast password hashing: the demo sets ~60 passwords and the login form is sent ~100 of them
        cls._media_settings = override_settings(MEDIA_ROOT=cls._media,
                                                PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
        cls._media_settings.enable()
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls._media_settings.disable()
        shutil.rmtree(cls._media, ignore_errors=True)

    @classmethod
    def setUpTestData(cls):
        fixture.build(cls)


add_endpoint_tests(BadInputTests, BUGS)
add_command_tests(BadInputTests, BUGS)
