from io import StringIO

from django.core.management import call_command
from django.test import TestCase

from assessments.models import Assessment, Recognition, RecognitionReview
from audit.models import AuditEvent
from units.models import Level, Unit
from units.territory import year_land


class DemoTests(TestCase):
    def test_it_loads_the_story_is_idempotent_and_prints_logins(self):
        out = StringIO()
        call_command("demo", stdout=out)
        printed = out.getvalue()
        self.assertIn("pv01.khanhhoa", printed)
        self.assertIn("KieuMau@2026", printed)
        self.assertIn("tinhbariavungtau_huyencondao_", printed)  # the one mapping entry that matched nothing, named
        first = {(a.unit_id, a.year): (a.values, a.meets_standard, a.status) for a in Assessment.objects.all()}

        def meeting(code, year):
            province = Unit.objects.get(level=Level.PROVINCE, code=code, valid_until__isnull=False)
            wards = [w.pk for w in year_land(province, year).wards]
            return Assessment.objects.filter(unit__in=wards, year=year, meets_standard=True).count()

        self.assertEqual([meeting("56", y) for y in (2023, 2024, 2025)], [1, 4, 6])  # the pilot first
        self.assertEqual([meeting("74", y) for y in (2024, 2025)], [6, 12])  # Mỹ Phước and five more in 2024
        vn = Assessment.objects.get(unit__name="Phường Vĩnh Nguyên", year=2023)
        self.assertTrue(vn.meets_standard and vn.is_demo and vn.status == "recognized")
        self.assertEqual(Recognition.objects.filter(year=2024, unit__parent__parent__code="74").count(), 6)
        self.assertEqual(RecognitionReview.objects.count(), 10)
        # the story is dated when it happened, not today
        self.assertEqual(AuditEvent.objects.get(action="assessment.recognize", object_id=str(vn.pk)).at.year, 2023)
        call_command("demo", stdout=StringIO())
        again = {(a.unit_id, a.year): (a.values, a.meets_standard, a.status) for a in Assessment.objects.all()}
        self.assertEqual(first, again)
