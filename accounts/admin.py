"""Vietnamese admin for users and their roles on units (/quan-tri/)."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.admin import AuditedAdmin

from .forms import AdminLoginForm
from .models import RoleAssignment

User = get_user_model()

# django-otp's own pages are in English and would show keys; devices are managed on the user's page instead.
for _model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    extra = 1
    raw_id_fields = ["unit"]


class DeviceInline(admin.TabularInline):
    """Read-only; deleting resets a lost phone (the user enrols again) or spent backup codes."""

    fields = readonly_fields = ["is_confirmed", "created", "last_used", "wrong_codes"]
    extra = 0
    can_delete = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("confirmed"), boolean=True)
    def is_confirmed(self, obj):
        return obj.confirmed

    @admin.display(description=_("created"))
    def created(self, obj):
        return obj.created_at

    @admin.display(description=_("last used"))
    def last_used(self, obj):
        return obj.last_used_at

    @admin.display(description=_("wrong codes in a row"))
    def wrong_codes(self, obj):
        return obj.throttling_failure_count


class AuthenticatorInline(DeviceInline):
    model = TOTPDevice
    verbose_name = _("authenticator app")
    verbose_name_plural = _("two-step verification: authenticator app")


class BackupCodesInline(DeviceInline):
    model = StaticDevice
    verbose_name = _("backup codes")
    verbose_name_plural = _("two-step verification: backup codes")
    fields = readonly_fields = ["remaining", "created", "last_used", "wrong_codes"]

    @admin.display(description=_("codes left"))
    def remaining(self, obj):
        return obj.token_set.count()


admin.site.unregister(User)


@admin.register(User)
class UserAdmin(AuditedAdmin, BaseUserAdmin):
    inlines = [RoleInline, AuthenticatorInline, BackupCodesInline]
    list_display = ["username", "first_name", "email", "is_active", "roles_held"]

    @admin.display(description="Vai trò")
    def roles_held(self, obj):
        return "; ".join(f"{ra.get_role_display()} — {ra.unit or _('the whole country')}" for ra in obj.roles.all())

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("roles__unit")


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(AuditedAdmin):
    list_display = ["user", "role", "unit"]
    list_filter = ["role"]
    raw_id_fields = ["unit"]
    search_fields = ["user__username", "unit__name"]


admin.site.site_header = admin.site.site_title = "KiểuMẫu — Quản trị"
admin.site.login_form = AdminLoginForm  # a username no account could have is refused before django-axes records it
