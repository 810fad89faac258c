"""Editing the program's bodies, tasks and successions in /quan-tri/ (every change audited)."""

from django.contrib import admin

from audit.admin import AuditedAdmin

from .models import Body, BodyAssignment, Program, Succession, Task


class TaskInline(admin.StackedInline):
    model = Task
    extra = 0
    fields = ["item", "holder", "text", "figures"]
    raw_id_fields = ["holder"]


@admin.register(Program)
class ProgramAdmin(AuditedAdmin):
    list_display = ["code", "title", "province", "start_year", "end_year", "calendar_assumed"]
    raw_id_fields = ["province"]
    inlines = [TaskInline]


class SuccessionInline(admin.TabularInline):
    model = Succession
    fk_name = "predecessor"
    extra = 0
    fields = ["successor", "effective_date", "kind", "is_default", "duties", "basis"]
    raw_id_fields = ["successor"]


class AssignmentInline(admin.TabularInline):
    model = BodyAssignment
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Body)
class BodyAdmin(AuditedAdmin):
    list_display = ["name", "code", "kind", "province", "valid_from", "valid_until"]
    list_filter = ["kind", "province"]
    search_fields = ["name", "code", "short_name"]
    raw_id_fields = ["province", "district"]
    inlines = [SuccessionInline, AssignmentInline]


@admin.register(BodyAssignment)
class BodyAssignmentAdmin(AuditedAdmin):
    list_display = ["user", "body", "role"]
    search_fields = ["user__username", "body__name"]
    raw_id_fields = ["user", "body"]
