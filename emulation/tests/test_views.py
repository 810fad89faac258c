"""The movement's pages: who sees and writes what, bad input (400, a Vietnamese message, nothing written), the
printable list, and query counts that do not grow with the number of wards."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agencies.models import Body, Program
from emulation import services
from emulation.models import MassModel, Propaganda, Reward
from kieumau.testing import make_unit
from reporting.models import Report
from reporting.tests.support import calendar
from units.models import Level

from .support import D, EmulationCase

PROPOSAL = {"action": "propose", "recipient_kind": "citizen", "recipient_name": "Bà Trần Thị Tư", "movement": "security",
            "achievement": "Tham gia tổ tự quản, phát hiện tin báo tội phạm.", "level": "ward_chair",
            "proposer_unit": "Công an phường Vĩnh Nguyên", "proposer_person": "Thiếu tá Lê Văn Năm", "proposed_on": "2026-03-02"}


class WardPageTest(EmulationCase):
    def url(self, unit=None, **q):
        return reverse("emulation_ward", args=[(unit or self.ward).pk]) + ("?" + "&".join(f"{k}={v}" for k, v in q.items()) if q else "")

    def test_it_shows_the_ward_to_its_people_and_readers(self):
        self.model("dan_van_kheo", name="Camera an ninh khu phố")
        self.decided()
        for user in (self.officer, self.chief, self.staff, self.supervisor, self.reviewer):
            with self.subTest(user=user.username):
                r = self.as_(user).get(self.url())
                self.assertEqual(r.status_code, 200)
                self.assertContains(r, "Camera an ninh khu phố")
                self.assertContains(r, "Ông Nguyễn Văn Ba")
        self.assertContains(self.as_(self.officer).get(self.url()), "Ghi đề nghị")
        self.assertNotContains(self.as_(self.supervisor).get(self.url()), "Ghi đề nghị")

    def test_it_is_404_outside_scope_or_for_a_province(self):
        self.assertEqual(self.as_(self.outsider).get(self.url()).status_code, 404)
        self.assertEqual(self.as_(self.other_chief).get(self.url()).status_code, 404)
        self.assertEqual(self.as_(self.officer).get(self.url(self.ward2)).status_code, 404)
        self.assertEqual(self.as_(self.staff).get(reverse("emulation_ward", args=[self.province.pk])).status_code, 404)
        self.assertEqual(self.as_(self.staff).get(reverse("emulation_ward", args=[999999])).status_code, 404)

    def test_readers_get_403_and_wrong_methods_405(self):
        self.assertEqual(self.as_(self.supervisor).post(self.url(), PROPOSAL).status_code, 403)
        self.assertEqual(self.as_(self.staff).post(self.url(self.gone), PROPOSAL).status_code, 403)  # ended: read-only
        self.assertEqual(self.as_(self.officer).put(self.url()).status_code, 405)
        self.assertFalse(Reward.objects.exists())

    def test_an_officer_proposes_and_adds_a_model(self):
        c = self.as_(self.officer)
        r = c.post(self.url(nam=2026), PROPOSAL)
        self.assertRedirects(r, self.url(nam=2026) + "#khen-thuong", fetch_redirect_response=False)
        reward = Reward.objects.get()
        self.assertEqual((reward.state, reward.proposer_person, reward.proposed_by), ("proposed", "Thiếu tá Lê Văn Năm", self.officer))
        r = c.post(self.url(), {"action": "add_model", "kind": "self_managed", "name": "Tổ tự quản số 3", "started_on": "01/02/2026"})
        self.assertEqual(r.status_code, 302)
        m = MassModel.objects.get()
        r = c.post(self.url(), {"action": "model_status", "model": m.pk, "status": "stopped", "since": "2026-10-01"})
        self.assertEqual(r.status_code, 302)
        m.refresh_from_db()
        self.assertEqual(m.ended_on, D(2026, 10, 1))

    def test_bad_input_is_400_with_a_message_and_nothing_written(self):
        m = self.model()
        other = self.model(unit=self.ward2, name="Mô hình phường khác")
        cases = [
            (PROPOSAL | {"recipient_kind": "alien"}, "Hãy chọn đối tượng khen thưởng"),
            (PROPOSAL | {"proposed_on": "31/02/2026"}, "không đúng dạng ngày"),
            (PROPOSAL | {"proposed_on": "2027-01-01"}, "tương lai"),
            (PROPOSAL | {"recipient_name": ""}, "Hãy ghi tên tập thể, cá nhân được đề nghị"),
            (PROPOSAL | {"achievement": "x" * 2001}, "dài quá 2000"),
            (PROPOSAL | {"achievement": "Xem <a href=x>đây</a>"}, "mã HTML"),
            ({"action": "add_model", "kind": "self_managed", "name": "", "started_on": "2026-01-01"}, "Hãy ghi tên mô hình"),
            ({"action": "add_model", "kind": "other", "name": "A", "started_on": "2026-01-01"}, "Hãy chọn loại mô hình"),
            ({"action": "model_status", "model": other.pk, "status": "stopped", "since": "2026-10-01"}, "Không tìm thấy mô hình"),
            ({"action": "model_status", "model": m.pk, "status": "active", "since": "2026-10-01"}, "đang ở tình trạng"),
            ({"action": "delete_everything"}, "Thao tác không hợp lệ"),
        ]
        before = self.snapshot()
        c = self.as_(self.officer)
        for data, message in cases:
            with self.subTest(data=data):
                r = c.post(self.url(), data)
                self.assertContains(r, message, status_code=400)
        self.assertEqual(self.snapshot(), before)
        r = c.post(self.url(), PROPOSAL | {"proposed_on": "2027-01-01"})
        self.assertContains(r, 'value="Bà Trần Thị Tư"', status_code=400)  # what was typed stays
        self.assertContains(r, "Tham gia tổ tự quản, phát hiện tin báo tội phạm.</textarea>", status_code=400)

    def test_filters_show_the_rows_behind_a_figure(self):
        self.decided(recipient_name="Người dân được khen")
        self.decided(recipient_name="Cán bộ được khen", recipient_kind="ward_official")
        r = self.as_(self.officer).get(self.url(nam=2026, **{"trang-thai": "decided", "nhom": "nhan-dan"}))
        self.assertContains(r, "Người dân được khen")
        self.assertNotContains(r, "Cán bộ được khen")

    def test_queries_do_not_grow_with_rows(self):
        c = self.as_(self.officer)
        self.model()
        self.decided()
        c.get(self.url())
        with CaptureQueriesContext(connection) as few:
            c.get(self.url())
        for i in range(5):
            self.model(name=f"Tổ {i}")
            self.decided(recipient_name=f"Người {i}")
        with CaptureQueriesContext(connection) as many:
            c.get(self.url())
        self.assertEqual(len(few), len(many))

    def test_scorecard_shows_the_panel(self):
        self.model("dan_van_kheo", name="Dân vận khéo — Chợ Xóm Mới")
        r = self.as_(self.officer).get(reverse("scorecard", args=[self.ward.pk, 2026]))
        self.assertContains(r, "Phong trào toàn dân bảo vệ an ninh Tổ quốc")
        self.assertContains(r, "Dân vận khéo — Chợ Xóm Mới")
        self.assertContains(r, f"/phong-trao/phuong/{self.ward.pk}/?nam=2026#mo-hinh")


class ProvinceRewardsTest(EmulationCase):
    def url(self, province=None, **q):
        return reverse("emulation_rewards", args=[(province or self.province).pk]) + ("?" + "&".join(f"{k}={v}" for k, v in q.items()) if q else "")

    def test_it_lists_filters_and_is_404_outside(self):
        self.propose(recipient_name="Hộ ông Sáu")
        self.decided(recipient_name="Đã khen", unit=self.ward2, user=self.staff)
        r = self.as_(self.staff).get(self.url())
        self.assertContains(r, "Hộ ông Sáu")
        self.assertContains(r, "Ghi quyết định khen thưởng")
        r = self.as_(self.supervisor).get(self.url(**{"trang-thai": "decided"}))
        self.assertContains(r, "Đã khen")
        self.assertNotContains(r, "Hộ ông Sáu")
        self.assertNotContains(r, "Ghi quyết định khen thưởng")
        r = self.as_(self.staff).get(self.url(phuong=self.ward2.pk, nam=2025))
        self.assertNotContains(r, "Đã khen")
        for user in (self.outsider, self.officer):
            self.assertEqual(self.as_(user).get(self.url()).status_code, 404)
        self.assertEqual(self.as_(self.staff).get(reverse("emulation_rewards", args=[self.ward.pk])).status_code, 404)
        self.assertEqual(self.as_(self.staff).delete(self.url()).status_code, 405)

    def test_staff_decide_and_readers_get_403(self):
        reward = self.propose()
        data = {"reward": reward.pk, "action": "decide", "number": "45/QĐ-UBND", "date": "2026-04-10", "signer": "Chủ tịch UBND phường"}
        self.assertEqual(self.as_(self.supervisor).post(self.url(), data).status_code, 403)
        self.assertEqual(self.as_(self.approver).post(self.url(), data).status_code, 403)
        self.assertEqual(self.as_(self.staff).post(self.url(), data).status_code, 302)
        reward.refresh_from_db()
        self.assertEqual((reward.state, reward.decision_number), ("decided", "45/QĐ-UBND"))

    def test_bad_decisions_are_400_and_write_nothing(self):
        reward = self.propose(proposed_on=D(2026, 3, 2))
        done = self.decided()
        ok = {"reward": reward.pk, "action": "decide", "number": "45", "date": "2026-04-10", "signer": "Chủ tịch"}
        cases = [(ok | {"date": "2026-03-01"}, "trước ngày đề nghị"), (ok | {"date": "2026-12-01"}, "tương lai"),
                 (ok | {"date": "hôm qua"}, "không đúng dạng ngày"), (ok | {"number": ""}, "Hãy ghi số quyết định"),
                 (ok | {"signer": "<script>"}, "mã HTML"), (ok | {"reward": done.pk}, "đã có quyết định khen thưởng"),
                 (ok | {"reward": 99999}, "Không tìm thấy đề nghị"), (ok | {"action": "refuse", "reason": ""}, "Hãy ghi lý do"),
                 (ok | {"action": "approve"}, "Thao tác không hợp lệ")]
        before = self.snapshot()
        for data, message in cases:
            with self.subTest(data=data):
                self.assertContains(self.as_(self.staff).post(self.url(), data), message, status_code=400)
        self.assertEqual(self.snapshot(), before)
        r = self.as_(self.staff).post(self.url(), ok | {"date": "2026-03-01"})
        self.assertContains(r, 'value="Chủ tịch"', status_code=400)

    def test_the_print_page(self):
        self.decided(recipient_name="Tổ dân phố 5")
        url = reverse("emulation_rewards_print", args=[self.province.pk]) + "?nam=2026&trang-thai=decided"
        r = self.as_(self.supervisor).get(url)
        self.assertContains(r, "DANH SÁCH KHEN THƯỞNG")
        self.assertContains(r, "NĂM 2026")
        self.assertContains(r, "TỈNH KHÁNH HÒA")
        self.assertContains(r, "Tổ dân phố 5")
        self.assertContains(r, "css/print.css")
        self.assertNotContains(r, "crumbs")
        self.assertEqual(self.as_(self.outsider).get(url).status_code, 404)
        self.assertEqual(self.as_(self.staff).post(url).status_code, 405)

    def test_queries_do_not_grow_with_wards(self):
        c = self.as_(self.staff)
        self.decided()
        self.model()
        c.get(self.url())
        with CaptureQueriesContext(connection) as few:
            c.get(self.url())
            c.get(reverse("emulation_models", args=[self.province.pk]))
        for i in range(4):
            ward = make_unit(f"2290{i}", f"Phường Mới {i}", Level.COMMUNE, self.city)
            self.decided(unit=ward, user=self.staff, recipient_name=f"Người {i}")
            self.model(unit=ward, name=f"Tổ {i}")
        with CaptureQueriesContext(connection) as many:
            c.get(self.url())
            c.get(reverse("emulation_models", args=[self.province.pk]))
        self.assertEqual(len(few), len(many))


class ProvinceModelsTest(EmulationCase):
    def test_it_counts_per_ward_and_kind(self):
        self.model("self_managed", name="Tổ A")
        self.model("self_managed", name="Tổ B")
        self.model("dan_van_kheo", name="Dân vận khéo A")
        self.model("creative", unit=self.ward2, name="Sáng tạo B")
        url = reverse("emulation_models", args=[self.province.pk])
        r = self.as_(self.supervisor).get(url + "?nam=2026")
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "<strong>1</strong> trong 2 phường")
        self.assertContains(r, "Sáng tạo B")
        self.assertNotContains(self.as_(self.staff).get(url + "?loai=creative"), "Tổ A")
        self.assertEqual(self.as_(self.outsider).get(url).status_code, 404)
        self.assertEqual(self.as_(self.staff).post(url).status_code, 405)


class PropagandaPageTest(EmulationCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.program = Program.objects.create(code="kh-em", province=cls.province, title="NQ", source="NQ", start_year=2023,
                                             end_year=2030, coordinator="CA tỉnh", reports_to="Tỉnh ủy")
        calendar(cls.program)
        cls.paper = Body.objects.create(code="em.bao", name="Báo Khánh Hòa", kind="media", province=cls.province)
        cls.radio = Body.objects.create(code="em.dai", name="Đài PT-TH Khánh Hòa", kind="media", province=cls.province)
        cls.far = Body.objects.create(code="em.far", name="Báo Bình Dương", kind="media", province=cls.other_province)
        cls.report = Report.objects.create(program=cls.program, period="2026-H1", holder=cls.paper)
        from reporting.tests.support import ReportingTestCase

        cls.journalist = ReportingTestCase.body_user("journalist", cls.paper)
        cls.far_journalist = ReportingTestCase.body_user("far_journalist", cls.far)

    def url(self, **q):
        return reverse("emulation_propaganda", args=[self.province.pk]) + ("?" + "&".join(f"{k}={v}" for k, v in q.items()) if q else "")

    def data(self, **kw):
        return {"body": self.paper.pk, "kind": "article", "title": "Vĩnh Nguyên: mô hình camera an ninh", "held_on": "2026-03-10",
                "quantity": "2", "audience": "", "report": self.report.pk, "note": ""} | kw

    def test_staff_and_the_body_record_readers_read(self):
        self.assertEqual(self.as_(self.staff).post(self.url(), self.data()).status_code, 302)
        r = self.as_(self.journalist).get(self.url(nam=2026, quy=1))
        self.assertContains(r, "Vĩnh Nguyên: mô hình camera an ninh")
        self.assertContains(r, "2026-H1")
        self.assertContains(r, "Ghi hoạt động")
        self.assertEqual(self.as_(self.journalist).post(self.url(), self.data(title="Bài thứ hai", report="")).status_code, 302)
        # the reporter records for their own body only
        self.assertContains(self.as_(self.journalist).post(self.url(), self.data(body=self.radio.pk, report="")),
                            "Hãy chọn cơ quan", status_code=400)
        r = self.as_(self.supervisor).get(self.url(nam=2026, quy=2))
        self.assertNotContains(r, "Vĩnh Nguyên: mô hình camera an ninh")  # another quarter
        self.assertEqual(self.as_(self.supervisor).post(self.url(), self.data()).status_code, 403)
        self.assertEqual(self.as_(self.far_journalist).get(self.url()).status_code, 404)
        self.assertEqual(self.as_(self.outsider).get(self.url()).status_code, 404)
        self.assertEqual(self.as_(self.staff).put(self.url()).status_code, 405)
        self.assertEqual(Propaganda.objects.count(), 2)

    def test_bad_input_is_400_and_writes_nothing(self):
        cases = [(self.data(kind="blog"), "hình thức tuyên truyền"), (self.data(title=""), "Hãy ghi tiêu đề"),
                 (self.data(quantity="nhiều"), "số nguyên"), (self.data(held_on="2026-07-01"), "không thuộc kỳ"),
                 (self.data(held_on="2026-12-01"), "tương lai"), (self.data(report="999999"), "Không tìm thấy báo cáo"),
                 (self.data(title="Xem\x07 thêm"), "ký tự điều khiển"), (self.data(body=self.far.pk), "Hãy chọn cơ quan"),
                 (self.data(title="Xem\x00 thêm"), "ký tự NUL")]  # NUL: refused before the view (kieumau/middleware.py)
        before = self.snapshot()
        for data, message in cases:
            with self.subTest(data=data):
                self.assertContains(self.as_(self.staff).post(self.url(), data), message, status_code=400)
        self.assertEqual(self.snapshot(), before)


class ServicesThroughPagesTest(EmulationCase):
    def test_a_refused_reward_shows_its_reason(self):
        services.refuse(self.propose(recipient_name="Hộ kinh doanh X"), self.staff, reason="Đã khen cùng thành tích năm trước")
        r = self.as_(self.officer).get(reverse("emulation_ward", args=[self.ward.pk]))
        self.assertContains(r, "Đã khen cùng thành tích năm trước")
