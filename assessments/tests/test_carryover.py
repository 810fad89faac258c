"""The carry-over rule: the ward that took over the land holds the title, once per ward, until it is revoked."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from assessments import recognition
from assessments.models import Assessment, Recognition, RecognitionReview
from frameworks.models import Framework
from kieumau.testing import BaseTestCase, make_unit
from units.models import Level, Lineage

MERGE = dt.date(2025, 7, 1)


@override_settings(MEDIA_ROOT="/tmp/kieumau-test-media")
class CarryOverTests(BaseTestCase):
    def recognize(self, unit, year):
        a = Assessment.objects.create(unit=unit, year=year, framework=Framework.objects.get(), status="recognized")
        return Recognition.objects.create(assessment=a, unit=unit, year=year, decision_number=f"{year}/QĐ", decision_date=dt.date(year, 12, 20),
                                          signer="A", decision_file=SimpleUploadedFile("q.pdf", b"%PDF"), recognized_by=self.approver)

    def setUp(self):
        self.old1 = make_unit("901", "Phường Cũ Một", Level.COMMUNE, self.city, valid_until=MERGE)
        self.old2 = make_unit("902", "Phường Cũ Hai", Level.COMMUNE, self.city, valid_until=MERGE)
        self.split = make_unit("903", "Phường Bị Chia", Level.COMMUNE, self.city, valid_until=MERGE)
        self.merged = make_unit("911", "Phường Hợp Nhất", Level.COMMUNE, self.city, valid_from=MERGE)
        self.part = make_unit("912", "Phường Nhận Một Phần", Level.COMMUNE, self.city, valid_from=MERGE)
        for old in (self.old1, self.old2):
            Lineage.objects.create(predecessor=old, successor=self.merged, kind="merge", effective_date=MERGE)
        Lineage.objects.create(predecessor=self.split, successor=self.part, kind="split", effective_date=MERGE, is_default_successor=False)
        Lineage.objects.create(predecessor=self.split, successor=self.merged, kind="split", effective_date=MERGE, is_default_successor=True)
        self.r1, self.r2, self.r3 = self.recognize(self.old1, 2023), self.recognize(self.old2, 2024), self.recognize(self.split, 2024)

    def recs(self):
        return recognition.for_land([self.old1.pk, self.old2.pk, self.split.pk])

    def test_before_the_change_each_ward_holds_its_own(self):
        held = {h.recognition.pk: h for h in recognition.holdings(self.recs(), 2024)}
        self.assertEqual((held[self.r1.pk].holder, held[self.r1.pk].carried), (self.old1, False))
        self.assertEqual(recognition.held_wards(self.recs(), 2023, {self.old1.pk, self.old2.pk}), {self.old1.pk})

    def test_after_the_change_the_ward_that_took_over_carries_them_and_counts_once(self):
        held = recognition.holdings(self.recs(), 2025)
        self.assertEqual({h.holder.pk for h in held}, {self.merged.pk})  # the merger, and the divided ward's default successor
        self.assertTrue(all(h.carried and h.standing for h in held))
        self.assertEqual(recognition.held_wards(self.recs(), 2025, {self.merged.pk, self.part.pk}), {self.merged.pk})

    def test_a_revoked_title_stops_counting_from_its_year(self):
        RecognitionReview.objects.create(recognition=self.r1, year=2026, outcome="revoked", reason="x", reviewed_by=self.approver)
        RecognitionReview.objects.create(recognition=self.r2, year=2026, outcome="revoked", reason="x", reviewed_by=self.approver)
        RecognitionReview.objects.create(recognition=self.r3, year=2026, outcome="revoked", reason="x", reviewed_by=self.approver)
        self.assertEqual(recognition.held_wards(self.recs(), 2025, {self.merged.pk}), {self.merged.pk})
        self.assertEqual(recognition.held_wards(self.recs(), 2026, {self.merged.pk}), set())

    def test_a_title_is_not_held_before_its_year_nor_by_a_ward_without_successor(self):
        lone = make_unit("904", "Phường Không Kế Thừa", Level.COMMUNE, self.city, valid_until=MERGE)
        r = self.recognize(lone, 2024)
        h2023, h2026 = recognition.holdings([r], 2023)[0], recognition.holdings([r], 2026)[0]
        self.assertIsNone(h2023.holder)
        self.assertIsNone(h2026.holder)
        self.assertFalse(h2026.standing)
