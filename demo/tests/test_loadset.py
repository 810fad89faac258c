"""The load test's write check (demo/loadset.py): it passes only when every acknowledged save is stored once."""

from assessments import services
from assessments.models import Assessment
from assessments.tests.helpers import GOOD, GOOD_PREV
from audit.models import AuditEvent
from demo import loadset
from kieumau.testing import BaseTestCase


class WriteCheckTests(BaseTestCase):
    YEAR = 2025

    def save(self, value: bool) -> None:
        data = {k: ("true" if v else "false") if isinstance(v, bool) else str(v) for k, v in GOOD.items()}
        data["dang_bo_phuong_htxs"] = "true" if value else "false"
        revision = Assessment.objects.filter(unit=self.ward, year=self.YEAR).values_list("revision", flat=True).first() or 0
        prev = {k: str(v) for k, v in GOOD_PREV.items()}
        assert services.save_figures(self.ward, self.YEAR, data, prev, self.officer, revision=revision).ok

    def plan(self):
        self.save(True)  # the ward's assessment exists before the load starts
        start = Assessment.objects.get(unit=self.ward, year=self.YEAR).revision
        audit_start = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first()
        return {"year": self.YEAR, "audit_start": audit_start,
                "writers": [{"username": "w1", "unit": self.ward.pk, "name": self.ward.name, "start_revision": start}]}

    def test_every_acknowledged_save_stored_once_passes(self):
        plan = self.plan()
        for value in (False, True, False):
            self.save(value)
        self.assertEqual(loadset.check(plan, {"w1": {"count": 3, "field": "dang_bo_phuong_htxs", "value": "false"}}), [])

    def test_a_lost_save_is_named(self):
        plan = self.plan()
        self.save(False)
        problems = loadset.check(plan, {"w1": {"count": 2, "field": "dang_bo_phuong_htxs", "value": "true"}})
        self.assertEqual(len(problems), 3)  # the revision, the audit rows and the value disagree
        self.assertIn("Phường Vĩnh Nguyên: 2 lần lưu được xác nhận nhưng phiên bản tăng 1", problems)

    def test_a_save_nobody_acknowledged_is_named(self):
        plan = self.plan()
        self.save(False)
        self.assertEqual(len(loadset.check(plan, {})), 2)
