import datetime as dt
from io import StringIO

from django.core.management import CommandError, call_command
from django.test import TestCase

from audit.models import AuditEvent
from units.importer import LEGACY_SOURCE, import_legacy
from units.models import Level, Unit


class ImportLegacyTests(TestCase):
    def test_it_imports_a_province_from_the_package_data_idempotently(self):
        report = import_legacy(["56"])
        self.assertEqual(report.provinces, ["56"])
        province = Unit.objects.get(level=Level.PROVINCE, code="56")
        self.assertEqual(province.name, "Tỉnh Khánh Hòa")
        wards = Unit.objects.within(province).wards()
        self.assertEqual(wards.count(), 30)  # the package's list already reflects the 1/11/2024 merger
        vn = wards.get(name="Phường Vĩnh Nguyên")
        self.assertEqual((vn.code, vn.parent.name), ("22375", "Thành phố Nha Trang"))
        self.assertTrue(vn.path.startswith(province.path))
        self.assertEqual(AuditEvent.objects.get(action="units.imported").data["created"], report.created)
        again = import_legacy(["56"])
        self.assertEqual((again.created, again.updated), (0, 0))
        self.assertEqual(Unit.objects.count(), report.created)
        self.assertEqual(AuditEvent.objects.filter(action="units.imported").count(), 1)  # nothing changed, nothing recorded

    def test_an_unknown_province_is_refused(self):
        with self.assertRaises(CommandError):
            call_command("import_units", "999", stdout=StringIO())
        self.assertFalse(Unit.objects.exists())


class Facts2024Tests(TestCase):
    """The 2024 changes record a reorganization (an event naming no unit) whenever they change the map, so what is
    kept until the map changes (kieumau.fragments.until_the_map_changes) is read afresh."""

    def test_a_date_put_back_is_recorded_even_when_every_edge_exists(self):
        from units import facts

        import_legacy(["56"])
        facts.apply_2024(["56"])
        events = AuditEvent.objects.filter(action="units.reorganized", unit__isnull=True)
        self.assertEqual(events.count(), 1)
        facts.apply_2024(["56"])
        self.assertEqual(events.count(), 1)  # nothing changed, nothing recorded
        formed = [code for code, new in facts.NHA_TRANG_2024.successors if new]
        Unit.objects.filter(code__in=formed, level=Level.COMMUNE, source=LEGACY_SOURCE).update(valid_from=dt.date(2024, 12, 1))
        facts.apply_2024(["56"])
        self.assertEqual(events.count(), 2)
