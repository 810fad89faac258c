"""The registers' writes: the reward workflow, models' status history, propaganda; refusals write nothing."""

from __future__ import annotations

from agencies.models import Body, Program
from audit.models import AuditEvent
from emulation import services
from emulation.models import Reward
from kieumau.posted import Refused
from reporting.models import Report
from reporting.tests.support import calendar

from .support import D, EmulationCase


class RewardWorkflowTest(EmulationCase):
    def test_it_proposes_then_decides_with_one_audit_row_per_step(self):
        r = self.propose()
        self.assertEqual(r.state, Reward.State.PROPOSED)
        r = services.decide(r, self.staff, number="15/QĐ-CAT", date=D(2026, 5, 4), signer="Giám đốc Công an tỉnh")
        r.refresh_from_db()
        self.assertEqual((r.state, r.decision_number, r.decision_date, r.decided_by), ("decided", "15/QĐ-CAT", D(2026, 5, 4), self.staff))
        actions = list(AuditEvent.objects.filter(object_type="emulation.reward", object_id=str(r.pk)).order_by("id")
                       .values_list("action", flat=True))
        self.assertEqual(actions, ["emulation.reward_proposed", "emulation.reward_decided"])

    def test_it_refuses_with_a_reason(self):
        r = services.refuse(self.propose(), self.staff, reason="Thành tích chưa đủ tiêu chuẩn Giấy khen.", date=D(2026, 4, 2))
        self.assertEqual((r.state, r.decision_date), ("refused", D(2026, 4, 2)))
        self.assertEqual(AuditEvent.objects.get(action="emulation.reward_refused").comment, "Thành tích chưa đủ tiêu chuẩn Giấy khen.")

    def test_it_refuses_a_second_decision_and_writes_nothing(self):
        r = self.decided()
        before = self.snapshot()
        with self.assertRaisesMessage(Refused, "đã có quyết định khen thưởng"):
            services.decide(r, self.staff, number="16", date=D(2026, 5, 1), signer="X")
        with self.assertRaisesMessage(Refused, "đã có quyết định khen thưởng"):
            services.refuse(r, self.staff, reason="Không")
        refused = services.refuse(self.propose(), self.staff, reason="Không đủ tiêu chuẩn")
        with self.assertRaisesMessage(Refused, "bị từ chối"):
            services.decide(refused, self.staff, number="17", date=D(2026, 5, 1), signer="X")
        self.assertEqual(Reward.objects.get(pk=r.pk).decision_number, "12/QĐ-UBND")
        self.assertEqual(self.snapshot()[6], before[6] + 2)  # only the second proposal and its refusal

    def test_decision_dates_are_checked(self):
        r = self.propose(proposed_on=D(2026, 3, 2))
        cases = [(D(2026, 3, 1), "trước ngày đề nghị"), (D(2026, 11, 24), "tương lai"), (None, "Hãy nhập ngày quyết định")]
        for day, message in cases:
            with self.subTest(day=day), self.assertRaisesMessage(Refused, message):
                services.decide(r, self.staff, number="1", date=day, signer="Chủ tịch")
        services.decide(r, self.staff, number="1", date=D(2026, 3, 2), signer="Chủ tịch")  # the same day is fine

    def test_bad_proposals_are_refused_with_the_field_named(self):
        cases = [
            ({"recipient_kind": "martian"}, "đối tượng khen thưởng"),
            ({"level": ""}, "hình thức khen thưởng"),
            ({"movement": "x"}, "phong trào"),
            ({"recipient_name": "  "}, "tên tập thể, cá nhân"),
            ({"recipient_name": "x" * 201}, "dài quá 200"),
            ({"achievement": "<script>alert(1)</script>"}, "mã HTML"),
            ({"achievement": "Giúp\x07 bắt trộm"}, "ký tự điều khiển"),
            ({"proposed_on": D(2026, 12, 1)}, "tương lai"),
            ({"proposed_on": None}, "Hãy nhập ngày đề nghị"),
        ]
        before = self.snapshot()
        for fields, message in cases:
            with self.subTest(fields=fields), self.assertRaisesMessage(Refused, message):
                self.propose(**fields)
        self.assertEqual(self.snapshot(), before)

    def test_an_ended_ward_is_read_only(self):
        with self.assertRaisesMessage(Refused, "đã chấm dứt"):
            self.propose(unit=self.gone, proposed_on=D(2021, 5, 1))
        with self.assertRaisesMessage(Refused, "đã chấm dứt"):
            self.model(unit=self.gone)


class ModelTest(EmulationCase):
    def test_status_history_is_kept(self):
        m = self.model(started=D(2025, 3, 1))
        services.change_status(m, self.officer, status="paused", since=D(2026, 2, 1), note="Thiếu kinh phí")
        services.change_status(m, self.officer, status="stopped", since=D(2026, 6, 30))
        m.refresh_from_db()
        self.assertEqual((m.status, m.ended_on), ("stopped", D(2026, 6, 30)))
        self.assertEqual(list(m.changes.values_list("status", "since")),
                         [("active", D(2025, 3, 1)), ("paused", D(2026, 2, 1)), ("stopped", D(2026, 6, 30))])
        self.assertEqual(AuditEvent.objects.filter(action="emulation.model_status_changed").count(), 2)

    def test_bad_status_changes_write_nothing(self):
        m = self.model(started=D(2025, 3, 1))
        services.change_status(m, self.officer, status="paused", since=D(2026, 2, 1))
        before = self.snapshot()
        cases = [({"status": "paused", "since": D(2026, 3, 1)}, "đang ở tình trạng «tạm dừng»"),
                 ({"status": "active", "since": D(2026, 1, 1)}, "trước ngày của tình trạng hiện tại"),
                 ({"status": "stopped", "since": D(2027, 1, 1)}, "tương lai"),
                 ({"status": "gone", "since": D(2026, 3, 1)}, "tình trạng mới"),
                 ({"status": "stopped", "since": D(2026, 3, 1), "note": "<b>x</b>"}, "mã HTML")]
        for fields, message in cases:
            with self.subTest(fields=fields), self.assertRaisesMessage(Refused, message):
                services.change_status(m, self.officer, **fields)
        self.assertEqual(self.snapshot(), before)

    def test_bad_models_are_refused(self):
        before = self.snapshot()
        for fields, message in [({"kind": "x"}, "loại mô hình"), ({"name": ""}, "tên mô hình"),
                                ({"started": D(2027, 1, 1)}, "tương lai"), ({"started": D(1999, 1, 1)}, "quá xa")]:
            with self.subTest(fields=fields), self.assertRaisesMessage(Refused, message):
                self.model(**fields)
        self.assertEqual(self.snapshot(), before)


class PropagandaTest(EmulationCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.program = Program.objects.create(code="kh-em", province=cls.province, title="NQ", source="NQ", start_year=2023,
                                             end_year=2030, coordinator="CA tỉnh", reports_to="Tỉnh ủy")
        calendar(cls.program)
        cls.paper = Body.objects.create(code="em.bao", name="Báo Khánh Hòa", kind="media", province=cls.province)
        cls.other = Body.objects.create(code="em.dai", name="Đài PT-TH Khánh Hòa", kind="media", province=cls.province)
        cls.h1 = Report.objects.create(program=cls.program, period="2026-H1", holder=cls.paper)

    def add(self, **kw):
        body = kw.pop("body", self.paper)
        fields = {"kind": "article", "title": "Phường Vĩnh Nguyên giữ vững danh hiệu kiểu mẫu", "held_on": D(2026, 3, 10),
                  "quantity": 1, "audience": None} | kw
        return services.add_propaganda(self.province, body, self.staff, **fields)

    def test_it_links_the_report_whose_period_holds_the_date(self):
        p = self.add(report=self.h1)  # 2026-H1 covers 15/12/2025 – 14/6/2026
        self.assertEqual(p.report, self.h1)
        self.assertEqual(AuditEvent.objects.get(action="emulation.propaganda_recorded").data["report"], self.h1.pk)

    def test_a_report_of_another_period_or_body_is_refused(self):
        before = self.snapshot()
        with self.assertRaisesMessage(Refused, "không thuộc kỳ"):
            self.add(report=self.h1, held_on=D(2026, 6, 15))
        with self.assertRaisesMessage(Refused, "không phải của cơ quan này"):
            self.add(body=self.other, report=self.h1)
        with self.assertRaisesMessage(Refused, "Hãy chọn cơ quan"):
            self.add(body=None)
        self.assertEqual(self.snapshot(), before)

    def test_amounts_are_whole_numbers(self):
        self.assertEqual(services.amount("1.200", "x"), 1200)
        self.assertIsNone(services.amount(" ", "x"))
        for bad in ("-3", "2,5", "١٢", "9" * 10):
            with self.subTest(bad=bad), self.assertRaisesMessage(Refused, "số nguyên"):
                services.amount(bad, "số lượng")
