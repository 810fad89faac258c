"""The registers' pages: works / 404 outside scope / 403 for a reader's post / 405; bad input → 400, nothing written."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AuditEvent
from kieumau.testing import make_unit
from resources import services
from resources.models import BudgetLine, EquipmentItem, Headquarters, Holding, Staffing, Training
from units.models import Level

from .base import ResourcesTestCase
from .test_indicators import HQ


def rows():
    return tuple(m.objects.count() for m in (Headquarters, Holding, BudgetLine, Staffing, Training, AuditEvent))


class WardPageTest(ResourcesTestCase):
    def setUp(self):
        super().setUp()
        self.url = reverse("resources_ward", args=[self.ward.pk])

    def test_it_works_for_the_ward_and_the_province_readers(self):
        for user in (self.officer, self.chief, self.staff, self.supervisor, self.reviewer, self.city_reviewer):
            r = self.as_(user).get(self.url)
            self.assertEqual(r.status_code, 200, user.username)
        self.assertContains(r, "Trụ sở &amp; đất")
        self.assertContains(r, "Xe ô tô chuyên dùng tuần tra")
        self.assertNotContains(r, 'name="action"')  # a reader gets no forms

    def test_it_is_404_outside_scope_and_for_a_non_ward(self):
        self.assertEqual(self.as_(self.outsider).get(self.url).status_code, 404)
        self.assertEqual(self.as_(self.other_chief).get(self.url).status_code, 404)
        self.assertEqual(self.as_(self.officer).get(reverse("resources_ward", args=[self.ward2.pk])).status_code, 404)
        self.assertEqual(self.as_(self.staff).get(reverse("resources_ward", args=[self.province.pk])).status_code, 404)
        self.assertEqual(self.as_(self.staff).get(reverse("resources_ward", args=[999999])).status_code, 404)
        self.assertEqual(self.as_(self.staff).get(self.url + "?nam=abc").status_code, 404)
        self.client.logout()
        self.assertEqual(self.client.get(self.url).status_code, 302)  # to the login page

    def test_a_readers_post_is_403_and_a_wrong_method_405(self):
        before = rows()
        for user in (self.supervisor, self.reviewer, self.council, self.approver):
            self.assertEqual(self.as_(user).post(self.url, dict(HQ, action="headquarters")).status_code, 403, user.username)
        self.assertEqual(self.as_(self.officer).delete(self.url).status_code, 405)
        self.assertEqual(self.as_(self.officer).put(self.url).status_code, 405)
        self.assertEqual(rows(), before)

    def test_a_ward_that_ended_is_read_only(self):
        url = reverse("resources_ward", args=[self.gone.pk])
        r = self.as_(self.staff).get(url)
        self.assertContains(r, "không còn tồn tại")
        self.assertEqual(self.as_(self.staff).post(url, dict(HQ, action="headquarters")).status_code, 403)

    def test_the_ward_and_the_province_staff_keep_the_registers(self):
        c = self.as_(self.officer)
        r = c.post(self.url + "?nam=2026", dict(HQ, action="headquarters"))
        self.assertEqual(r.status_code, 302)
        self.assertTrue(r["Location"].endswith("?nam=2026#tru-so"))
        hq = Headquarters.objects.get(unit=self.ward)
        self.assertEqual(str(hq.work_land_m2), "750.50")
        r = self.as_(self.staff).post(self.url, dict(HQ, action="headquarters", work_land_m2="900"))
        self.assertEqual(r.status_code, 302)
        event = AuditEvent.objects.filter(action="resources.headquarters_saved").latest("id")
        self.assertEqual(event.data["changes"], {"work_land_m2": {"before": "750.5", "after": "900"}})
        self.assertEqual(event.actor, self.staff)
        before = rows()
        self.as_(self.staff).post(self.url, dict(HQ, action="headquarters", work_land_m2="900,00"))  # the same: no row
        self.assertEqual(rows(), before)
        page = c.get(self.url)
        self.assertContains(page, "900")
        self.assertContains(page, 'value="900"')

    def test_holdings_budget_staffing_and_training(self):
        c = self.as_(self.chief)
        c.post(self.url, dict(HQ, action="headquarters"))
        items = list(EquipmentItem.objects.filter(province=self.province))
        r = c.post(self.url, {"action": "holdings", **{f"item_{i.pk}": "1" for i in items}})
        self.assertEqual(r.status_code, 302)
        self.assertEqual(Holding.objects.filter(unit=self.ward).count(), len(items))
        self.assertEqual(AuditEvent.objects.filter(action="resources.holdings_saved").count(), 1)
        page = c.get(self.url)
        self.assertContains(page, "hạng mục chưa đủ định mức")
        r = c.post(self.url + "?nam=2026", {"action": "budget", "source": "bo-cong-an", "purpose": "Mua xe", "planned": "10",
                                            "disbursed": "12,5"})
        self.assertEqual(r.status_code, 302)
        line = BudgetLine.objects.get(unit=self.ward)
        self.assertContains(c.get(self.url), "vượt dự toán")  # accepted, flagged
        r = c.post(self.url + "?nam=2026", {"action": "budget", "line": line.pk, "source": "bo-cong-an", "purpose": "Mua xe",
                                            "planned": "15", "disbursed": "12,5"})
        line.refresh_from_db()
        self.assertEqual(str(line.planned), "15.000")
        self.assertContains(c.get(self.url + f"?nam=2026&sua={line.pk}"), 'value="15"')
        c.post(self.url + "?nam=2026", {"action": "staffing", "establishment": "20", "chiefs": "1", "chiefs_ok": "1",
                                        "deputies": "2", "deputies_ok": "2", "officers": "12", "officers_ok": "10"})
        self.assertEqual(Staffing.objects.get(unit=self.ward, year=2026).total, 15)
        r = c.post(self.url + "?nam=2026", {"action": "training", "subject": "chinh-tri", "held_on": "15/03/2026",
                                            "title": "Học tập Nghị quyết", "attendees": "15"})
        self.assertEqual(r.status_code, 302)
        t = Training.objects.get()
        page = c.get(self.url + "?nam=2026")
        self.assertContains(page, "Học tập Nghị quyết")
        self.assertContains(page, "Còn thiếu <strong>5</strong>")
        c.post(self.url + "?nam=2026", {"action": "training_delete", "training": t.pk})
        c.post(self.url + "?nam=2026", {"action": "budget_delete", "line": line.pk})
        self.assertFalse(Training.objects.exists() or BudgetLine.objects.exists())
        actions = set(AuditEvent.objects.filter(unit=self.ward).values_list("action", flat=True))
        self.assertEqual(actions, {"resources.headquarters_saved", "resources.holdings_saved", "resources.budget_line_added",
                                   "resources.budget_line_changed", "resources.budget_line_deleted",
                                   "resources.staffing_saved", "resources.training_added", "resources.training_deleted"})

    def bad(self, data, *fragments, year=2026):
        before = rows()
        r = self.as_(self.officer).post(self.url + f"?nam={year}", data)
        self.assertEqual(r.status_code, 400, data)
        for fragment in fragments:
            self.assertContains(r, fragment, status_code=400)
        self.assertEqual(rows(), before, data)
        return r

    def test_bad_input_is_400_with_the_place_and_nothing_is_written(self):
        self.bad(dict(HQ, action="headquarters", work_land_m2="-5"), "diện tích đất làm việc", "âm")
        self.bad(dict(HQ, action="headquarters", work_land_m2="nhiều"), "không phải là số")
        self.bad(dict(HQ, action="headquarters", work_land_m2="1234567890123456789012345"), "quá lớn")
        self.bad(dict(HQ, action="headquarters", work_land_m2="1,234"), "2 chữ số thập phân")
        self.bad(dict(HQ, action="headquarters", ward_kind="loai-9"), "loại phường")
        self.bad(dict(HQ, action="headquarters", year_built="2099"), "năm xây dựng")
        self.bad(dict(HQ, action="headquarters", planned_works="x" * 2001), "dài quá 2000")
        r = self.bad(dict(HQ, action="headquarters", planned_works="<script>alert(1)</script>", work_land_m2="123,4"), "mã HTML")
        self.assertContains(r, 'value="123,4"', status_code=400)  # what was typed is kept
        self.assertContains(r, "&lt;script&gt;", status_code=400)
        item = EquipmentItem.objects.filter(province=self.province).first()
        self.bad({"action": "holdings", f"item_{item.pk}": "-1"}, "âm", item.name)
        self.bad({"action": "holdings", f"item_{item.pk}": "2,5"}, "số nguyên")
        self.bad({"action": "budget", "source": "ngan-hang", "purpose": "x", "planned": "1"}, "nguồn kinh phí")
        self.bad({"action": "budget", "source": "bo-cong-an", "purpose": "x", "planned": "1,2345"}, "3 chữ số thập phân")
        self.bad({"action": "budget", "source": "bo-cong-an", "purpose": "", "planned": "1"}, "nội dung chi")
        self.bad({"action": "budget", "source": "bo-cong-an", "purpose": "x", "planned": "1", "line": "999999"}, "Không tìm thấy")
        self.bad({"action": "staffing", "establishment": "20", "officers": "5", "officers_ok": "6"}, "không được lớn hơn")
        self.bad({"action": "staffing", "establishment": "abc"}, "biên chế được giao")
        self.bad({"action": "training", "subject": "chinh-tri", "held_on": "2026-03-01", "title": "A", "attendees": "3"},
                 "Hãy nhập biên chế năm 2026")
        services.save_staffing(self.ward, self.officer, 2026, {"establishment": "10", "officers": "8", "officers_ok": "8"})
        self.bad({"action": "training", "subject": "chinh-tri", "held_on": "2026-03-01", "title": "A", "attendees": "9"},
                 "không được lớn hơn số cán bộ")
        self.bad({"action": "training", "subject": "chinh-tri", "held_on": "2025-12-31", "title": "A", "attendees": "3"},
                 "không thuộc năm 2026")
        self.bad({"action": "training", "subject": "chinh-tri", "held_on": "31/02/2026", "title": "A", "attendees": "3"},
                 "không đúng dạng")
        self.bad({"action": "training", "subject": "boi", "held_on": "2026-03-01", "title": "A", "attendees": "3"},
                 "nội dung tập huấn")
        services.add_training(self.ward, self.officer, 2026, {"subject": "dan-van", "held_on": "2026-05-01", "title": "B",
                                                              "attendees": "8"})
        self.bad({"action": "staffing", "establishment": "10", "officers": "7", "officers_ok": "7"}, "có 8 người dự")
        self.bad({"action": "nhay-mua"}, "Thao tác không hợp lệ")


class ProvincePageTest(ResourcesTestCase):
    def setUp(self):
        super().setUp()
        self.url = reverse("resources_province", args=[self.province.pk])

    def test_it_works_404_403_405(self):
        for user in (self.staff, self.supervisor, self.reviewer):
            self.assertEqual(self.as_(user).get(self.url).status_code, 200)
        self.assertEqual(self.as_(self.outsider).get(self.url).status_code, 404)
        self.assertEqual(self.as_(self.officer).get(self.url).status_code, 404)
        self.assertEqual(self.as_(self.staff).get(reverse("resources_province", args=[self.ward.pk])).status_code, 404)
        data = {"action": "budget", "source": "de-an-07", "purpose": "Hội nghị", "planned": "50"}
        self.assertEqual(self.as_(self.supervisor).post(self.url, data).status_code, 403)
        self.assertEqual(self.as_(self.city_reviewer).get(self.url).status_code, 404)
        self.assertEqual(self.as_(self.staff).patch(self.url).status_code, 405)
        self.assertFalse(BudgetLine.objects.exists())
        r = self.as_(self.staff).post(self.url + "?nam=2026", data)
        self.assertEqual(r.status_code, 302)
        self.assertEqual(BudgetLine.objects.get().unit, self.province)
        before = rows()
        r = self.as_(self.staff).post(self.url, dict(data, planned="-1"))
        self.assertContains(r, "dự toán", status_code=400)
        self.assertEqual(rows(), before)

    def test_shortfalls_by_cost_funding_totals_and_headquarters_overview(self):
        items = {i.code: i for i in EquipmentItem.objects.filter(province=self.province)}
        services.save_headquarters(self.ward, self.officer, dict(HQ, ward_kind="loai-1", work_land_m2="500",
                                                                 follows_design=""))
        services.save_holdings(self.ward, self.officer, {f"item_{i.pk}": 100 for i in items.values()} | {
            f"item_{items['o-to'].pk}": "0", f"item_{items['sung-ngan'].pk}": "2", f"item_{items['may-in'].pk}": "1"})
        services.save_budget_line(self.ward, self.officer, 2026, {"source": "bo-cong-an", "purpose": "a", "planned": "0,1",
                                                                  "disbursed": "0,2"})
        services.save_budget_line(self.province, self.staff, 2026, {"source": "bo-cong-an", "purpose": "b", "planned": "0,2"})
        services.save_budget_line(self.ward2, self.staff, 2025, {"source": "long-ghep", "purpose": "c", "planned": "3"})
        r = self.as_(self.staff).get(self.url)
        html = r.content.decode()
        # ô tô (900 triệu) before máy in (2 × 8 triệu), then the gun without a price
        self.assertLess(html.index("Xe ô tô chuyên dùng tuần tra</td>"), html.index("Máy in</td>"))
        self.assertLess(html.index("Máy in</td>"), html.index("Súng ngắn quân dụng</td>"))
        self.assertContains(r, "chưa có đơn giá")
        self.assertContains(r, "916")  # 900 + 2 × 8 million VND to close
        self.assertContains(r, "0,3")  # 0,1 + 0,2 planned in 2026, exact
        self.assertContains(r, "Cộng năm 2025")
        self.assertContains(r, "dưới định mức")
        self.assertContains(r, "1 phường có trụ sở chưa theo thiết kế mẫu")

    def test_query_count_does_not_grow_with_the_wards(self):
        def add(n):
            for i in range(n):
                w = make_unit(f"9{len(self.wards)}", f"Phường Thử {len(self.wards)}", Level.COMMUNE, self.city)
                self.wards.append(w)
                services.save_headquarters(w, self.staff, HQ)
                services.save_holdings(w, self.staff, {})
                services.save_budget_line(w, self.staff, 2026, {"source": "bo-cong-an", "purpose": "x", "planned": "1"})
        self.wards = []
        c = self.as_(self.staff)
        add(2)
        c.get(self.url)
        with CaptureQueriesContext(connection) as few:
            self.assertEqual(c.get(self.url).status_code, 200)
        add(10)
        with CaptureQueriesContext(connection) as many:
            self.assertContains(c.get(self.url), "Phường Thử 11")
        self.assertEqual(len(few), len(many))
        self.assertLessEqual(len(many), 20)


class PanelTest(ResourcesTestCase):
    def test_the_panel_is_kept_across_figures_saved_and_not_across_a_register_change(self):
        """Figures saved rebuild the scorecard's criteria only; its history and panels stay kept until another event on
        the ward (kieumau.fragments.unit_versions), which shows at once."""
        from unittest import mock

        from assessments import pages
        from assessments import views as scorecard_views
        from assessments.services import save_figures

        services.save_headquarters(self.ward, self.officer, dict(HQ, work_land_m2="500"))
        revision = save_figures(self.ward, 2026, {"so_cbcs": "10"}, {}, self.officer, revision=0).assessment.revision
        card, c = reverse("scorecard", args=[self.ward.pk, 2026]), self.as_(self.staff)
        with mock.patch.object(pages, "unit_history", wraps=pages.unit_history) as around, \
                mock.patch.object(scorecard_views, "_result_html", wraps=scorecard_views._result_html) as figures:
            self.assertContains(c.get(card), "đất làm việc 500 m²")
            c.get(card)
            self.assertEqual((around.call_count, figures.call_count), (1, 1))
            save_figures(self.ward, 2026, {"so_cbcs": "12"}, {}, self.officer, revision=revision)
            self.assertContains(c.get(card), "đất làm việc 500 m²")
            self.assertEqual((around.call_count, figures.call_count), (1, 2))  # the panel kept, the criteria not
            services.save_headquarters(self.ward, self.officer, dict(HQ, work_land_m2="900"))
            self.assertContains(c.get(card), "đất làm việc 900 m²")
            self.assertEqual((around.call_count, figures.call_count), (2, 3))

    def test_the_scorecard_and_the_period_summary_show_the_registers(self):
        services.save_headquarters(self.ward, self.officer, dict(HQ, work_land_m2="500"))
        card = self.as_(self.officer).get(reverse("scorecard", args=[self.ward.pk, 2026]))
        self.assertContains(card, "Nguồn lực: trụ sở, trang bị, kinh phí")
        self.assertContains(card, f"/nguon-luc/phuong/{self.ward.pk}/?nam=2026")
        self.assertContains(card, "dưới định mức")
        empty = self.as_(self.staff).get(reverse("scorecard", args=[self.ward2.pk, 2026]))
        self.assertNotContains(empty, "Nguồn lực: trụ sở")
        import datetime as dt

        from kieumau import panels
        shown = [p.title for p in panels.for_province(self.province, dt.date(2026, 1, 1), dt.date(2026, 12, 31), self.staff)]
        self.assertIn("Nguồn lực: trụ sở, trang bị, kinh phí", shown)
