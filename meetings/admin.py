from django.contrib import admin

from audit.admin import ReadOnlyAdmin

from .models import ActionItem, Meeting


class ActionInline(admin.TabularInline):
    model = ActionItem
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    """Read-only: meetings are scheduled and recorded on their pages, where each step is audited."""

    list_display = ["title", "program", "level", "slot", "state", "held_on"]
    list_filter = ["program", "level", "state"]
    inlines = [ActionInline]
