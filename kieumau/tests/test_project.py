from io import StringIO

from django.core.management import call_command
from django.test import TestCase


class ProjectTests(TestCase):
    def test_migrations_match_the_models(self):
        call_command("makemigrations", "--check", "--dry-run", stdout=StringIO())

    def test_system_checks_pass(self):
        call_command("check", stdout=StringIO())
