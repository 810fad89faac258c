from django.urls import reverse

from assessments.models import Assessment
from kieumau.testing import PASSWORD, BaseTestCase

from .helpers import form_data


class EnterFiguresTests(BaseTestCase):
    def setUp(self):
        self.url = reverse("enter_figures", args=[self.ward.pk, 2025])
        self.client.login(username="officer", password=PASSWORD)

    def test_it_shows_the_form_grouped_by_the_seven_groups(self):
        r = self.client.get(self.url)
        self.assertEqual(r.status_code, 200)
        for n in range(1, 8):
            self.assertContains(r, f"<legend>N{n}.", html=False)
        self.assertContains(r, 'name="prev_so_vu_ttxh"')  # no 2024 record: last year's figure is asked

    def test_it_saves_and_redirects_to_the_scorecard(self):
        r = self.client.post(self.url, form_data(revision=0))
        self.assertRedirects(r, reverse("scorecard", args=[self.ward.pk, 2025]))
        self.assertTrue(Assessment.objects.get().meets_standard)

    def test_last_years_figure_is_shown_beside_the_field(self):
        self.client.post(reverse("enter_figures", args=[self.ward.pk, 2024]),
                         form_data({"so_cbcs": 9, "so_cbcs_htt": 9, "so_cbcs_dat_tieu_chuan": 9, "dinh_bien": 9}, revision=0))
        r = self.client.get(self.url)
        self.assertContains(r, "năm trước: 9")
        self.assertNotContains(r, 'name="prev_so_vu_ttxh"')  # the 2024 record has it

    def test_wrong_input_is_refused_at_the_field_and_nothing_is_saved(self):
        data = form_data({"so_cbcs": "-2", "so_tin_bao": "nhiều", "so_khu_dan_cu_van_hoa": "31"})
        r = self.client.post(self.url, data)
        self.assertEqual(r.status_code, 400)
        self.assertContains(r, "Chưa lưu gì.", status_code=400)
        self.assertContains(r, "Không được là số âm", status_code=400)
        self.assertContains(r, "«nhiều» không phải là số", status_code=400)
        self.assertContains(r, "«Số khu dân cư văn hóa» (31) không được lớn hơn «Tổng số khu dân cư» (30)", status_code=400)
        self.assertFalse(Assessment.objects.exists())

    def test_a_stale_form_gets_a_conflict_message(self):
        self.client.post(self.url, form_data(revision=0))
        r = self.client.post(self.url, form_data({"so_don_ton_dong": 1}, revision=0))
        self.assertContains(r, "Người khác đã lưu", status_code=400)
        self.assertEqual(Assessment.objects.get().values["so_don_ton_dong"], 0)

    def test_read_only_roles_get_403(self):
        self.client.login(username="supervisor", password=PASSWORD)
        self.assertEqual(self.client.get(self.url).status_code, 403)
        self.assertEqual(self.client.post(self.url, form_data()).status_code, 403)
        self.assertFalse(Assessment.objects.exists())

    def test_it_404s_outside_scope(self):
        self.client.login(username="outsider", password=PASSWORD)
        self.assertEqual(self.client.get(self.url).status_code, 404)

    def test_it_rejects_put(self):
        self.assertEqual(self.client.put(self.url).status_code, 405)


class PreviewTests(BaseTestCase):
    def setUp(self):
        self.url = reverse("preview", args=[self.ward.pk, 2025])
        self.client.login(username="officer", password=PASSWORD)

    def test_it_evaluates_without_saving(self):
        r = self.client.post(self.url, form_data({"so_khu_dan_cu_van_hoa": 26}))
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "26/30 khu dân cư văn hóa (86,6%), yêu cầu ≥ 90%")
        self.assertContains(r, "Chưa đạt chuẩn.")
        self.assertFalse(Assessment.objects.exists())

    def test_it_lists_invalid_fields(self):
        r = self.client.post(self.url, form_data({"so_cbcs": "-1"}))
        self.assertContains(r, "1 ô nhập sai")
        self.assertContains(r, "Tổng số cán bộ, chiến sĩ</strong>: Không được là số âm", html=False)

    def test_it_rejects_get(self):
        self.assertEqual(self.client.get(self.url).status_code, 405)

    def test_read_only_and_outside(self):
        self.client.login(username="supervisor", password=PASSWORD)
        self.assertEqual(self.client.post(self.url, form_data()).status_code, 403)
        self.client.login(username="outsider", password=PASSWORD)
        self.assertEqual(self.client.post(self.url, form_data()).status_code, 404)


class HostileEntryTests(BaseTestCase):
    """What a security probe sent to the entry form: refused in Vietnamese at the field, nothing saved."""

    def setUp(self):
        self.url = reverse("enter_figures", args=[self.ward.pk, 2025])
        self.client.login(username="officer", password=PASSWORD)

    def test_nul_characters_and_foreign_digits_are_refused_in_vietnamese(self):
        # a NUL anywhere in a form is refused before the view (kieumau/middleware.py), with its own message
        r = self.client.post(self.url, form_data({"so_cbcs": "1\x002"}, revision=0))
        self.assertContains(r, "ký tự NUL", status_code=400)
        r = self.client.post(self.url, form_data({"so_tin_bao": "١٢", "so_khu_dan_cu": "３０", "dinh_bien": "²"}, revision=0))
        for text in ("«١٢» không phải là số", "«３０» không phải là số", "«²» không phải là số"):
            self.assertContains(r, text, status_code=400)
        self.assertNotContains(r, "Null characters", status_code=400)
        self.assertNotContains(r, "invalid literal", status_code=400)
        self.assertFalse(Assessment.objects.exists())

    def test_a_save_needs_exactly_one_valid_revision(self):
        data = form_data(revision=0)
        for revision in (None, "", "abc", "٠", "-1"):
            posted = dict(data)
            if revision is None:
                posted.pop("revision")
            else:
                posted["revision"] = revision
            r = self.client.post(self.url, posted)
            self.assertEqual(r.status_code, 400, revision)
        r = self.client.post(self.url, {**data, "revision": ["0", "0"]})
        self.assertEqual(r.status_code, 400)
        self.assertContains(r, "tải lại trang", status_code=400)
        self.assertFalse(Assessment.objects.exists())

    def test_an_empty_post_wipes_nothing(self):
        self.client.post(self.url, form_data(revision=0))
        before = Assessment.objects.get().values
        self.assertEqual(self.client.post(self.url, {}).status_code, 400)  # no revision: refused
        r = self.client.post(self.url, {"revision": str(Assessment.objects.get().revision)})
        self.assertEqual(r.status_code, 302)  # nothing sent, nothing cleared
        self.assertEqual(Assessment.objects.get().values, before)
