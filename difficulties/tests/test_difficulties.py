"""Difficulties: raised by a body or a ward, answered, forwarded or turned into a roadmap adjustment by PV01."""


from django.urls import reverse

from difficulties.models import Difficulty
from kieumau.testing import FixedNow
from reporting.tests.support import ReportingTestCase
from roadmaps.models import Plan, PlanAdjustment, PlanTarget



class DifficultyTests(FixedNow, ReportingTestCase):
    def raise_(self, user, source, **extra):
        data = {"source": source, "title": "Thiếu kinh phí", "text": "Chưa bố trí kinh phí năm 2026", "proposal": "Bổ sung"}
        data.update(extra)
        return self.as_(user).post(reverse("my_difficulties"), data)

    def test_a_body_raises_and_staff_answer(self):
        r = self.raise_(self.reporter, f"b-{self.dept.pk}-{self.program.pk}")
        d = Difficulty.objects.get()
        self.assertRedirects(r, reverse("difficulty", args=[d.pk]))
        self.assertEqual((d.body, d.state), (self.dept, "open"))
        self.assertTrue(self.staff.notifications.filter(text__contains="phản ánh khó khăn").exists())
        # open ones show on the inbox of program staff and of the one who raised it, with their age
        self.assertContains(self.as_(self.staff).get(reverse("todo")), "Thiếu kinh phí")
        self.assertContains(self.as_(self.reporter).get(reverse("todo")), "Khó khăn, vướng mắc đang mở")
        url = reverse("difficulty", args=[d.pk])
        for user, code in [(self.far_reporter, 404), (self.outsider, 404), (self.officer, 404), (self.supervisor, 200)]:
            with self.subTest(user=user.username):
                self.assertEqual(self.as_(user).get(url).status_code, code)
        self.assertEqual(self.as_(self.reporter).post(url, {"action": "answer", "answer": "x"}).status_code, 403)
        self.assertContains(self.as_(self.staff).post(url, {"action": "answer", "answer": " "}), "Hãy ghi", status_code=400)
        self.as_(self.staff).post(url, {"action": "answer", "answer": "Đã trình UBND tỉnh bổ sung"})
        d.refresh_from_db()
        self.assertEqual(d.state, "answered")
        self.assertNotContains(self.as_(self.staff).get(reverse("todo")), "Khó khăn, vướng mắc đang mở")
        self.assertContains(self.as_(self.reporter).get(url), "Đã trả lời")

    def test_a_ward_raises_and_staff_forward_to_the_competent_body(self):
        self.raise_(self.chief, f"u-{self.ward.pk}-{self.program.pk}")
        d = Difficulty.objects.get()
        self.assertEqual(d.unit, self.ward)
        url = reverse("difficulty", args=[d.pk])
        self.assertEqual(self.as_(self.officer).get(url).status_code, 200)  # the ward's people read it
        self.assertEqual(self.as_(self.reporter).get(url).status_code, 404)
        self.as_(self.staff).post(url, {"action": "forward", "to": self.dept.pk, "note": "Xem xét"})
        d.refresh_from_db()
        self.assertEqual((d.state, d.forwarded_to), ("forwarded", self.dept))
        # the body it went to reads and answers it
        self.as_(self.reporter).post(url, {"action": "answer", "answer": "Sở đã bố trí"})
        d.refresh_from_db()
        self.assertEqual((d.state, d.answered_by), ("answered", self.reporter))

    def test_a_difficulty_becomes_a_roadmap_adjustment(self):
        plan = Plan.objects.create(province=self.province, title="Lộ trình", source="NQ", base_units=2, start_year=2023, end_year=2030)
        PlanTarget.objects.create(plan=plan, year=2030, kind="percent", value=100)
        self.raise_(self.reporter, f"b-{self.dept.pk}-{self.program.pk}")
        d = Difficulty.objects.get()
        url = reverse("difficulty", args=[d.pk])
        r = self.as_(self.staff).post(url, {"action": "propose", "year": "2030", "kind": "percent", "value": "120", "reason": "x"})
        self.assertContains(r, "không quá 100%", status_code=400)
        self.assertFalse(PlanAdjustment.objects.exists())
        self.as_(self.staff).post(url, {"action": "propose", "year": "2030", "kind": "percent", "value": "90", "reason": ""})
        d.refresh_from_db()
        self.assertEqual((d.state, d.adjustment.year, d.adjustment.value), ("proposed", 2030, 90))
        self.assertIn("Thiếu kinh phí", d.adjustment.reason)
        self.assertTrue(self.approver.notifications.filter(text__contains="điều chỉnh").exists())

    def test_bad_input_and_scope(self):
        self.assertEqual(self.as_(self.outsider).get(reverse("my_difficulties")).status_code, 404)
        # a body it does not report for, a ward it does not serve
        r = self.raise_(self.reporter, f"b-{self.far.pk}-{self.other_program.pk}")
        self.assertContains(r, "Hãy chọn cơ quan", status_code=400)
        r = self.raise_(self.reporter, f"b-{self.dept.pk}-{self.program.pk}", text="")
        self.assertContains(r, "Thiếu kinh phí", status_code=400)  # the title typed is kept
        self.assertFalse(Difficulty.objects.exists())
        self.assertEqual(self.as_(self.reporter).put(reverse("my_difficulties")).status_code, 405)
        self.assertEqual(self.as_(self.staff).get(reverse("province_difficulties", args=[self.province.pk])).status_code, 200)
        self.assertEqual(self.as_(self.reporter).get(reverse("province_difficulties", args=[self.province.pk])).status_code, 404)
        self.assertEqual(self.as_(self.outsider).get(reverse("province_difficulties", args=[self.province.pk])).status_code, 404)
