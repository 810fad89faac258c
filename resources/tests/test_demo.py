"""The demo's registers, on a small map with the demo's names: loaded through the services, idempotent."""

from accounts.models import Role
from audit.models import AuditEvent
from demo import resources as demo
from kieumau.testing import make_unit
from resources import registers
from resources.indicators import Resources
from resources.models import BudgetLine, Headquarters, Staffing, Training
from units.models import Level

from .base import ResourcesTestCase


class DemoTest(ResourcesTestCase):
    def test_it_loads_through_the_services_and_only_once(self):
        hcm = make_unit("79", "Thành phố Hồ Chí Minh", Level.PROVINCE)
        self.user("pv01.khanhhoa", Role.PROGRAM_STAFF, self.province)
        self.user("pv01.hcm", Role.PROGRAM_STAFF, hcm)
        for w in demo.WARDS:
            make_unit(f"x{demo.WARDS.index(w)}", w.name, Level.COMMUNE, self.city if w.province == "56" else hcm)
        lines = []
        self.assertEqual(demo.load(lines.append), 12)
        self.assertEqual(Headquarters.objects.count(), 12)
        self.assertEqual(Staffing.objects.filter(year=2026).count(), 12)
        self.assertTrue(Training.objects.exists())
        self.assertEqual(set(BudgetLine.objects.values_list("year", flat=True)), {2025, 2026})
        self.assertTrue(AuditEvent.objects.filter(action="resources.holdings_saved").count() == 12)
        kh = registers.province(self.province)
        self.assertTrue(kh.below_norm and kh.not_design and kh.lines)
        self.assertTrue(registers.province(hcm).below_norm)
        nha_trang = Headquarters.objects.get(unit__name="Phường Nam Nha Trang").unit
        self.assertGreater(Resources().values(nha_trang, 2026)["so_hang_muc_thieu"].value, 0)
        self.assertEqual(demo.load(lines.append), 0)
        self.assertIn("đã có", lines[-1])
        self.assertEqual(Headquarters.objects.count(), 12)
