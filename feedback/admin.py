from django.contrib import admin

from audit.admin import AuditedAdmin, ReadOnlyAdmin

from .models import Case, Category


@admin.register(Category)
class CategoryAdmin(AuditedAdmin):
    list_display = ["name", "code", "counts_for_tc16", "working_days", "active", "position"]
    list_editable = ["position"]


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    """Read-only, and without contact data: cases are handled on their pages, where each step is audited."""

    list_display = ["code", "unit", "category", "status", "received_at", "deadline"]
    list_filter = ["status", "category"]
    exclude = ["consent_text"]
