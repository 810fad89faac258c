from io import StringIO

from django.core.management import call_command
from django.test import TestCase

from assessments.models import Assessment


class DemoTests(TestCase):
    def test_it_loads_both_provinces_is_idempotent_and_prints_logins(self):
        out = StringIO()
        call_command("demo", stdout=out)
        self.assertIn("pv01.khanhhoa", out.getvalue())
        self.assertIn("KieuMau@2026", out.getvalue())
        first = {(a.unit_id, a.year): (a.values, a.meets_standard) for a in Assessment.objects.all()}
        meets = {
            (p, y): Assessment.objects.filter(unit__path__startswith=Assessment.objects.filter(unit__parent__parent__code=p).first().unit.parent.parent.path, year=y, meets_standard=True).count()
            for p in ("56", "74") for y in (2023, 2024, 2025)
        }
        self.assertEqual(meets[("56", 2023)], 1)  # the pilot, Phường Vĩnh Nguyên
        self.assertEqual(meets[("56", 2025)], 9)
        self.assertEqual(meets[("74", 2024)], 6)  # Mỹ Phước and five more
        self.assertEqual(meets[("74", 2025)], 14)
        vn = Assessment.objects.get(unit__name="Phường Vĩnh Nguyên", year=2023)
        self.assertTrue(vn.meets_standard and vn.is_demo)
        near = Assessment.objects.filter(year=2025, meets_standard=False, results__status="fail").distinct().count()
        self.assertGreater(near, 0)
        call_command("demo", stdout=StringIO())
        again = {(a.unit_id, a.year): (a.values, a.meets_standard) for a in Assessment.objects.all()}
        self.assertEqual(first, again)
