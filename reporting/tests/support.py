"""A small program for the reporting tests: one province's program with three bodies and a reporter on each.

- ``dept`` (Sở Tài chính) continues; ``planning`` (Sở KH&ĐT) merged into it on 1/3/2025; ``city`` (a city's People's
  Committee) ended on 1/7/2025 with no successor. ``far`` belongs to another province's program.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model

from accounts.models import Role
from agencies.models import Body, BodyAssignment, Program, Succession, Task
from kieumau.testing import PASSWORD, BaseTestCase
from reporting.models import CalendarEntry


def calendar(program, assumed=False):
    CalendarEntry.objects.create(program=program, kind="six_monthly", due_before="06-15", window_from="12-15", window_to="06-14")
    CalendarEntry.objects.create(program=program, kind="yearly", due_before="12-15", window_from="12-15", window_to="12-14")
    CalendarEntry.objects.create(program=program, kind="milestone", code="SK2025", title="Sơ kết giai đoạn 2023 - 2025",
                                 due_before="2025-11-15", window_from="2022-12-15", window_to="2025-11-14")


class ReportingTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.program = Program.objects.create(code="kh-test", province=cls.province, title="Nghị quyết thử", source="NQ 01",
                                             start_year=2023, end_year=2030, coordinator="Công an tỉnh", reports_to="Tỉnh ủy")
        calendar(cls.program)
        body = lambda code, name, kind="department", **kw: Body.objects.create(code=code, name=name, kind=kind, province=cls.province, **kw)
        cls.dept = body("t.stc", "Sở Tài chính", head_email="giamdoc.stc@example.vn")
        cls.planning = body("t.skhdt", "Sở Kế hoạch và Đầu tư", valid_until=dt.date(2025, 3, 1))
        cls.city_body = body("t.ubnd-nt", "Ủy ban nhân dân Thành phố Nha Trang", "people_committee", district=cls.city,
                             valid_until=dt.date(2025, 7, 1))
        Succession.objects.create(predecessor=cls.planning, successor=cls.dept, effective_date=dt.date(2025, 3, 1), kind="merge")
        cls.task_dept = Task.objects.create(program=cls.program, item="8", holder=cls.dept, text="Bố trí kinh phí.",
                                            figures=[{"code": "kinh_phi", "label": "Kinh phí bố trí", "unit": "triệu đồng"}])
        cls.task_planning = Task.objects.create(program=cls.program, item="7", holder=cls.planning, text="Vốn đầu tư công.")
        cls.task_city = Task.objects.create(program=cls.program, item="23", holder=cls.city_body, text="Xây dựng kế hoạch.")
        cls.other_program = Program.objects.create(code="bd-test", province=cls.other_province, title="Đề án thử",
                                                   source="ĐA 02", start_year=2023, end_year=2030, coordinator="CA", reports_to="UBND")
        calendar(cls.other_program)
        cls.far = Body.objects.create(code="t.far", name="Sở Tư pháp Bình Dương", kind="department", province=cls.other_province)
        Task.objects.create(program=cls.other_program, item="5", holder=cls.far, text="Rà soát văn bản.")
        cls.reporter = cls.body_user("reporter", cls.dept)
        cls.far_reporter = cls.body_user("far_reporter", cls.far)

    @classmethod
    def body_user(cls, username, body):
        user = get_user_model().objects.create_user(username, password=PASSWORD, email=f"{username}@example.vn")
        BodyAssignment.objects.create(user=user, body=body, role=Role.AGENCY_REPORTER)
        return user

    def url(self, period="2026", holder=None, program=None):
        from django.urls import reverse

        return reverse("report", args=[(program or self.program).code, period, (holder or self.dept).pk])
