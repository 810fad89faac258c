from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments import services
from assessments.models import Assessment
from kieumau.testing import PASSWORD, BaseTestCase, make_unit
from units.models import Level

from .helpers import GOOD, GOOD_PREV


class ProvinceMatrixTests(BaseTestCase):
    def setUp(self):
        self.client.login(username="staff", password=PASSWORD)
        self.url = reverse("province_matrix", args=[self.province.pk])

    def fill(self, ward, values=None):
        data = {k: ("true" if v else "false") if isinstance(v, bool) else str(v) for k, v in {**GOOD, **(values or {})}.items()}
        prev = {k: str(v) for k, v in GOOD_PREV.items()}
        assert services.save_figures(ward, 2025, data, prev, self.staff, revision=Assessment.objects.filter(unit=ward, year=2025).values_list("revision", flat=True).first() or 0).ok

    def test_it_works(self):
        self.fill(self.ward)
        self.fill(self.ward2, {"so_khu_dan_cu_van_hoa": 26})
        r = self.client.get(self.url, {"nam": 2025})
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "Phường Vĩnh Nguyên")
        self.assertContains(r, "<strong>1/2</strong> phường đạt chuẩn năm 2025", html=False)
        self.assertNotContains(r, "Xã Vĩnh Lương")  # the program is about wards (phường)
        self.assertNotContains(r, "Phường Cũ")  # not valid in 2025
        self.assertContains(r, '<td class="st st-fail"', count=1)

    def test_it_shows_units_as_they_were_in_a_past_year(self):
        import datetime as dt

        make_unit("22990", "Phường Đã Nhập", Level.COMMUNE, self.city, valid_until=dt.date(2024, 7, 1))
        self.assertContains(self.client.get(self.url, {"nam": 2023}), "Phường Đã Nhập")
        self.assertNotContains(self.client.get(self.url, {"nam": 2024}), "Phường Đã Nhập")  # ended before 31/12/2024
        self.assertNotContains(self.client.get(self.url, {"nam": 2023}), "Phường Cũ")  # ended in 2022

    def test_query_count_does_not_grow_with_the_number_of_wards(self):
        self.fill(self.ward)
        self.client.get(self.url, {"nam": 2025})  # the session's first request also records its checks
        cache.clear()  # measure the page made afresh, not the kept fragment
        with CaptureQueriesContext(connection) as few:
            self.client.get(self.url, {"nam": 2025})
        for i in range(15):
            w = make_unit(f"3{i:04d}", f"Phường Mới {i}", Level.COMMUNE, self.city)
            self.fill(w)
        cache.clear()
        with CaptureQueriesContext(connection) as many:
            r = self.client.get(self.url, {"nam": 2025})
        self.assertContains(r, "Phường Mới 14")
        self.assertEqual(len(few), len(many))
        # session, user, second factor, scope (+ its history and the map's version: the cache is empty), province,
        # the lineage of provinces and two data versions, map history, data, whether a program runs here
        self.assertLessEqual(len(many), 19)

    def test_the_kept_fragment_is_served_until_something_is_saved(self):
        self.fill(self.ward)
        self.client.get(self.url, {"nam": 2025})
        with CaptureQueriesContext(connection) as kept:
            r = self.client.get(self.url, {"nam": 2025})
        self.assertContains(r, "<strong>1/2</strong>", html=False)
        self.assertLessEqual(len(kept), 8)  # session, user, second factor, roles, the map's version, province, two data versions
        self.fill(self.ward2, {"so_khu_dan_cu_van_hoa": 26})  # a save anywhere moves the data version
        r = self.client.get(self.url, {"nam": 2025})
        self.assertContains(r, "<strong>1/2</strong> phường đạt chuẩn", html=False)
        self.assertContains(r, '<td class="st st-fail"', count=1)
        self.fill(self.ward2)
        self.assertContains(self.client.get(self.url, {"nam": 2025}), "<strong>2/2</strong>", html=False)

    def test_a_fragment_is_kept_per_visible_land(self):
        from accounts.scope import scope_for
        from kieumau.fragments import scope_key

        keys = {u.username: scope_key(scope_for(u)) for u in (self.staff, self.supervisor, self.officer, self.outsider)}
        self.assertEqual(len(set(keys.values())), 4)
        again = type(self.staff).objects.get(pk=self.staff.pk)  # a fresh user object: the scope is read again
        self.assertEqual(scope_key(scope_for(again)), keys["staff"])

    def test_it_404s_outside_scope(self):
        self.client.login(username="outsider", password=PASSWORD)
        self.assertEqual(self.client.get(self.url).status_code, 404)

    def test_it_404s_for_a_ward(self):
        self.assertEqual(self.client.get(reverse("province_matrix", args=[self.ward.pk])).status_code, 404)

    def test_read_only_roles_can_read(self):
        self.client.login(username="supervisor", password=PASSWORD)
        self.assertEqual(self.client.get(self.url).status_code, 200)

    def test_it_rejects_post(self):
        self.assertEqual(self.client.post(self.url).status_code, 405)

    def test_it_requires_login(self):
        self.client.logout()
        r = self.client.get(self.url)
        self.assertRedirects(r, reverse("login") + "?next=" + self.url)

    def test_a_bad_year_falls_back_to_the_current_one(self):
        self.fill(self.ward)
        for bad in ("abc", "2022", "2027", "9223372036854775808", "٢٠٢٥"):
            r = self.client.get(self.url, {"nam": bad})
            self.assertContains(r, "năm 2026", msg_prefix=bad)


class HomeTests(BaseTestCase):
    def test_a_single_province_goes_straight_to_its_matrix(self):
        self.client.login(username="staff", password=PASSWORD)
        self.assertRedirects(self.client.get(reverse("home")), reverse("province_matrix", args=[self.province.pk]))

    def test_it_lists_provinces_for_the_administrator(self):
        from django.contrib.auth import get_user_model

        get_user_model().objects.create_superuser("root", password=PASSWORD)
        self.client.login(username="root", password=PASSWORD)
        r = self.client.get(reverse("home"))
        self.assertContains(r, "Tỉnh Bình Dương")
        self.assertContains(r, "Tỉnh Khánh Hòa")
