"""The norm loader: a good file loads (and reloads), a bad one writes nothing and names the line and the field."""

from io import StringIO

from django.core.management import CommandError, call_command

from audit.models import AuditEvent
from resources import norms
from resources.models import EquipmentItem, EquipmentNorm, Holding, LandNorm

from .base import FILE, ResourcesTestCase

GOOD = """province: "56"
title: "Thử"
source: "Thông tư 69/2021/TT-BCA"
land:
  - {kind: loai-1, work_m2: 1000, living_m2: 500, source: "Nguồn đất"}
equipment:
  - {code: o-to, category: giao-thong, name: "Xe ô tô", unit: chiếc, price: 900000000, quantity: {loai-1: 1, loai-2: 0}}
  - {code: bo-dam, category: nghiep-vu, name: "Bộ đàm", quantity: {loai-1: 10}}
"""


class NormLoaderTest(ResourcesTestCase):
    def counts(self):
        return (LandNorm.objects.count(), EquipmentItem.objects.count(), EquipmentNorm.objects.count(),
                AuditEvent.objects.count())

    def test_the_shipped_files_load(self):
        self.assertEqual(LandNorm.objects.filter(province=self.province).count(), 3)
        o_to = EquipmentItem.objects.get(province=self.province, code="o-to")
        self.assertEqual(o_to.source, "Thông tư 69/2021/TT-BCA (số lượng minh họa của bản demo)")
        self.assertIsNone(EquipmentItem.objects.get(province=self.province, code="sung-ngan").unit_price)
        self.assertIn("MINH HỌA", FILE.read_text("utf-8"))

    def test_a_good_file_replaces_the_tables_and_keeps_held_items(self):
        bo_dam = EquipmentItem.objects.get(province=self.province, code="bo-dam")
        Holding.objects.create(unit=self.ward, item=bo_dam, quantity=3)
        table = norms.load_text(GOOD, "thu.yaml")
        self.assertEqual((len(table.land), len(table.items)), (1, 2))
        self.assertEqual(LandNorm.objects.filter(province=self.province).count(), 1)
        self.assertEqual(EquipmentItem.objects.filter(province=self.province).count(), 2)
        self.assertEqual(EquipmentItem.objects.get(province=self.province, code="bo-dam").pk, bo_dam.pk)  # matched by code
        self.assertEqual(Holding.objects.get(unit=self.ward).quantity, 3)
        event = AuditEvent.objects.filter(action="resources.norms_loaded").latest("id")
        self.assertEqual(event.data["items"], 2)

    def refused(self, text, *fragments):
        before = self.counts()
        with self.assertRaises(norms.NormError) as ctx:
            norms.load_text(text, "sai.yaml")
        self.assertEqual(self.counts(), before)
        for fragment in fragments:
            self.assertIn(fragment.lower(), str(ctx.exception).lower())
        return ctx.exception

    def test_each_kind_of_fault_writes_nothing_and_names_the_place(self):
        e = self.refused(GOOD.replace("price: 900000000", "price: -5"), "dòng 7", "equipment[0].price", "âm")
        self.assertEqual(e.line, 7)
        self.refused(GOOD.replace("work_m2: 1000", "work_m2: nhiều"), "dòng 5", "land[0].work_m2", "không phải là số")
        self.refused(GOOD.replace("work_m2: 1000", "work_m2: 12.3456"), "land[0].work_m2", "2 chữ số thập phân")
        self.refused(GOOD.replace("loai-1: 10", "loai-9: 10"), "dòng 8", "loai-9")
        self.refused(GOOD.replace("category: nghiep-vu", "category: phao"), "dòng 8", "equipment[1].category")
        self.refused(GOOD.replace('code: bo-dam', 'code: o-to'), "dòng 8", "bị lặp")
        self.refused(GOOD.replace('code: bo-dam', 'code: "Bộ Đàm"'), "equipment[1].code")
        self.refused(GOOD.replace('province: "56"', 'province: "99"'), "dòng 1", "«99»")
        self.refused(GOOD.replace("unit: chiếc,", "unit: chiếc, color: red,"), "dòng 7", "color")
        self.refused(GOOD.replace("quantity: {loai-1: 10}", "quantity: {loai-1: 1.5}"), "dòng 8", "số nguyên")
        self.refused(GOOD.replace("quantity: {loai-1: 10}", "quantity: {loai-1: true}"), "cần một số")
        self.refused(GOOD.replace('name: "Bộ đàm", ', ""), "dòng 8", "equipment[1].name")
        self.refused(GOOD + "  - {code: x\n", "cú pháp YAML")
        self.refused(GOOD.replace("kind: loai-1", "kind: loai-1, kind: loai-2"), "lặp")

    def test_an_item_that_wards_hold_cannot_be_dropped(self):
        o_to = EquipmentItem.objects.get(province=self.province, code="may-in")
        Holding.objects.create(unit=self.ward, item=o_to, quantity=1)
        self.refused(GOOD, "may-in", "đặt số lượng 0")

    def test_the_command_loads_and_refuses(self):
        out = StringIO()
        call_command("load_norms", str(FILE), stdout=out)
        self.assertIn("13 hạng mục trang bị", out.getvalue())
        bad = self.settings_dir() / "sai.yaml"
        bad.write_text(GOOD.replace("living_m2: 500", "living_m2: -1"), "utf-8")
        with self.assertRaises(CommandError) as ctx:
            call_command("load_norms", str(bad))
        self.assertIn("không nạp gì", str(ctx.exception))
        self.assertIn("land[0].living_m2", str(ctx.exception))
        with self.assertRaises(CommandError):
            call_command("load_norms", str(self.settings_dir() / "khong-co.yaml"))

    def settings_dir(self):
        import tempfile
        from pathlib import Path

        d = Path(tempfile.mkdtemp())
        self.addCleanup(lambda: __import__("shutil").rmtree(d, ignore_errors=True))
        return d
