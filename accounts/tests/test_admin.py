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


def empty(prefix):
    return {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}


class AdminAuditTests(BaseTestCase):
    def setUp(self):
        get_user_model().objects.create_superuser("root", password=PASSWORD)
        self.client.login(username="root", password=PASSWORD)

    def form_data(self, url, **changes):
        """What the admin form at ``url`` would post unchanged, with ``changes``: robust to fields added later."""
        form = self.client.get(url).context["adminform"].form
        data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
        return {**data, **changes}

    def test_every_admin_change_writes_an_audit_row_without_passwords(self):
        from audit.models import AuditEvent

        r = self.client.post(reverse("admin:auth_user_add"), {
            "username": "moi", "password1": "Mat-khau-2026!", "password2": "Mat-khau-2026!", "usable_password": "true",
            **empty("roles"), **empty("totpdevice_set"), **empty("staticdevice_set")})
        self.assertEqual(r.status_code, 302, r.context and [r.context["adminform"].form.errors, [(f.formset.prefix, f.formset.errors, f.formset.non_form_errors()) for f in r.context["inline_admin_formsets"]]])
        added = AuditEvent.objects.get(action="admin.added", object_type="auth.user")
        self.assertNotIn("Mat-khau-2026!", str(added.data))
        self.assertEqual(added.actor.username, "root")

        from assessments.models import WorkflowSettings
        add = reverse("admin:assessments_workflowsettings_add")
        r = self.client.post(add, self.form_data(add, province=self.province.pk, district_review_until="2025-03-01"))
        self.assertEqual(r.status_code, 302)
        ws = WorkflowSettings.objects.get(province=self.province)
        change = reverse("admin:assessments_workflowsettings_change", args=[ws.pk])
        r = self.client.post(change, self.form_data(change, district_review_until="2025-03-02"))
        self.assertEqual(r.status_code, 302)
        changed = AuditEvent.objects.get(action="admin.changed", object_type="assessments.workflowsettings")
        self.assertEqual(changed.data["fields"]["district_review_until"], {"before": "2025-03-01", "after": "2025-03-02"})

        r = self.client.post(reverse("admin:assessments_workflowsettings_delete", args=[ws.pk]), {"post": "yes"})
        self.assertEqual(r.status_code, 302)
        self.assertTrue(AuditEvent.objects.filter(action="admin.deleted", object_id=str(ws.pk)).exists())

    def test_roadmap_plan_editable_with_targets_inline(self):
        from roadmaps.models import Plan

        plan = Plan.objects.create(province=self.province, title="Lộ trình thử", source="QĐ 1", base_units=10,
                                   start_year=2024, end_year=2030)
        r = self.client.get(reverse("admin:roadmaps_plan_change", args=[plan.pk]))
        self.assertContains(r, "Lộ trình thử")
        self.assertContains(r, "target_rows-TOTAL_FORMS")
        r = self.client.post(reverse("admin:roadmaps_plan_change", args=[plan.pk]), {
            "province": self.province.pk, "title": "Lộ trình thử", "source": "QĐ 1", "base_units": 10,
            "start_year": 2024, "end_year": 2030, **empty("milestones"), **empty("candidates"),
            "target_rows-TOTAL_FORMS": "1", "target_rows-INITIAL_FORMS": "0",
            "target_rows-0-year": "2025", "target_rows-0-kind": "percent", "target_rows-0-value": "30"})
        self.assertEqual(r.status_code, 302)
        from audit.models import AuditEvent
        row = AuditEvent.objects.get(action="admin.added", object_type="roadmaps.plantarget")
        self.assertEqual(row.data["fields"]["value"]["after"], "30")
        self.assertEqual(plan.target_rows.get().year, 2025)


class DeviceAdminTests(BaseTestCase):
    def setUp(self):
        get_user_model().objects.create_superuser("root", password=PASSWORD)
        self.client.login(username="root", password=PASSWORD)

    def test_devices_are_on_the_users_page_deletable_and_without_keys(self):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from accounts.second_factor import enrol_for_demo

        codes = enrol_for_demo(self.approver)
        device = TOTPDevice.objects.get(user=self.approver)
        url = reverse("admin:auth_user_change", args=[self.approver.pk])
        r = self.client.get(url)
        self.assertNotContains(r, device.key)
        self.assertNotContains(r, codes[0])
        self.assertEqual(self.client.get("/quan-tri/otp_totp/totpdevice/").status_code, 404)  # not django-otp's own page
        self.assertContains(r, 'name="totpdevice_set-0-DELETE"')  # deleting it resets a lost phone
        self.assertContains(r, 'name="staticdevice_set-0-DELETE"')
