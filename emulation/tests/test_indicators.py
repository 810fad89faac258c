"""TC14 and TC16 from the registers: the values, their year boundaries, nothing before 2026, the link to the rows, the
refresh of an editable assessment, and random registers against a direct recount."""

from __future__ import annotations

import datetime as dt
import inspect

from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from assessments.models import Assessment
from assessments.services import save_figures
from emulation import counts, services
from emulation.indicators import FROM_YEAR, Registers
from emulation.models import MassModel, ModelStatus, Reward
from frameworks import providers
from kieumau import clock

from .support import D, EmulationCase

CODES = ("so_mo_hinh_sang_tao", "so_khen_thuong_nhan_dan", "so_khen_thuong_can_bo_phuong", "so_mo_hinh_tu_quan",
         "so_mo_hinh_dan_van_kheo")


def at(day: dt.date):
    return clock.fixed_at(dt.datetime.combine(day, dt.time(10), dt.timezone(dt.timedelta(hours=7))))


class ProviderTest(EmulationCase):
    def values(self, year=2026, unit=None) -> dict:
        return {c: p.value for c, p in Registers().values(unit or self.ward, year).items()}

    def test_it_is_registered_below_the_assessments(self):
        self.assertTrue(set(CODES) <= providers.provided_codes())
        import assessments.derived as derived

        self.assertNotIn("emulation", inspect.getsource(derived))

    def test_it_provides_nothing_before_2026_or_for_a_future_year(self):
        self.assertEqual(FROM_YEAR, 2026)
        self.decided(on=D(2025, 6, 1), proposed_on=D(2025, 5, 1))
        self.assertEqual(Registers().values(self.ward, 2025), {})
        self.assertEqual(Registers().values(self.ward, 2027), {})
        # only the register the ward keeps: rewards, not models (a ward without models keeps its typed figures)
        self.assertEqual(set(Registers().values(self.ward, 2026)), {"so_khen_thuong_nhan_dan", "so_khen_thuong_can_bo_phuong"})

    def test_a_ward_that_keeps_neither_register_gets_nothing(self):
        self.assertEqual(Registers().values(self.ward, 2026), {})

    def test_rewards_count_by_decision_date_movement_and_recipient(self):
        self.decided(recipient_kind="citizen")
        self.decided(recipient_kind="collective")
        self.decided(recipient_kind="civil_guard")
        self.decided(recipient_kind="ward_official")
        self.decided(recipient_kind="police_officer", movement="model_ward")  # the emulation, not the movement
        self.propose(recipient_kind="ward_police")  # pending
        services.refuse(self.propose(recipient_kind="ward_police"), self.staff, reason="Chưa đủ tiêu chuẩn")
        self.decided(recipient_kind="citizen", unit=self.ward2, user=self.staff)  # another ward
        got = Registers().values(self.ward, 2026)
        self.assertEqual((got["so_khen_thuong_nhan_dan"].value, got["so_khen_thuong_can_bo_phuong"].value), (3, 1))
        self.assertEqual(got["so_khen_thuong_nhan_dan"].source, "Sổ khen thưởng")
        self.assertIn("3 cho Nhân dân", got["so_khen_thuong_nhan_dan"].detail)
        self.assertIn("1 đề nghị đang chờ", got["so_khen_thuong_nhan_dan"].detail)
        self.assertIn(f"/phong-trao/phuong/{self.ward.pk}/?nam=2026&trang-thai=decided&nhom=nhan-dan#khen-thuong",
                      got["so_khen_thuong_nhan_dan"].url)

    def test_a_reward_counts_in_the_year_of_its_decision(self):
        with at(D(2027, 2, 1)):
            self.decided(on=D(2026, 12, 31), proposed_on=D(2026, 12, 1))
            self.decided(on=D(2027, 1, 1), proposed_on=D(2026, 12, 2), recipient_kind="ward_police")
            self.assertEqual(self.values(2026)["so_khen_thuong_nhan_dan"], 1)
            self.assertEqual(self.values(2026)["so_khen_thuong_can_bo_phuong"], 0)
            self.assertEqual((self.values(2027)["so_khen_thuong_nhan_dan"], self.values(2027)["so_khen_thuong_can_bo_phuong"]), (0, 1))

    def test_models_effective_at_the_end_of_the_year(self):
        with at(D(2027, 3, 1)):
            a = self.model("self_managed", name="Tổ tự quản A")
            b = self.model("self_managed", name="Tổ tự quản B")
            c = self.model("dan_van_kheo", name="Dân vận khéo")
            services.change_status(a, self.officer, status="stopped", since=D(2026, 12, 31))  # stopped on the last day
            services.change_status(b, self.officer, status="stopped", since=D(2027, 1, 1))  # still working at the end of 2026
            services.change_status(c, self.officer, status="paused", since=D(2026, 8, 1))
            v = self.values(2026)
            self.assertEqual((v["so_mo_hinh_tu_quan"], v["so_mo_hinh_dan_van_kheo"]), (1, 0))
            self.assertEqual(self.values(2027)["so_mo_hinh_tu_quan"], 0)

    def test_current_year_counts_today(self):
        m = self.model("dan_van_kheo")
        self.assertEqual(self.values()["so_mo_hinh_dan_van_kheo"], 1)
        services.change_status(m, self.officer, status="paused", since=D(2026, 11, 23))
        self.assertEqual(self.values()["so_mo_hinh_dan_van_kheo"], 0)

    def test_creative_models_that_worked_at_any_time_of_the_year(self):
        with at(D(2027, 3, 1)):
            on_first = self.model("creative", name="Dừng ngày 1/1", started=D(2025, 2, 1))
            on_eve = self.model("creative", name="Dừng ngày 31/12", started=D(2025, 2, 1))
            self.model("creative", name="Bắt đầu 31/12", started=D(2026, 12, 31))
            self.model("creative", name="Bắt đầu 1/1 năm sau", started=D(2027, 1, 1))
            services.change_status(on_first, self.officer, status="stopped", since=D(2026, 1, 1))
            services.change_status(on_eve, self.officer, status="stopped", since=D(2025, 12, 31))
            self.assertEqual(self.values(2026)["so_mo_hinh_sang_tao"], 2)  # stopped on 1/1 and started on 31/12
            self.assertEqual(self.values(2027)["so_mo_hinh_sang_tao"], 2)  # started 31/12/2026 and 1/1/2027

    def test_register_writes_refresh_an_editable_assessment(self):
        a = save_figures(self.ward, 2026, {"so_mo_hinh_tu_quan": "5", "so_mo_hinh_dan_van_kheo": "3"}, {}, self.officer,
                         revision=0).assessment
        with self.captureOnCommitCallbacks(execute=True):
            self.model("self_managed")
        a = Assessment.objects.get(pk=a.pk)
        self.assertEqual((a.values["so_mo_hinh_tu_quan"], a.values["so_mo_hinh_dan_van_kheo"]), (1, 0))
        self.assertEqual(a.derived["so_mo_hinh_tu_quan"]["source"], "Sổ mô hình")

    def test_counted_day(self):
        self.assertEqual(counts.counted_day(2026, D(2026, 11, 23)), D(2026, 11, 23))
        self.assertEqual(counts.counted_day(2025, D(2026, 11, 23)), D(2025, 12, 31))
        self.assertIsNone(counts.counted_day(2027, D(2026, 11, 23)))


# Random registers against a direct recount


PEOPLE, CADRES = {"citizen", "civil_guard", "collective"}, {"ward_police", "police_officer", "ward_official"}
days = st.dates(min_value=D(2025, 11, 1), max_value=D(2027, 6, 30))
rewards = st.lists(st.tuples(st.sampled_from(["proposed", "decided", "refused"]), days,
                             st.sampled_from(sorted(PEOPLE | CADRES)), st.sampled_from(["security", "model_ward"]),
                             st.booleans()), max_size=12)
models = st.lists(st.tuples(st.sampled_from(["self_managed", "dan_van_kheo", "creative"]), days,
                            st.lists(st.tuples(st.integers(0, 300), st.sampled_from(["active", "paused", "stopped"])), max_size=3),
                            st.booleans()), max_size=8)


def recount_rewards(spec, year: int, ward_only=True) -> tuple[int, int]:
    mine = [s for s in spec if s[4]]  # True: the ward under test
    ok = [s for s in mine if s[0] == "decided" and s[1].year == year and s[3] == "security"]
    return sum(s[2] in PEOPLE for s in ok), sum(s[2] in CADRES for s in ok)


def history(start, steps) -> list:
    out, day = [(start, "active")], start
    for gap, status in steps:
        day = day + dt.timedelta(days=gap)
        out.append((day, status))
    return out


def recount_models(spec, year: int, day: dt.date) -> tuple[int, int, int]:
    first, last = D(year, 1, 1), D(year, 12, 31)
    creative = tuned = kheo = 0
    for kind, start, steps, mine in spec:
        if not mine:
            continue
        h = history(start, steps)
        if kind == "creative":
            # a segment that is not "stopped" lasts from its day to the next change's day (inclusive)
            creative += any(s != "stopped" and since <= last and (i + 1 == len(h) or h[i + 1][0] >= first)
                            for i, (since, s) in enumerate(h))
            continue
        in_force = [s for since, s in h if since <= day]
        if in_force and in_force[-1] == "active":
            tuned += kind == "self_managed"
            kheo += kind == "dan_van_kheo"
    return creative, tuned, kheo


class PropertyTest(EmulationCase, HypothesisTestCase):  # each example in its own transaction
    @settings(max_examples=40)
    @given(rewards, models)
    def test_provided_figures_match_a_recount(self, reward_spec, model_spec):
        for state, day, kind, movement, mine in reward_spec:
            Reward.objects.create(unit=self.ward if mine else self.ward2, recipient_kind=kind, recipient_name="X",
                                  achievement="Y", movement=movement, level="ward_chair", proposer_unit="Z",
                                  proposed_on=min(day, D(2025, 11, 1)), proposed_by=self.officer, state=state,
                                  decision_date=None if state == "proposed" else day)
        for kind, start, steps, mine in model_spec:
            h = history(start, steps)
            m = MassModel.objects.create(unit=self.ward if mine else self.ward2, kind=kind, name="M", started_on=start,
                                         created_by=self.officer)
            ModelStatus.objects.bulk_create(ModelStatus(model=m, status=s, since=since, by=self.officer) for since, s in h)
        with at(D(2027, 6, 30)):
            for year, day in ((2026, D(2026, 12, 31)), (2027, D(2027, 6, 30))):
                v = {c: p.value for c, p in Registers().values(self.ward, year).items()}
                keeps_rewards = any(mine for *_rest, mine in reward_spec)
                keeps_models = any(mine for *_rest, mine in model_spec)
                # a register the ward has no row in provides nothing (its typed figures stay)
                self.assertEqual((v.get("so_khen_thuong_nhan_dan"), v.get("so_khen_thuong_can_bo_phuong")),
                                 recount_rewards(reward_spec, year) if keeps_rewards else (None, None))
                self.assertEqual((v.get("so_mo_hinh_sang_tao"), v.get("so_mo_hinh_tu_quan"), v.get("so_mo_hinh_dan_van_kheo")),
                                 recount_models(model_spec, year, day) if keeps_models else (None, None, None))


@given(st.lists(st.tuples(st.integers(0, 400), st.sampled_from(["active", "paused", "stopped"])), max_size=5),
       st.integers(2024, 2027))
def test_worked_in_agrees_with_a_day_by_day_walk(steps, year):
    h = history(D(2025, 1, 1), steps)
    # walk every day: working on a day if a non-stopped status held at some moment of it (a stop on day d ends it)
    first, last = D(year, 1, 1), D(year, 12, 31)
    day, worked = first, False
    while day <= last and not worked:
        before = counts.status_at(h, day - dt.timedelta(days=1)) if day > h[0][0] else None
        during = [s for since, s in h if since == day]
        worked = any(s not in (None, "stopped") for s in [before, *during])
        day += dt.timedelta(days=1)
    assert counts.worked_in(h, year) == worked
