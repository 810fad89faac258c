from django.contrib import admin

from audit.admin import ReadOnlyAdmin

from .models import Finding, Visit


@admin.register(Visit)
class VisitAdmin(ReadOnlyAdmin):
    """Read-only: visits and findings are recorded on their pages, where each step is audited."""

    list_display = ["organisation", "unit", "body", "visited_on", "program"]
    list_filter = ["program", "kind"]


@admin.register(Finding)
class FindingAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "visit", "state", "due"]
    list_filter = ["state"]
