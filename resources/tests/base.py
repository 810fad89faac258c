"""The registers' test base: the shared personas (kieumau.testing) and Khánh Hòa's norm file loaded."""

from __future__ import annotations

import copy

from django.conf import settings
from django.test import override_settings

from kieumau.testing import BaseTestCase, FixedNow
from resources import norms

FILE = norms.DATA_DIR / "56-khanh-hoa.yaml"


class StrictVariable(str):
    """``string_if_invalid``: a template reading a variable that is not in its context fails the test."""

    ALLOWED = {"LANGUAGE_CODE"}  # base.html's, with its own default

    def __contains__(self, item):
        return item == "%s"

    def __mod__(self, name):
        if str(name) in self.ALLOWED:
            return ""
        raise AssertionError(f"template variable «{name}» is not in the context")


def strict_templates():
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["OPTIONS"]["string_if_invalid"] = StrictVariable("%s")
    return override_settings(TEMPLATES=templates)


class ResourcesTestCase(FixedNow, BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        norms.load_file(FILE)

    def setUp(self):
        super().setUp()
        strict = strict_templates()
        strict.enable()
        self.addCleanup(strict.disable)
