from django.contrib.auth import get_user_model
from django.urls import reverse

from kieumau.testing import PASSWORD, BaseTestCase


class AdminTests(BaseTestCase):
    def test_users_with_their_roles_in_vietnamese(self):
        get_user_model().objects.create_superuser("root", password=PASSWORD)
        self.client.login(username="root", password=PASSWORD)
        r = self.client.get(reverse("admin:auth_user_changelist"))
        self.assertContains(r, "Cán bộ chương trình cấp tỉnh (PV01) — Tỉnh Khánh Hòa")
        r = self.client.get(reverse("admin:auth_user_change", args=[self.staff.pk]))
        self.assertContains(r, "phân công vai trò")
        self.assertEqual(self.client.get(reverse("admin:assessments_workflowsettings_add")).status_code, 200)

    def test_non_staff_cannot_enter(self):
        self.client.login(username="staff", password=PASSWORD)
        self.assertEqual(self.client.get(reverse("admin:index")).status_code, 302)
