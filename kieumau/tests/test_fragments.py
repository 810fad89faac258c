"""Fragments are kept per land: a save in one province leaves another's pages in the cache, never a stale one."""

import datetime as dt
import time
from unittest import mock

from django.db import connection
from django.test import TestCase, TransactionTestCase

from audit.models import DataVersion, record
from kieumau import fragments
from kieumau.testing import make_unit
from units.models import Level, Lineage


class LandVersionTests(TestCase):
    def setUp(self):
        self.a = make_unit("91", "Tỉnh A", Level.PROVINCE)
        self.b = make_unit("92", "Tỉnh B", Level.PROVINCE)
        self.ward_a = make_unit("91001", "Phường A1", Level.COMMUNE, self.a)
        self.builds = []

    def page(self, province):
        def build():
            self.builds.append(province.code)
            return f"trang {province.code} #{len(self.builds)}"

        return fragments.cached("test", (province.pk,), build, roots=fragments.family(province))

    def test_a_save_rebuilds_its_own_province_only(self):
        first_a, first_b = self.page(self.a), self.page(self.b)
        self.assertEqual((self.page(self.a), self.page(self.b)), (first_a, first_b))  # kept
        record(None, "test.saved", self.ward_a, unit=self.ward_a)
        self.assertNotEqual(self.page(self.a), first_a)
        self.assertEqual(self.page(self.b), first_b)  # another province's save: B's page stays
        self.assertEqual(self.builds, ["91", "92", "91"])

    def test_an_event_naming_no_unit_rebuilds_every_province(self):
        first_a, first_b = self.page(self.a), self.page(self.b)
        record(None, "test.framework_changed", self.a)  # no unit: a framework, an import, a reorganization
        self.assertNotEqual(self.page(self.a), first_a)
        self.assertNotEqual(self.page(self.b), first_b)

    def test_provinces_linked_by_lineage_share_their_events(self):
        new = make_unit("93", "Tỉnh Mới", Level.PROVINCE, valid_from=dt.date(2025, 7, 1))
        ward_new = make_unit("93001", "Phường Mới", Level.COMMUNE, new, valid_from=dt.date(2025, 7, 1))
        Lineage.objects.create(predecessor=self.ward_a, successor=ward_new, kind=Lineage.Kind.MERGE,
                               effective_date=dt.date(2025, 7, 1))
        record(None, "units.reorganized", Lineage)  # as units/reorg.py does: the families are computed again
        self.assertEqual(fragments.family(self.a), {self.a.pk, new.pk})
        self.assertEqual(fragments.family(self.b), {self.b.pk})
        first_a = self.page(self.a)
        record(None, "test.saved", ward_new, unit=ward_new)  # a save on the new map moves the old province's land
        self.assertNotEqual(self.page(self.a), first_a)

    def test_versions_move_with_the_events_of_each_land(self):
        record(None, "test.saved", self.ward_a, unit=self.ward_a)
        e = record(None, "test.saved", self.b, unit=self.b)
        self.assertEqual(DataVersion.objects.get(root=self.b.pk).last_id, e.pk)
        self.assertLess(DataVersion.objects.get(root=self.a.pk).last_id, e.pk)


class OneBuilderTests(TransactionTestCase):  # committed rows: the threads' own connections must see the province
    def test_a_request_waits_for_the_fragment_another_is_building_instead_of_building_it_too(self):
        import threading

        from django.core.cache import cache

        province = make_unit("94", "Tỉnh C", Level.PROVINCE)
        started, release, builds = threading.Event(), threading.Event(), []

        def slow():
            builds.append("slow")
            started.set()
            release.wait(5)
            return "trang"

        results = []

        def ask(build):
            try:
                results.append(fragments.cached("one", (1,), build, roots={province.pk}))
            finally:
                connection.close()  # a thread's own connection (PostgreSQL): closed, or the test database stays busy

        first = threading.Thread(target=ask, args=(slow,))
        first.start()
        started.wait(5)
        # the key the first request is building under: the second asks for the same one and must not build
        waiter = threading.Thread(target=ask, args=(lambda: builds.append("again") or "x",))
        waiter.start()
        time.sleep(0.3)  # the waiter is now polling for the fragment
        release.set()
        first.join(5)
        waiter.join(5)
        self.assertEqual(builds, ["slow"])
        self.assertEqual(results, ["trang", "trang"])
        self.assertFalse([k for k in getattr(cache, "_cache", {}) if str(k).endswith(":building")])


class UnitVersionTests(TestCase):
    """A ward's own page moves with the events of the ward, the units above it, its lineage, and events naming none."""

    def setUp(self):
        self.province = make_unit("91", "Tỉnh A", Level.PROVINCE)
        self.district = make_unit("911", "Huyện A", Level.DISTRICT, self.province)
        self.ward = make_unit("91001", "Phường A1", Level.COMMUNE, self.district)
        self.sibling = make_unit("91002", "Phường A2", Level.COMMUNE, self.district)
        self.before = make_unit("91003", "Phường Cũ", Level.COMMUNE, self.district, valid_until=dt.date(2025, 7, 1))
        Lineage.objects.create(predecessor=self.before, successor=self.ward, kind=Lineage.Kind.MERGE,
                               effective_date=dt.date(2025, 7, 1))

    def moved_by(self, unit) -> bool:
        before = fragments.unit_versions(self.ward)[0]
        record(None, "test.saved", unit or self.province, unit=unit)
        return fragments.unit_versions(self.ward)[0] != before

    def test_its_own_events_those_above_and_those_of_its_lineage_move_it(self):
        for unit in (self.ward, self.district, self.province, self.before, None):
            with self.subTest(unit=unit):
                self.assertTrue(self.moved_by(unit))

    def test_a_sibling_ward_and_another_province_leave_it(self):
        other = make_unit("92", "Tỉnh B", Level.PROVINCE)
        self.assertFalse(self.moved_by(self.sibling))
        self.assertFalse(self.moved_by(other))

    def test_its_whole_lineage_moves_it_two_steps_back_and_the_siblings_of_a_split(self):
        older = make_unit("91004", "Phường Xưa", Level.COMMUNE, self.district, valid_until=dt.date(2024, 11, 1))
        twin = make_unit("91005", "Phường Tách", Level.COMMUNE, self.district)
        Lineage.objects.create(predecessor=older, successor=self.before, kind=Lineage.Kind.MERGE,
                               effective_date=dt.date(2024, 11, 1))
        Lineage.objects.create(predecessor=self.before, successor=twin, kind=Lineage.Kind.SPLIT,
                               effective_date=dt.date(2025, 7, 1))
        record(None, "units.reorganized", Lineage)  # as every reorganization does: lineage is read again
        self.assertTrue(self.moved_by(older))  # a recognition earned two reorganizations ago, revoked today
        self.assertTrue(self.moved_by(twin))  # the title's holder after a split may be the other half

    def test_the_version_names_the_newest_event_and_its_digest(self):
        e = record(None, "test.saved", self.ward, unit=self.ward)
        self.assertEqual(fragments.unit_versions(self.ward)[0], f"{e.pk}:{e.digest[:16]}")
        self.assertNotEqual(fragments.unit_versions(self.sibling)[0], fragments.unit_versions(self.ward)[0])


    def test_figures_saved_move_the_first_version_only(self):
        """The scorecard's history and registers' panels are kept under the second (assessments.views.scorecard)."""
        figures, others = fragments.unit_versions(self.ward)
        e = record(None, fragments.FIGURES_SAVED, self.ward, unit=self.ward)
        self.assertEqual(fragments.unit_versions(self.ward), (f"{e.pk}:{e.digest[:16]}", others))
        for unit in (self.ward, self.district, self.before, None):  # every other event moves both
            with self.subTest(unit=unit):
                e = record(None, "resources.saved", unit or self.province, unit=unit)
                self.assertEqual(fragments.unit_versions(self.ward), (f"{e.pk}:{e.digest[:16]}",) * 2)
        record(None, fragments.FIGURES_SAVED, self.sibling, unit=self.sibling)
        self.assertEqual(fragments.unit_versions(self.ward), (f"{e.pk}:{e.digest[:16]}",) * 2)

    def test_a_ward_with_figures_saved_only(self):
        e = record(None, fragments.FIGURES_SAVED, self.ward, unit=self.ward)
        DataVersion.objects.filter(root=0).delete()  # no event naming no unit yet
        self.assertEqual(fragments.unit_versions(self.ward), (f"{e.pk}:{e.digest[:16]}", "0"))


class MapVersionTests(TestCase):
    """The map's version is read once a request, and again after the request itself moved it."""

    def setUp(self):
        record(None, "units.reorganized", Lineage)
        fragments._request_started()
        self.addCleanup(fragments._request_finished)

    def test_read_once_a_request(self):
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as reads:
            first = [fragments.map_version() for _ in range(3)]
        self.assertEqual((len(reads), len(set(first))), (1, 1))

    def test_a_reorganization_made_by_the_request_is_seen_in_it(self):
        before = fragments.map_version()
        e = record(None, "units.reorganized", Lineage)
        self.assertNotEqual(fragments.map_version(), before)
        self.assertTrue(fragments.map_version().startswith(f"0:{e.pk}@"))

    def test_a_fragment_built_on_the_map_a_request_read_is_not_served_after_the_map_changed(self):
        """Another process reorganizes while this request builds: the fragment is filed under the map it was built on."""
        fragments.map_version()  # read at the request's start (the scope reads it first)
        DataVersion.objects.filter(root=0).update(last_id=10**9)  # another process's reorganization, committed
        self.assertEqual(fragments.cached("test", (), lambda: "the old map", roots=(91,)), "the old map")
        fragments._request_finished()
        fragments._request_started()
        self.assertEqual(fragments.cached("test", (), lambda: "the new map", roots=(91,)), "the new map")

    def test_outside_a_request_it_is_read_every_time(self):
        fragments._request_finished()
        before = fragments.map_version()
        DataVersion.objects.filter(root=0).update(last_id=10**9)  # as another process would
        self.assertNotEqual(fragments.map_version(), before)


class FrozenValueTests(TestCase):
    """A value no reader can change is also kept in this process's memory, under the same map version."""

    def setUp(self):
        record(None, "units.reorganized", Lineage)
        self.walks = 0

    def walk(self):
        self.walks += 1
        return frozenset({self.walks})

    def test_kept_in_memory_until_the_map_changes(self):
        first = fragments.until_the_map_changes("test-walk", self.walk, frozen=True)
        with mock.patch.object(fragments.cache, "get", side_effect=AssertionError("the shared cache was read")):
            self.assertIs(fragments.until_the_map_changes("test-walk", self.walk, frozen=True), first)
        record(None, "units.reorganized", Lineage)  # another reorganization: the map's version moves
        self.assertEqual(fragments.until_the_map_changes("test-walk", self.walk, frozen=True), frozenset({2}))
        self.assertEqual(self.walks, 2)

    def test_another_process_sees_the_shared_value(self):
        first = fragments.until_the_map_changes("test-walk", self.walk, frozen=True)
        fragments.forget_frozen()  # as a process that never read it
        self.assertEqual(fragments.until_the_map_changes("test-walk", self.walk, frozen=True), first)
        self.assertEqual(self.walks, 1)

    def test_a_value_readers_may_change_is_a_fresh_copy_each_time(self):
        first = fragments.until_the_map_changes("test-list", lambda: [1, 2])
        first.append(3)
        self.assertEqual(fragments.until_the_map_changes("test-list", lambda: [9]), [1, 2])


class CsrfMarkTests(TestCase):
    def test_the_mark_is_put_back_as_the_readers_token(self):
        from django.test import RequestFactory

        request = RequestFactory().get("/")
        html = f'<input name="csrfmiddlewaretoken" value="{fragments.csrf_mark()}">'
        served = fragments.with_csrf(html, request)
        self.assertNotIn(fragments.csrf_mark(), served)
        self.assertIn('value="', served)
        self.assertEqual(fragments.with_csrf("<p>không có biểu mẫu</p>", request), "<p>không có biểu mẫu</p>")


class ReleaseTests(TestCase):
    def test_a_changed_template_or_module_changes_the_release_and_so_every_key(self):
        import tempfile
        from pathlib import Path

        from django.test import override_settings

        with tempfile.TemporaryDirectory() as base:
            app = Path(base) / "app"
            app.mkdir()
            (app / "__init__.py").write_text("")
            (app / "views.py").write_text("A = 1\n")
            templates = Path(base) / "templates"
            templates.mkdir()
            (templates / "page.html").write_text("<p>một</p>")

            def release():
                fragments.release.cache_clear()
                with override_settings(BASE_DIR=Path(base), LOCALE_PATHS=[],
                                       TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates",
                                                   "DIRS": [templates]}]):
                    return fragments.release()

            first = release()
            self.assertEqual(release(), first)  # the same code: the same release
            (templates / "page.html").write_text("<p>hai</p>")
            second = release()
            self.assertNotEqual(second, first)
            (app / "views.py").write_text("A = 2\n")
            self.assertNotEqual(release(), second)
        fragments.release.cache_clear()
