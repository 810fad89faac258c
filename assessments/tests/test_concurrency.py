"""Two people save the same assessment at the same moment: the second is told what changed; nothing is lost.

Real concurrency needs a database with row locks and concurrent writers, so this runs on PostgreSQL
(.ci/run's second pass); on SQLite the sequential version in test_services covers the same rule.
"""

import threading
import unittest

from django.db import connection, connections
from django.test import TransactionTestCase

from assessments import services
from assessments.models import Assessment
from frameworks.registry import DATA_DIR, load_file
from kieumau.testing import make_unit
from units.models import Level

from .helpers import form_data


@unittest.skipUnless(connection.vendor == "postgresql", "needs PostgreSQL row locks; runs in the PostgreSQL pass of .ci/run")
class ConcurrentSaveTests(TransactionTestCase):
    def test_the_second_of_two_simultaneous_saves_gets_a_conflict_with_the_changes(self):
        load_file(DATA_DIR / "bca-5764-2021.yaml")
        province = make_unit("56", "Tỉnh Khánh Hòa", Level.PROVINCE)
        ward = make_unit("22375", "Phường Vĩnh Nguyên", Level.COMMUNE, make_unit("568", "TP Nha Trang", Level.DISTRICT, province))
        data = form_data()
        values = {k: v for k, v in data.items() if not k.startswith("prev_")}
        prev = {k[5:]: v for k, v in data.items() if k.startswith("prev_")}
        assert services.save_figures(ward, 2025, values, prev, None, revision=0).ok
        revision = Assessment.objects.get().revision

        barrier = threading.Barrier(2)
        outcomes = {}

        def save(name, code, value):
            try:
                barrier.wait(timeout=10)
                outcomes[name] = services.save_figures(ward, 2025, {**values, code: value}, prev, None, revision=revision)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=save, args=("a", "so_don_ton_dong", "2")),
                   threading.Thread(target=save, args=("b", "so_luot_khen_thuong", "5"))]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=30)
        ok = [n for n, o in outcomes.items() if o.ok]
        failed = [n for n, o in outcomes.items() if not o.ok]
        self.assertEqual((len(ok), len(failed)), (1, 1), outcomes)
        winner, loser = ok[0], failed[0]
        message = outcomes[loser].errors["__all__"]
        self.assertIn("Người khác đã lưu", message)
        expected = "«Số đơn thư tồn đọng, kéo dài» 0 → 2" if winner == "a" else "«Số lượt tập thể, cá nhân được khen thưởng trong phong trào» 1 → 5"
        self.assertIn(expected, message)
        saved = Assessment.objects.get().values
        self.assertEqual((saved["so_don_ton_dong"], saved["so_luot_khen_thuong"]), (2, 1) if winner == "a" else (0, 5))
