"""The reporting calendar is data per program, edited here; reports are written and returned on their pages."""

from django.contrib import admin

from audit.admin import AuditedAdmin, ReadOnlyAdmin

from .models import CalendarEntry, Report


@admin.register(CalendarEntry)
class CalendarEntryAdmin(AuditedAdmin):
    list_display = ["program", "kind", "code", "due_before", "window_from", "window_to", "opens_days_before"]
    list_filter = ["program", "kind"]


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    """Read-only: a report changes only through its page (submit, return), which audits and notifies."""

    list_display = ["holder", "period", "program", "state", "submitted_at", "times_returned"]
    list_filter = ["program", "period", "state"]
