"""Norm tables are the province's data: corrected here (each change audited) or reloaded from their file. The wards'
registers are read here and kept on their pages, where each write is checked and audited."""

from django.contrib import admin

from audit.admin import AuditedAdmin, ReadOnlyAdmin

from .models import BudgetLine, EquipmentItem, EquipmentNorm, Headquarters, Holding, LandNorm, Staffing, Training
from .norms import norms_changed


class _NormAdmin(AuditedAdmin):
    """A change to a norm moves the figures of the province's wards (after commit): told once per save, after the
    row and its inline rows are written."""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        norms_changed(form.instance.province)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        norms_changed(obj.province)

    def delete_queryset(self, request, queryset):
        provinces = {obj.province for obj in queryset.select_related("province")}  # one query, not one a row
        super().delete_queryset(request, queryset)
        for province in provinces:
            norms_changed(province)


@admin.register(LandNorm)
class LandNormAdmin(_NormAdmin):
    list_display = ["province", "ward_kind", "work_land_m2", "living_land_m2", "source"]
    list_filter = ["ward_kind"]


class EquipmentNormInline(admin.TabularInline):
    model = EquipmentNorm
    extra = 0


@admin.register(EquipmentItem)
class EquipmentItemAdmin(_NormAdmin):
    list_display = ["name", "province", "category", "unit_price", "source"]
    list_filter = ["category"]
    inlines = [EquipmentNormInline]


for model, fields in ((Headquarters, ["unit", "ward_kind", "work_land_m2", "follows_design", "updated_at"]),
                      (Holding, ["unit", "item", "quantity"]),
                      (BudgetLine, ["unit", "year", "source", "purpose", "planned", "disbursed"]),
                      (Staffing, ["unit", "year", "establishment", "chiefs", "deputies", "officers"]),
                      (Training, ["unit", "held_on", "subject", "title", "attendees"])):
    admin.site.register(model, type(f"{model.__name__}Admin", (ReadOnlyAdmin,), {"list_display": fields}))
