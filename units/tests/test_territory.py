"""The land of a unit in a year, on a small made-up map: two provinces merged mid-year, a ward merged the year before."""

import datetime as dt

from django.test import TestCase

from kieumau.testing import make_unit
from units import territory
from units.models import Level, Lineage

D = dt.date
MERGE = D(2025, 7, 1)


class TerritoryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        edge = lambda a, b, day=MERGE, kind="merge": Lineage.objects.create(predecessor=a, successor=b, kind=kind, effective_date=day)  # noqa: E731
        cls.a = make_unit("1", "Tỉnh A", Level.PROVINCE, valid_until=MERGE)
        cls.b = make_unit("2", "Tỉnh B", Level.PROVINCE, valid_until=MERGE)
        cls.ab = make_unit("1", "Tỉnh A", Level.PROVINCE, valid_from=MERGE)
        cls.a1 = make_unit("11", "Phường A1", Level.COMMUNE, cls.a, valid_until=D(2024, 11, 1))
        cls.a2 = make_unit("12", "Phường A2", Level.COMMUNE, cls.a, valid_until=MERGE)
        cls.a3 = make_unit("13", "Xã A3", Level.COMMUNE, cls.a, kind="Xã", valid_until=MERGE)
        cls.b1 = make_unit("21", "Phường B1", Level.COMMUNE, cls.b, valid_until=MERGE)
        cls.n1 = make_unit("31", "Phường Mới", Level.COMMUNE, cls.ab, valid_from=MERGE)
        cls.n2 = make_unit("32", "Phường Đông", Level.COMMUNE, cls.ab, valid_from=MERGE)
        edge(cls.a1, cls.a2, D(2024, 11, 1))
        edge(cls.a2, cls.n1)
        edge(cls.a3, cls.n1)
        edge(cls.b1, cls.n2)
        for old in (cls.a, cls.b):
            edge(old, cls.ab)

    def names(self, units):
        return [u.name for u in units]

    def test_a_province_formed_later_reads_its_land_back_through_lineage_grouped_by_the_provinces_of_then(self):
        land = territory.year_land(self.ab, 2023)
        self.assertEqual(self.names(land.wards), ["Phường A1", "Phường A2", "Phường B1"])  # the commune (xã) is not a ward
        self.assertTrue(land.spans_provinces)
        self.assertEqual([land.group_of(w).pk for w in land.wards], [self.a.pk, self.a.pk, self.b.pk])
        land = territory.year_land(self.ab, 2024)
        self.assertEqual((self.names(land.wards), self.names(land.ended)), (["Phường A2", "Phường B1"], ["Phường A1"]))

    def test_the_year_of_the_change_is_the_new_map_and_the_old_wards_ended_during_it(self):
        land = territory.year_land(self.ab, 2025)
        self.assertEqual(self.names(land.wards), ["Phường Đông", "Phường Mới"])  # Vietnamese order: Đ after D, before M
        self.assertEqual(self.names(land.ended), ["Phường A2", "Phường B1"])
        self.assertFalse(land.spans_provinces)

    def test_an_ended_province_reads_forward_onto_the_wards_its_own_became_only(self):
        land = territory.year_land(self.a, 2026)
        self.assertEqual(self.names(land.wards), ["Phường Mới"])  # not B's successor
        self.assertTrue(land.spans_provinces)  # the land now lies in another province
        self.assertEqual(territory.ward_count(self.a, 2023), 2)
        self.assertEqual(territory.ward_count(self.a, 2030), 1)

    def test_history_ids_and_the_multi_year_land(self):
        self.assertEqual(territory.history_ids(self.a), {u.pk for u in (self.a1, self.a2, self.a3, self.n1)})
        land = territory.Land(self.a, 2023, 2026)
        self.assertEqual({y: self.names(land.wards_at(y)) for y in (2023, 2024, 2025)},
                         {2023: ["Phường A1", "Phường A2"], 2024: ["Phường A2"], 2025: ["Phường Mới"]})

    def test_dated_names_tell_same_named_provinces_apart(self):
        self.assertEqual((territory.display_name(self.a), territory.display_name(self.ab)), ("Tỉnh A (đến 30/06/2025)", "Tỉnh A"))
        self.assertEqual(str(self.a), "Tỉnh A (đến 30/06/2025)")
