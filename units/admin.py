from django.contrib import admin

from audit.admin import AuditedAdmin

from .models import Lineage, Unit


@admin.register(Unit)
class UnitAdmin(AuditedAdmin):
    list_display = ["code", "name", "kind", "level", "parent", "valid_from", "valid_until", "officer_count"]
    list_filter = ["level", "kind"]
    search_fields = ["code", "name"]
    raw_id_fields = ["parent"]


@admin.register(Lineage)
class LineageAdmin(AuditedAdmin):
    list_display = ["predecessor", "successor", "kind", "effective_date", "is_default_successor"]
    raw_id_fields = ["predecessor", "successor"]
