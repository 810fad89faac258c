from django.contrib import admin

from audit.admin import AuditedAdmin

from .models import DayChange


@admin.register(DayChange)
class DayChangeAdmin(AuditedAdmin):
    list_display = ["date", "kind", "name"]
    list_filter = ["kind"]
    date_hierarchy = "date"
