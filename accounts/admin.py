"""Vietnamese admin for users and their roles on units (/quan-tri/)."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from audit.admin import AuditedAdmin

from .models import RoleAssignment, TOTPDevice

User = get_user_model()


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    extra = 1
    raw_id_fields = ["unit"]


class TOTPInline(admin.TabularInline):
    model = TOTPDevice
    fields = ["confirmed", "created_at"]
    readonly_fields = ["confirmed", "created_at"]
    extra = 0
    can_delete = True  # an administrator can reset a lost phone; the user sets it up again


admin.site.unregister(User)


@admin.register(User)
class UserAdmin(AuditedAdmin, BaseUserAdmin):
    inlines = [RoleInline, TOTPInline]
    list_display = ["username", "first_name", "email", "is_active", "roles_held"]

    @admin.display(description="Vai trò")
    def roles_held(self, obj):
        return "; ".join(f"{ra.get_role_display()} — {ra.unit}" for ra in obj.roles.all())

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("roles__unit")


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(AuditedAdmin):
    list_display = ["user", "role", "unit"]
    list_filter = ["role"]
    raw_id_fields = ["unit"]
    search_fields = ["user__username", "unit__name"]


admin.site.site_header = admin.site.site_title = "KiểuMẫu — Quản trị"
