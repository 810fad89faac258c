from io import StringIO

from django.core.management import call_command
from django.test import TestCase


class ProjectTests(TestCase):
    def test_migrations_match_the_models(self):
        call_command("makemigrations", "--check", "--dry-run", stdout=StringIO())

    def test_system_checks_pass(self):
        call_command("check", stdout=StringIO())


class ErrorPageTests(TestCase):
    """Errors answer in Vietnamese, never with Django's English pages."""

    def test_404_403_500_400_and_csrf_pages_are_vietnamese(self):
        from django.contrib.auth import get_user_model
        from django.test import Client, RequestFactory
        from django.views import defaults

        from accounts.models import Role, RoleAssignment
        from kieumau.testing import make_unit
        from units.models import Level

        r = self.client.get("/khong-co-trang-nay/")
        self.assertContains(r, "Không tìm thấy trang", status_code=404)
        province = make_unit("56", "Tỉnh Khánh Hòa", Level.PROVINCE)
        ward = make_unit("22375", "Phường Vĩnh Nguyên", Level.COMMUNE, province)
        user = get_user_model().objects.create_user("giamsat", password="Mat-khau-dung-2026")
        RoleAssignment.objects.create(user=user, unit=province, role=Role.SUPERVISOR)
        self.client.login(username="giamsat", password="Mat-khau-dung-2026")
        r = self.client.get(f"/don-vi/{ward.pk}/2026/nhap-lieu/")
        self.assertContains(r, "Không được phép", status_code=403)
        request = RequestFactory().get("/")
        self.assertIn("Đã xảy ra lỗi", defaults.server_error(request).content.decode())
        self.assertIn("Yêu cầu không hợp lệ", defaults.bad_request(request, Exception()).content.decode())
        strict = Client(enforce_csrf_checks=True)
        r = strict.post("/dang-nhap/", {"username": "x", "password": "y"})
        self.assertContains(r, "Biểu mẫu đã hết hạn", status_code=403)
