"""Recording a future reorganization from a file: checked whole, written whole or not at all."""

import datetime as dt
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import TestCase
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.models import AuditEvent
from kieumau.testing import make_unit
from units import reorg
from units.models import Level, Lineage, Unit

HEADER = ",".join(reorg.COLUMNS) + "\n"
FILE = HEADER + (
    "2027-01-01,merge,100,100,,,,\n"           # A continues, absorbing B
    "2027-01-01,merge,101,100,,,,\n"
    "2027-01-01,split,102,100,,,,1\n"          # C is divided: most into A (default) ...
    "2027-01-01,split,102,109,Phường Mới,Phường,79,0\n"  # ... and part into a new ward
)


class ReorgTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.province = make_unit("79", "Thành phố Hồ Chí Minh", Level.PROVINCE, kind="Thành phố")
        cls.a = make_unit("100", "Phường A", Level.COMMUNE, cls.province)
        cls.b = make_unit("101", "Phường B", Level.COMMUNE, cls.province)
        cls.c = make_unit("102", "Phường C", Level.COMMUNE, cls.province)

    def test_check_writes_nothing_apply_writes_everything_once(self):
        plan = reorg.check(FILE)
        self.assertTrue(plan.ok, plan.errors)
        self.assertFalse(Lineage.objects.exists())
        reorg.apply(FILE)
        day = dt.date(2027, 1, 1)
        self.a.refresh_from_db(); self.b.refresh_from_db(); self.c.refresh_from_db()
        self.assertIsNone(self.a.valid_until)  # continues
        self.assertEqual((self.b.valid_until, self.c.valid_until), (day, day))
        new = Unit.objects.get(code="109")
        self.assertEqual((new.name, new.parent, new.valid_from), ("Phường Mới", self.province, day))
        self.assertEqual(Lineage.objects.count(), 4)
        self.assertTrue(Lineage.objects.get(predecessor=self.c, successor=self.a).is_default_successor)
        self.assertFalse(Lineage.objects.get(predecessor=self.c, successor=new).is_default_successor)
        self.assertEqual(AuditEvent.objects.filter(action="units.reorganized").count(), 1)
        reorg.apply(FILE)  # again: nothing changes, nothing recorded
        self.assertEqual((Lineage.objects.count(), Unit.objects.count()), (4, 5))
        self.assertEqual(AuditEvent.objects.filter(action="units.reorganized").count(), 1)

    def test_any_error_writes_nothing_and_names_line_and_column(self):
        bad = FILE + "2027-01-01,merge,999,100,,,,\n" + "2027-13-01,merge,101,100,,,,\n"
        plan = reorg.apply(bad)
        self.assertFalse(plan.ok)
        self.assertIn("Dòng 7, cột ngay_hieu_luc", " ".join(plan.errors))
        plan = reorg.apply(FILE + "2027-01-01,merge,999,100,,,,\n")
        self.assertIn("Dòng 6, cột ma_cu: không có đơn vị mã 999 còn hiệu lực ngày 31/12/2026", plan.errors)
        self.assertFalse(Lineage.objects.exists())
        self.assertIsNone(Unit.objects.get(pk=self.b.pk).valid_until)

    def test_a_split_needs_exactly_one_default_and_a_new_ward_needs_its_details(self):
        plan = reorg.check(HEADER + "2027-01-01,split,102,100,,,,0\n2027-01-01,split,102,101,,,,0\n")
        self.assertIn("đúng một đơn vị kế thừa mặc định", " ".join(plan.errors))
        plan = reorg.check(HEADER + "2027-01-01,merge,102,555,,,,\n")
        self.assertIn("cần ten_moi, loai_moi và ma_cap_tren", " ".join(plan.errors))

    def test_the_command_checks_by_default_and_applies_on_request(self, tmp=None):
        import tempfile
        with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, encoding="utf-8") as f:
            f.write(FILE)
        out = StringIO()
        call_command("reorganize", f.name, stdout=out)
        self.assertIn("chưa ghi", out.getvalue())
        self.assertFalse(Lineage.objects.exists())
        call_command("reorganize", f.name, "--apply", stdout=StringIO())
        self.assertEqual(Lineage.objects.count(), 4)
        with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, encoding="utf-8") as g:
            g.write(HEADER + "2027-01-01,nhap,100,100,,,,\n")
        with self.assertRaises(CommandError):
            call_command("reorganize", g.name, stdout=StringIO(), stderr=StringIO())

    def test_the_admin_page_checks_then_records(self):
        get_user_model().objects.create_superuser("root", password="x-Very-Long-1")
        self.client.login(username="root", password="x-Very-Long-1")
        url = reverse("admin:units_lineage_record")
        self.assertContains(self.client.get(url), "Ghi nhận sắp xếp")
        r = self.client.post(url, {"csv": FILE, "check": "1"})
        self.assertContains(r, "reorg-plan")
        self.assertFalse(Lineage.objects.exists())
        r = self.client.post(url, {"csv": FILE, "apply": "1"})
        self.assertRedirects(r, reverse("admin:units_lineage_changelist"))
        self.assertEqual(Lineage.objects.count(), 4)
        r = self.client.post(url, {"csv": HEADER + "x,merge,1,2,,,,\n", "check": "1"})
        self.assertContains(r, "reorg-errors")
        self.client.logout()
        self.assertEqual(self.client.get(url).status_code, 302)  # to the admin login


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789-,\n abcmergsplit")), max_size=300))
def test_parse_never_raises_and_always_explains(body):
    rows, errors = reorg.parse(HEADER + body)
    assert rows or errors
    assert all(e.startswith(("Dòng", "Tệp", "Thiếu")) for e in errors)


class ReorgLimitTests(TestCase):
    def test_a_file_too_large_or_too_long_is_refused_before_it_is_read(self):
        big = HEADER + ("2027-01-01,merge,100,100,,,," + " " * 100 + "\n") * (reorg.MAX_BYTES // 100)
        rows, errors = reorg.parse(big)
        self.assertEqual(rows, [])
        self.assertIn("lớn quá 2 MB", errors[0])
        long = HEADER + "2027-01-01,merge,100,100,,,,\n" * (reorg.MAX_ROWS + 1)
        rows, errors = reorg.parse(long)
        self.assertEqual(rows, [])
        self.assertIn("10.000 dòng", errors[0])
        with self.assertRaises(CommandError):
            import tempfile

            with tempfile.NamedTemporaryFile("w", suffix=".csv", encoding="utf-8") as f:
                f.write(long)
                f.flush()
                call_command("reorganize", f.name, stdout=StringIO(), stderr=StringIO())

    def test_checking_a_long_file_reads_the_units_in_a_few_queries(self):
        province = make_unit("79", "Thành phố Hồ Chí Minh", Level.PROVINCE, kind="Thành phố")
        for i in range(300):
            make_unit(str(20000 + i), f"Phường {i}", Level.COMMUNE, province)
        text = HEADER + "".join(f"2027-01-01,merge,{20000 + i},20000,,,,\n" for i in range(300))
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            plan = reorg.check(text)
        self.assertTrue(plan.ok, plan.errors[:3])
        self.assertLessEqual(len(queries), 3)
