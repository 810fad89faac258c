"""The units contract: a code names a unit only with a day. Khánh Hòa's 56 and a ward's code reused on 1/7/2025."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from accounts.models import Role, RoleAssignment
from api import tokens
from kieumau.testing import FixedNow, make_unit
from audit.models import record
from units.models import Level, Lineage, Unit

from .base import API

REFORM = dt.date(2025, 7, 1)


def edge(before, after):
    Lineage.objects.create(predecessor=before, successor=after, kind=Lineage.Kind.MERGE, effective_date=REFORM)


class UnitsContractTests(FixedNow, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.old_kh = make_unit("56", "Tỉnh Khánh Hòa", Level.PROVINCE, valid_until=REFORM)
        cls.ninh_thuan = make_unit("58", "Tỉnh Ninh Thuận", Level.PROVINCE, valid_until=REFORM)
        cls.city = make_unit("568", "Thành phố Nha Trang", Level.DISTRICT, cls.old_kh, valid_until=REFORM)
        cls.vinh_nguyen = make_unit("22375", "Phường Vĩnh Nguyên", Level.COMMUNE, cls.city, valid_until=REFORM)
        cls.phuoc_long = make_unit("22378", "Phường Phước Long", Level.COMMUNE, cls.city, valid_until=REFORM)
        cls.new_kh = make_unit("56", "Tỉnh Khánh Hòa", Level.PROVINCE, valid_from=REFORM)
        cls.nam_nha_trang = make_unit("22375", "Phường Nam Nha Trang", Level.COMMUNE, cls.new_kh, valid_from=REFORM)
        cls.binh_duong = make_unit("74", "Tỉnh Bình Dương", Level.PROVINCE, valid_until=REFORM)
        edge(cls.old_kh, cls.new_kh)
        edge(cls.ninh_thuan, cls.new_kh)
        edge(cls.vinh_nguyen, cls.nam_nha_trang)
        edge(cls.phuoc_long, cls.nam_nha_trang)
        users = get_user_model().objects
        cls.ministry = users.create_user("ministry")
        RoleAssignment.objects.create(user=cls.ministry, role=Role.MINISTRY)
        cls.staff = users.create_user("pv01.khanhhoa")
        RoleAssignment.objects.create(user=cls.staff, unit=cls.new_kh, role=Role.PROGRAM_STAFF)
        cls.outsider = users.create_user("pv01.binhduong")
        RoleAssignment.objects.create(user=cls.outsider, unit=cls.binh_duong, role=Role.PROGRAM_STAFF)
        cls.officer = users.create_user("officer.namnhatrang")
        RoleAssignment.objects.create(user=cls.officer, unit=cls.nam_nha_trang, role=Role.WARD_OFFICER)

    def get(self, path, user=None):
        token = tokens.create(user or self.ministry, "t")[1]
        return self.client.get(API + path, HTTP_AUTHORIZATION=f"Bearer {token}")

    def test_the_province_code_on_each_side_of_the_reform(self):
        old = self.get("/units/56?at=2025-06-30").json()
        self.assertEqual(old, {**old, "code": "56", "name": "Tỉnh Khánh Hòa", "level": "province", "valid_from": None,
                               "valid_to": "2025-06-30", "parent": None, "predecessors": [], "successors": ["56"]})
        self.assertEqual(old["successor_units"][0]["valid_from"], "2025-07-01")
        new = self.get("/units/56?at=2025-07-01").json()
        self.assertEqual(new, {**new, "code": "56", "level": "province", "valid_from": "2025-07-01", "valid_to": None,
                               "parent": None, "predecessors": ["56", "58"], "successors": []})
        self.assertEqual(self.get("/units/56").json(), new)  # today (23/11/2026)
        self.assertEqual(self.get("/units/56?at=1990-01-01").json(), old)  # no first day known: it always existed
        self.assertEqual(self.get("/units/58?at=2025-07-01").status_code, 404)
        self.assertEqual(self.get("/units/56?at=2025-07-01&level=commune").status_code, 404)

    def test_a_ward_code_reused_by_the_ward_that_absorbed_it(self):
        old = self.get("/units/22375?at=2024-12-31").json()
        self.assertEqual(old, {**old, "name": "Phường Vĩnh Nguyên", "level": "commune", "valid_from": None,
                               "valid_to": "2025-06-30", "parent": "568", "predecessors": [], "successors": ["22375"]})
        new = self.get("/units/22375?at=2026-01-01").json()
        self.assertEqual(new, {**new, "name": "Phường Nam Nha Trang", "valid_from": "2025-07-01", "valid_to": None,
                               "parent": "56", "predecessors": ["22375", "22378"], "successors": []})
        self.assertEqual({u["name"] for u in new["predecessor_units"]}, {"Phường Vĩnh Nguyên", "Phường Phước Long"})
        self.assertEqual(self.get("/units/22378?at=2026-01-01").status_code, 404)
        self.assertEqual(self.get("/units/99999").status_code, 404)

    def test_the_units_of_a_province_on_a_day(self):
        before = self.get("/units?province=56&at=2024-01-01").json()
        self.assertEqual([(u["code"], u["name"], u["parent"]) for u in before["items"]],
                         [("568", "Thành phố Nha Trang", "56"), ("22375", "Phường Vĩnh Nguyên", "568"),
                          ("22378", "Phường Phước Long", "568")])
        self.assertEqual((before["count"], before["next"]), (3, None))
        after = self.get("/units?province=56&at=2026-01-01").json()
        self.assertEqual([(u["code"], u["name"]) for u in after["items"]], [("22375", "Phường Nam Nha Trang")])
        communes = self.get("/units?province=56&at=2024-01-01&level=commune").json()
        self.assertEqual(communes["count"], 2)
        self.assertEqual(self.get("/units?province=58&at=2026-01-01").status_code, 404)

    def test_paging_follows_next(self):
        first = self.get("/units?province=56&at=2024-01-01&limit=2").json()
        self.assertEqual((first["count"], len(first["items"]), first["limit"], first["offset"]), (3, 2, 2, 0))
        self.assertIn("offset=2", first["next"])
        second = self.get(first["next"].split("/api/v1", 1)[1]).json()
        self.assertEqual(([u["code"] for u in second["items"]], second["next"]), (["22378"], None))
        past = self.get("/units?province=56&at=2024-01-01&offset=10").json()
        self.assertEqual((past["items"], past["count"]), ([], 3))

    def test_bad_input_is_422_naming_the_field(self):
        for query in ("at=2025-02-30", "at=20250101", "at=1735689600", "at=hôm-nay", "limit=0", "limit=201", "offset=-1"):
            r = self.get(f"/units?province=56&{query}")
            self.assertEqual(r.status_code, 422, query)
            item = r.json()["detail"][0]
            self.assertEqual((item["field"], item["location"]), (query.split("=")[0], "query"))
            self.assertTrue(item["message"])
        r = self.get("/units")
        self.assertEqual(r.json()["detail"][0]["field"], "province")
        self.assertEqual(self.get("/units/56?at=2025-13-01").json()["detail"][0]["field"], "at")

    def test_scope_history_for_the_new_province_nothing_for_others(self):
        self.assertEqual(self.get("/units/56?at=2024-01-01", self.staff).status_code, 200)  # its land's history
        self.assertEqual(self.get("/units/58?at=2024-01-01", self.staff).status_code, 200)
        self.assertEqual(self.get("/units?province=56&at=2024-01-01", self.staff).json()["count"], 3)
        for path in ("/units/56", "/units/56?at=2024-01-01", "/units/22375", "/units?province=56"):
            self.assertEqual(self.get(path, self.outsider).status_code, 404, path)
        self.assertEqual(self.get("/units/22375", self.officer).status_code, 200)
        self.assertEqual(self.get("/units/22375?at=2024-01-01", self.officer).status_code, 200)  # what it was formed from
        self.assertEqual(self.get("/units/56", self.officer).status_code, 404)
        listed = self.get("/units?province=56", self.officer).json()
        self.assertEqual([u["code"] for u in listed["items"]], ["22375"])

    def test_a_page_costs_the_same_queries_whatever_its_size(self):
        for n in range(30):
            ward = make_unit(f"3{n:04d}", f"Phường {n}", Level.COMMUNE, self.new_kh, valid_from=REFORM)
            edge(self.phuoc_long, ward)
        counts = []
        for limit in (2, 25):
            token = tokens.create(self.staff, "t")[1]  # a fresh one each time: its first use is recorded (one query)
            with CaptureQueriesContext(connection) as queries:
                r = self.client.get(f"{API}/units?province=56&limit={limit}", HTTP_AUTHORIZATION=f"Bearer {token}")
            self.assertEqual(len(r.json()["items"]), limit)
            counts.append(len(queries))
        self.assertEqual(counts[0], counts[1])
        self.assertLessEqual(counts[0], 12)

    def test_codes_are_checked_before_any_query(self):
        # a NUL byte reached PostgreSQL (which refuses it: a server error) before codes had a pattern
        for path in ("/units/a%00b", "/units?province=%00", "/units/" + "9" * 11):
            r = self.get(path)
            self.assertEqual(r.status_code, 422, path)
            self.assertIn(r.json()["detail"][0]["field"], ("code", "province"))

    def test_a_kept_page_follows_the_map_and_the_reader(self):
        """The units of a province are kept until the map changes (api/units_api.py), per what the reader may see."""
        path = "/units?province=56&at=2025-07-01&limit=1"
        first = self.get(path).json()
        self.assertEqual([i["name"] for i in first["items"]], ["Phường Nam Nha Trang"])
        self.assertIsNone(first["next"])
        # a ward added and renamed as the importer does it: one event naming no unit moves the map's version
        self.nam_nha_trang.name = "Phường Nam Nha Trang (mới)"
        self.nam_nha_trang.save()
        added = make_unit("22400", "Phường Bắc Nha Trang", Level.COMMUNE, self.new_kh, valid_from=REFORM)
        with transaction.atomic():
            record(None, "units.imported", Unit, data={"source": "test"})
        again = self.get(path).json()
        self.assertEqual([i["name"] for i in again["items"]], ["Phường Nam Nha Trang (mới)"])
        self.assertEqual(again["count"], 2)
        self.assertIn("offset=1", again["next"])  # the link is this request's own, not the kept page's
        # the ward's officer sees his ward only, though the Ministry's wider page is kept under the same map
        # (both tokens made first: making one is an event naming no unit, which would move the map's version)
        everything = "/units?province=56&at=2025-07-01"
        ministry, officer = tokens.create(self.ministry, "t")[1], tokens.create(self.officer, "t")[1]
        self.assertEqual(self.client.get(API + everything, HTTP_AUTHORIZATION=f"Bearer {ministry}").json()["count"], 2)
        mine = self.client.get(API + everything, HTTP_AUTHORIZATION=f"Bearer {officer}").json()
        self.assertEqual([i["code"] for i in mine["items"]], ["22375"])
        self.assertNotIn(added.code, [i["code"] for i in mine["items"]])
