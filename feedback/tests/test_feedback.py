"""The citizens' feedback register: the public contract, deadlines, limits, consent and erasure, who sees what."""

from __future__ import annotations

import datetime as dt
import io
import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from hypothesis import given, strategies as st

from audit.models import AuditEvent
from feedback import codes, rules, services, upkeep
from feedback.models import Case, Category, Contact, Escalation
from gate.models import Hit
from kieumau import clock
from kieumau.testing import BaseTestCase, FixedNow

FORM = "/cong-dan/phan-anh/"


def jpeg_with_gps() -> bytes:
    from PIL import Image

    image = Image.new("RGB", (40, 30), (200, 10, 10))
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (12.0, 15.0, 0.0)}  # GPS IFD
    exif[0x010F] = "PhoneMaker"
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


class Base(FixedNow, BaseTestCase):
    def post(self, **fields):
        data = {"unit": self.ward.code, "category": "an-ninh-trat-tu", "content": "Tụ tập gây ồn ào sau 23 giờ.", **fields}
        return self.client.post(FORM, data)

    def case(self, **kw) -> Case:
        s = services.Submission(self.ward, Category.objects.get(code=kw.pop("category", "an-ninh-trat-tu")), "Nội dung", **kw)
        return services.submit(s)


class PublicFormTest(Base):
    def test_form_answers_without_login(self):
        r = self.client.get(FORM)
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "Gửi phản ánh")
        self.assertContains(r, 'name="csrfmiddlewaretoken"')

    def test_anonymous_post_shows_code_and_deadline(self):
        r = self.post()
        self.assertEqual(r.status_code, 200)
        case = Case.objects.get()
        self.assertContains(r, f'data-tracking-code="{case.code}"')
        self.assertEqual(case.deadline, dt.date(2026, 12, 8))  # Monday 23/11 + 10 working days (24/11, Ngày Văn hóa Việt Nam, is off)
        self.assertContains(r, "08/12/2026")
        self.assertFalse(Contact.objects.exists())
        self.assertEqual(AuditEvent.objects.filter(action="feedback.received").count(), 1)

    def test_old_ward_name_leads_to_the_ward_it_became(self):
        from units.models import Lineage
        from kieumau.testing import make_unit
        from units.models import Level

        old = make_unit("22998", "Phường Phước Tiến", Level.COMMUNE, self.city, valid_until=dt.date(2025, 7, 1))
        Lineage.objects.create(predecessor=old, successor=self.ward, kind="merge", effective_date=dt.date(2025, 7, 1))
        from feedback import finder

        finder.forget()
        r = self.client.get(reverse("feedback_ward_search"), {"q": "phuoc tien"})
        self.assertContains(r, f'value="{self.ward.code}"')
        self.assertContains(r, "trước đây: Phường Phước Tiến")

    def test_contact_needs_consent_and_stores_its_version(self):
        r = self.post(name="Nguyễn Văn A", phone="0905123456")
        self.assertEqual(r.status_code, 400)
        self.assertContains(r, "đồng ý xử lý dữ liệu", status_code=400)
        self.assertFalse(Case.objects.exists())
        r = self.post(name="Nguyễn Văn A", phone="0905123456", consent="on")
        case = Case.objects.get()
        self.assertEqual(case.consent_version, "luat91-2025-v1")
        self.assertIn("91/2025/QH15", case.consent_text)
        self.assertEqual(case.contact.phone, "0905123456")
        for e in AuditEvent.objects.all():  # the audit refers to the case, never copies the contact
            self.assertNotIn("0905123456", json.dumps(e.data, ensure_ascii=False) + e.comment)

    def test_bad_input_writes_nothing(self):
        cases = [
            ({"content": "   "}, "Hãy viết nội dung phản ánh"),
            ({"unit": "99999"}, "Không tìm thấy phường"),
            ({"unit": self.gone.code}, "Không tìm thấy phường"),
            ({"category": "khong-co"}, "Lĩnh vực đã chọn không có"),
            ({"content": "Xin chào <script>alert(1)</script>"}, "không được chứa mã HTML"),
            ({"photo": SimpleUploadedFile("anh.jpg", b"MZ\x90\x00 not an image", "image/jpeg")}, "không phải là ảnh"),
            ({"photo": SimpleUploadedFile("lon.jpg", b"\xff\xd8\xff" + b"0" * (30 * 1024 * 1024), "image/jpeg")}, "Ảnh quá lớn"),
            ({"email": "khong-phai-email", "consent": "1"}, "thư điện tử không đúng"),
        ]
        for fields, message in cases:
            Hit.objects.all().delete()
            with self.subTest(fields=list(fields)):
                r = self.post(**fields)
                self.assertEqual(r.status_code, 400)
                self.assertContains(r, message, status_code=400)
                self.assertNotContains(r, "<script>alert", status_code=400)
        self.assertFalse(Case.objects.exists())

    def test_photo_is_reencoded_without_location(self):
        from PIL import Image

        self.post(photo=SimpleUploadedFile("anh.jpg", jpeg_with_gps(), "image/jpeg"))
        case = Case.objects.get()
        with case.photo.open("rb") as f:
            data = f.read()
        self.assertNotIn(b"PhoneMaker", data)
        self.assertFalse(Image.open(io.BytesIO(data)).getexif())

    def test_honeypot(self):
        r = self.post(website="http://spam")
        self.assertEqual(r.status_code, 400)
        self.assertFalse(Case.objects.exists())


class RateLimitTest(Base):
    def test_sixth_post_in_an_hour_gets_429_then_a_captcha(self):
        for i in range(5):
            r = self.post(content="" if i == 2 else f"Phản ánh số {i}")  # every POST counts, a refused one too
            self.assertIn(r.status_code, (200, 400))
            self.assertNotContains(r, "Mã kiểm tra", status_code=r.status_code)
        r = self.post()
        self.assertEqual(r.status_code, 429)
        self.assertContains(r, "quá nhiều lần", status_code=429)
        self.assertEqual(Case.objects.count(), 4)
        with clock.fixed_at(self.NOW + dt.timedelta(hours=2)):
            r = self.client.get(FORM)
            self.assertContains(r, "Mã kiểm tra")
            r = self.post(captcha_answer="SAI")
            self.assertEqual(r.status_code, 400)
            self.assertEqual(Case.objects.count(), 4)

    def test_other_address_is_not_limited(self):
        for _ in range(6):
            self.post()
        r = self.client.post(FORM, {"unit": self.ward.code, "category": "khac", "content": "x"}, REMOTE_ADDR="10.0.0.9")
        self.assertEqual(r.status_code, 200)


class TrackingTest(Base):
    def test_known_200_unknown_404_and_no_personal_data(self):
        case = self.case(name="Trần Thị B", phone="0912000111", consent=True)
        r = self.client.get("/cong-dan/tra-cuu/", {"ma": case.display_code.lower()})
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "08/12/2026")
        self.assertNotContains(r, "Trần Thị B")
        self.assertNotContains(r, "0912000111")
        self.assertEqual(self.client.get("/cong-dan/tra-cuu/", {"ma": "AAA-AAA-AAA"}).status_code, 404)
        self.assertEqual(self.client.get("/cong-dan/tra-cuu/", {"ma": "<script>"}).status_code, 404)

    def test_rating_unsatisfied_reopens_once(self):
        case = self.case()
        services.answer(case, self.officer, "Đã xử lý.")
        r = self.client.post(reverse("feedback_verdict"), {"ma": case.code, "action": "rate", "satisfied": "0"})
        self.assertEqual(r.status_code, 302)
        case.refresh_from_db()
        self.assertEqual(case.status, Case.Status.ASSIGNED)
        self.assertIsNotNone(case.reopened_at)
        services.answer(case, self.officer, "Đã xử lý lần hai.")
        services.rate(case, False)
        case.refresh_from_db()
        self.assertEqual(case.status, Case.Status.CLOSED)  # unsatisfied again: recorded, not reopened twice

    def test_withdraw_consent_erases_contact_keeps_case(self):
        case = self.case(name="Trần Thị B", phone="0912000111", consent=True)
        r = self.client.post(reverse("feedback_verdict"), {"ma": case.code, "action": "withdraw"})
        self.assertEqual(r.status_code, 302)
        case.refresh_from_db()
        self.assertFalse(Contact.objects.filter(case=case).exists())
        self.assertIsNotNone(case.contact_erased_at)
        self.assertTrue(Case.objects.filter(pk=case.pk).exists())


class DeadlineAndEscalationTest(Base):
    def test_forward_keeps_deadline_and_records_hop(self):
        case = self.case()
        due = case.deadline
        services.forward(case, self.staff, to_unit=self.ward2, note="Thuộc địa bàn Phước Long")
        case.refresh_from_db()
        self.assertEqual((case.unit, case.deadline), (self.ward2, due))
        self.assertEqual(case.hops.get().from_unit, self.ward)

    def test_late_answer_counts_overdue_and_escalation_runs_once_per_step(self):
        case = self.case()
        with clock.fixed_at(self.NOW + dt.timedelta(days=20)):
            self.assertEqual(upkeep.escalate(), 2)  # 13/12: 3 working days late → chief and province
            self.assertEqual(upkeep.escalate(), 0)
            self.assertEqual(set(Escalation.objects.values_list("step", flat=True)), {"chief", "province"})
            services.answer(case, self.officer, "Trả lời muộn.")
            case.refresh_from_db()
            self.assertTrue(case.late)
        self.assertTrue(self.chief.notifications.filter(text__contains="quá hạn").exists())
        self.assertTrue(self.staff.notifications.filter(text__contains="quá hạn").exists())

    def test_erase_command_after_retention(self):
        case = self.case(name="C", email="c@example.vn", consent=True)
        services.answer(case, self.officer, "Xong.")
        services.close(case, self.officer)
        call_command("erase_contacts", stdout=io.StringIO())
        self.assertTrue(Contact.objects.filter(case=case).exists())
        with clock.fixed_at(self.NOW + dt.timedelta(days=400)):
            call_command("erase_contacts", stdout=io.StringIO())
        self.assertFalse(Contact.objects.filter(case=case).exists())
        self.assertTrue(Case.objects.filter(pk=case.pk, status="closed").exists())


class StatsContractTest(Base):
    def run_stats(self, *args):
        out, err = io.StringIO(), io.StringIO()
        try:
            call_command("citizen_stats", *args, stdout=out, stderr=err)
            code = 0
        except SystemExit as e:
            code = e.code
        return code, json.loads(out.getvalue() or err.getvalue())

    def test_counts(self):
        on_time = self.case()
        services.answer(on_time, self.officer, "Đúng hạn.")
        spam = self.case()
        services.mark_spam(spam, self.officer, "Quảng cáo")
        self.case()  # open, within its deadline
        late = self.case()
        with clock.fixed_at(self.NOW + dt.timedelta(days=30)):
            services.answer(late, self.officer, "Muộn.")
            self.case()  # received in December, open
            code, data = self.run_stats(self.ward.code, "--year", "2026", "--format", "json")
        self.assertEqual(code, 0)
        self.assertEqual(data, {"unit": self.ward.code, "year": 2026, "received": 4, "resolved": 2, "resolved_on_time": 1,
                                "overdue": 2, "open": 2})

    def test_unknown_unit_exit_2(self):
        code, data = self.run_stats("00000", "--year", "2026", "--format", "json")
        self.assertEqual(code, 2)
        self.assertIn("errors", data)


class AccessTest(Base):
    def test_personal_data_roles_and_404_for_others(self):
        case = self.case(name="Lê Văn C", phone="0988777666", consent=True)
        url = reverse("feedback_case", args=[case.pk])
        for user in (self.officer, self.chief, self.staff, self.reviewer, self.approver):
            with self.subTest(user=user.username):
                self.assertContains(self.as_(user).get(url), "0988777666")
        for user in (self.supervisor, self.outsider, self.other_chief, self.council):
            with self.subTest(user=user.username):
                self.assertEqual(self.as_(user).get(url).status_code, 404)
        self.client.logout()
        self.assertEqual(self.client.get(url).status_code, 302)

    def test_the_photo_is_a_download_for_those_who_read_the_case_only(self):
        case = self.case(photo=SimpleUploadedFile("anh.jpg", jpeg_with_gps(), "image/jpeg"))
        url = reverse("feedback_photo", args=[case.pk])
        r = self.as_(self.officer).get(url)
        self.assertEqual((r.status_code, r["Content-Type"]), (200, "image/jpeg"))
        self.assertEqual(r["Content-Disposition"], f'attachment; filename="phan-anh-{case.code}.jpg"')
        self.assertEqual(b"".join(r.streaming_content)[:3], b"\xff\xd8\xff")
        for user in (self.supervisor, self.outsider):
            with self.subTest(user=user.username):
                self.assertEqual(self.as_(user).get(url).status_code, 404)
        self.assertEqual(self.as_(self.officer).post(url).status_code, 405)
        self.assertEqual(self.as_(self.officer).get(reverse("feedback_photo", args=[self.case().pk])).status_code, 404)
        self.client.logout()
        self.assertEqual(self.client.get(url).status_code, 302)

    def test_no_audit_row_holds_the_citizens_contact(self):
        case = self.case(name="Lê Văn Cường", phone="0988777666", email="cuong.le@example.vn", consent=True)
        case = services.forward(case, self.staff, to_unit=self.ward2, note="Thuộc địa bàn Phước Long")
        case = services.acknowledge(case, self.staff)
        case = services.answer(case, self.staff, "Đã bố trí lực lượng kiểm tra, xử lý.")
        services.rate(case, True, "Cảm ơn các anh.")
        events = AuditEvent.objects.filter(action__startswith="feedback.")
        self.assertEqual(events.count(), 5)
        rows = [json.dumps([e.action, e.data, e.object_type, e.object_id, e.comment], ensure_ascii=False) for e in events]
        self.assertFalse([row for row in rows if any(w in row for w in ("Cường", "0988777666", "cuong.le"))])

    def test_reviewer_reads_but_may_not_act_and_get_only_pages_refuse_post(self):
        case = self.case()
        url = reverse("feedback_case", args=[case.pk])
        self.assertEqual(self.as_(self.reviewer).post(url, {"action": "acknowledge"}).status_code, 403)
        r = self.as_(self.officer).post(url, {"action": "acknowledge"})
        self.assertEqual(r.status_code, 302)
        self.assertEqual(self.as_(self.officer).post(reverse("feedback_list")).status_code, 405)
        self.assertEqual(self.client.put("/cong-dan/tra-cuu/").status_code, 405)
        r = self.as_(self.officer).post(url, {"action": "answer", "answer": ""})
        self.assertEqual(r.status_code, 400)
        self.assertContains(r, "Hãy ghi nội dung trả lời", status_code=400)

    def test_inbox_lists_new_feedback_for_ward_officers(self):
        self.case()
        self.assertContains(self.as_(self.officer).get(reverse("todo")), "Phản ánh của người dân chờ xử lý")
        self.assertNotContains(self.as_(self.supervisor).get(reverse("todo")), "Phản ánh của người dân chờ xử lý")

    def test_public_ward_page(self):
        self.case()
        r = self.client.get(reverse("feedback_ward", args=[self.ward.code]))
        self.assertContains(r, "Đã tiếp nhận")
        self.assertEqual(self.client.get(reverse("feedback_ward", args=["00000"])).status_code, 404)


@given(st.lists(st.tuples(st.sampled_from(["received", "assigned", "answered", "closed", "spam"]), st.booleans(),
                          st.integers(-30, 30)), max_size=30))
def test_counts_add_up(rows):
    today = dt.date(2026, 11, 23)
    parsed = [rules.Row(s, late, today + dt.timedelta(days=d), today - dt.timedelta(days=40),
                        today if s in ("answered", "closed") else None) for s, late, d in rows]
    c = rules.count(parsed, today)
    assert c.received == c.resolved + c.open
    assert c.resolved_on_time <= c.resolved
    assert c.due <= c.received
    assert c.overdue <= c.received
    assert c.resolved_on_time + c.overdue >= c.resolved


@given(st.text(max_size=30))
def test_code_normalize_never_crashes_and_round_trips(text):
    code = codes.normalize(text)
    assert code is None or codes.normalize(codes.display(code)) == code
