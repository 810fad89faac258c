from django.contrib import admin

from audit.admin import AuditedAdmin

from .models import Recognition, WorkflowSettings


@admin.register(WorkflowSettings)
class WorkflowSettingsAdmin(AuditedAdmin):
    list_display = ["province", "district_review_until", "council_quorum_percent", "council_majority_percent",
                    "submission_due_day", "submission_due_month"]
    raw_id_fields = ["province"]


@admin.register(Recognition)
class RecognitionAdmin(AuditedAdmin):
    list_display = ["unit", "year", "decision_number", "decision_date", "signer"]
    list_filter = ["year"]
    search_fields = ["unit__name", "decision_number"]

    def has_change_permission(self, request, obj=None):
        return False  # decisions change through the workflow (reopen), never silently

    def has_delete_permission(self, request, obj=None):
        return False
