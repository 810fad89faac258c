"""Meetings: the expected calendar (pure), gaps, and the pages through the role matrix with bad input."""

import datetime as dt

from django.test import SimpleTestCase
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from audit.models import AuditEvent
from kieumau import clock
from meetings import calendar as C
from meetings import expected as E
from meetings.models import ActionItem, Meeting
from kieumau.testing import FixedNow
from reporting.tests.support import ReportingTestCase



class CalendarTests(SimpleTestCase):
    def test_quarters_and_halves(self):
        qs = C.quarters(dt.date(2024, 2, 10), dt.date(2024, 12, 31))
        self.assertEqual([q.code for q in qs], ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"])
        self.assertEqual((qs[0].start, qs[0].end, qs[3].end), (dt.date(2024, 1, 1), dt.date(2024, 3, 31), dt.date(2024, 12, 31)))
        self.assertEqual([h.code for h in C.halves(dt.date(2025, 1, 1), dt.date(2025, 7, 1))], ["2025-H1", "2025-H2"])

    def test_six_monthly_meetings_move_to_the_province_when_districts_end(self):
        h1, h2 = C.halves(dt.date(2025, 1, 1), dt.date(2025, 12, 31))
        self.assertEqual((C.six_monthly_level(h1), C.six_monthly_level(h2)), (C.CITY, C.PROVINCE))

    def test_slot_codes(self):
        self.assertEqual(C.slot_of("2025-Q4").end, dt.date(2025, 12, 31))
        self.assertEqual(C.slot_of("2025-H1").end, dt.date(2025, 6, 30))
        for bad in ("2025-Q5", "2025-H3", "SK2025", "２０２５-Q1", "", "2025Q1"):
            self.assertIsNone(C.slot_of(bad))

    @given(st.dates(min_value=dt.date(2001, 1, 1), max_value=dt.date(2099, 1, 1)), st.integers(min_value=0, max_value=900))
    def test_quarters_tile_the_days(self, first, span):
        last = first + dt.timedelta(days=span)
        qs = C.quarters(first, last)
        self.assertLessEqual(qs[0].start, first)
        self.assertGreaterEqual(qs[-1].end, last)
        for a, b in zip(qs, qs[1:]):
            self.assertEqual(a.end + dt.timedelta(days=1), b.start)


class MeetingPageTests(FixedNow, ReportingTestCase):
    def test_expected_meetings_and_gaps(self):
        exp = E.expected(self.program, dt.date(2024, 1, 1), dt.date(2024, 12, 31), clock.today())
        wards = [e for e in exp if e.level == C.WARD]
        self.assertEqual(len(wards), 8)  # two wards (the commune is not a ward; the old ward ended in 2022) × 4 quarters
        self.assertEqual([e.unit for e in exp if e.level == C.CITY], [self.city, self.city])
        Meeting.objects.create(program=self.program, level=C.WARD, unit=self.ward, slot="2024-Q1", title="x",
                               scheduled_on=dt.date(2024, 3, 20), held_on=dt.date(2024, 3, 20), state="held", created_by=self.staff)
        Meeting.objects.create(program=self.program, level=C.WARD, unit=self.ward, slot="2024-Q2", title="x",
                               scheduled_on=dt.date(2024, 6, 20), created_by=self.staff)  # scheduled only: still a gap
        cov = {c.level: c for c in E.coverage(self.program, dt.date(2024, 1, 1), dt.date(2024, 12, 31), clock.today())}
        self.assertEqual((cov[C.WARD].held, cov[C.WARD].expected, len(cov[C.WARD].missing)), (1, 8, 7))
        # after 1/7/2025 the six-monthly meeting is the province's
        late = E.expected(self.program, dt.date(2025, 7, 1), dt.date(2025, 12, 31), clock.today())
        self.assertEqual([e.unit for e in late if e.level == C.PROVINCE], [self.province])
        self.assertFalse([e for e in late if e.level == C.CITY])
        # the sơ kết conference of the calendar is expected once its date has passed
        self.assertEqual([e.slot.code for e in E.expected(self.program, dt.date(2025, 1, 1), dt.date(2025, 12, 31), clock.today())
                          if e.level == C.CONFERENCE], ["SK2025"])

    def test_who_sees_the_pages(self):
        province_url = reverse("province_meetings", args=[self.province.pk])
        ward_url = reverse("ward_meetings", args=[self.ward.pk])
        for user, codes in [(self.staff, (200, 200)), (self.supervisor, (200, 200)), (self.chief, (404, 200)),
                            (self.officer, (404, 200)), (self.outsider, (404, 404)), (self.reporter, (404, 404)),
                            (self.other_chief, (404, 404))]:
            with self.subTest(user=user.username):
                c = self.as_(user)
                self.assertEqual((c.get(province_url).status_code, c.get(ward_url).status_code), codes)
        self.assertEqual(self.as_(self.staff).post(province_url).status_code, 405)
        self.assertEqual(self.as_(self.staff).get(reverse("schedule_meeting")).status_code, 405)
        self.assertEqual(self.as_(self.staff).get(province_url + "?nam=2040").status_code, 404)

    def _schedule(self, user, level="ward", unit=None, slot="2026-Q4", day="2026-12-10"):
        unit = unit or self.ward
        return self.as_(user).post(reverse("schedule_meeting"), {"program": self.program.code, "slot": f"{level}|{unit.pk}|{slot}", "day": day})

    def test_schedule_record_and_track_actions(self):
        r = self._schedule(self.chief)
        m = Meeting.objects.get()
        self.assertRedirects(r, reverse("meeting", args=[m.pk]))
        url = reverse("meeting", args=[m.pk])
        c = self.as_(self.chief)
        # a meeting in the future cannot be recorded as held; nothing changes
        r = c.post(url, {"action": "record", "held_on": "2026-12-10", "chair": "Bí thư", "attendees": "A", "conclusions": "B"})
        self.assertContains(r, "không được sau hôm nay", status_code=400)
        self.assertContains(r, 'value="Bí thư"', status_code=400)  # what was typed is kept
        m.refresh_from_db()
        self.assertEqual(m.state, "scheduled")
        r = c.post(url, {"action": "record", "held_on": "20/11/2026", "chair": "Bí thư Đảng ủy phường", "attendees": "Công an phường",
                         "minutes": "Nghe báo cáo", "conclusions": "Giao việc"})
        self.assertEqual(r.status_code, 302)
        m.refresh_from_db()
        self.assertEqual((m.state, m.held_on), ("held", dt.date(2026, 11, 20)))
        c.post(url, {"action": "add_action", "text": "Lắp camera", "owner": "Công an phường", "due": "2026-11-30"})
        item = ActionItem.objects.get()
        self.assertEqual(c.post(url, {"action": "done", "item": item.pk, "note": ""}).status_code, 400)
        c.post(url, {"action": "done", "item": item.pk, "note": "Đã lắp 4 camera"})
        item.refresh_from_db()
        self.assertEqual(item.done_on, clock.today())
        actions = list(AuditEvent.objects.filter(object_type="meetings.meeting").order_by("pk").values_list("action", flat=True))
        self.assertEqual(actions, ["meeting.scheduled", "meeting.held", "meeting.action_added", "meeting.action_done"])

    def test_writes_by_role(self):
        # a ward chief schedules their own ward only; the city's meeting is the province staff's
        self.assertEqual(self._schedule(self.chief, "province", self.province, "2026-H2").status_code, 404)
        self.assertEqual(self._schedule(self.other_chief).status_code, 404)
        self.assertEqual(self._schedule(self.supervisor).status_code, 403)
        self.assertEqual(self._schedule(self.staff, "province", self.province, "2026-H2").status_code, 302)
        m = Meeting.objects.get()
        url = reverse("meeting", args=[m.pk])
        self.assertEqual(self.as_(self.supervisor).get(url).status_code, 200)
        self.assertEqual(self.as_(self.supervisor).post(url, {"action": "record"}).status_code, 403)
        self.assertEqual(self.as_(self.chief).post(url, {"action": "record"}).status_code, 404)
        self.assertEqual(self.as_(self.reporter).get(url).status_code, 404)
        # a second meeting for the same slot is refused (the slot is no longer offered)
        self.assertEqual(self._schedule(self.staff, "province", self.province, "2026-H2").status_code, 302)
        self.assertEqual(Meeting.objects.count(), 1)

    def test_bad_dates_write_nothing(self):
        r = self._schedule(self.staff, day="31/02/2026")
        self.assertEqual(r.status_code, 302)
        self.assertFalse(Meeting.objects.exists())
        r = self.as_(self.staff).get(reverse("province_meetings", args=[self.province.pk]))
        self.assertContains(r, "không đúng dạng ngày")

    def test_the_reporting_dashboard_shows_the_gaps(self):
        r = self.as_(self.staff).get(reverse("reporting_dashboard", args=[self.province.pk]) + "?ky=2026-H1")
        self.assertContains(r, "Họp nghe báo cáo trong kỳ số liệu")
        self.assertContains(r, "thiếu")
