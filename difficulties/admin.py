from django.contrib import admin

from audit.admin import ReadOnlyAdmin

from .models import Difficulty


@admin.register(Difficulty)
class DifficultyAdmin(ReadOnlyAdmin):
    """Read-only: difficulties are raised and handled on their pages, where each step is audited."""

    list_display = ["title", "program", "body", "unit", "state", "raised_at"]
    list_filter = ["state", "program"]
