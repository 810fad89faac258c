from django.contrib import admin, messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from audit.admin import AuditedAdmin

from . import reorg
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
    list_filter = ["kind", "effective_date"]
    search_fields = ["predecessor__name", "successor__name", "predecessor__code", "successor__code"]
    raw_id_fields = ["predecessor", "successor"]
    change_list_template = "admin/units/lineage/change_list.html"

    def get_urls(self):
        return [path("ghi-nhan/", self.admin_site.admin_view(self.record_view), name="units_lineage_record")] + super().get_urls()

    def record_view(self, request):
        """Record a reorganization from CSV text: check first (nothing written), then apply in one transaction."""
        if not self.has_add_permission(request):
            return redirect("admin:index")
        text = request.POST.get("csv", "") if request.method == "POST" else ",".join(reorg.COLUMNS) + "\n"
        upload = request.FILES.get("file") if request.method == "POST" else None
        if upload and upload.size > reorg.MAX_BYTES:
            messages.error(request, f"Tệp lớn quá {reorg.MAX_BYTES // 1_000_000} MB (giới hạn cho một đợt sắp xếp); hãy chia thành nhiều tệp.")
            upload, text = None, ""
        if upload:
            try:
                text = upload.read().decode("utf-8")
            except UnicodeDecodeError:
                messages.error(request, "Tệp phải là CSV mã hóa UTF-8.")
        plan = None
        if request.method == "POST" and text.strip():
            if "apply" in request.POST:
                plan = reorg.apply(text, request.user)
                if plan.ok:
                    messages.success(request, f"Đã ghi nhận {len(plan.edges)} quan hệ kế thừa, {len(plan.forming)} đơn vị mới, "
                                              f"{len(plan.ending)} đơn vị chấm dứt.")
                    return redirect(reverse("admin:units_lineage_changelist"))
            else:
                plan = reorg.check(text)
        context = {**self.admin_site.each_context(request), "title": "Ghi nhận sắp xếp đơn vị hành chính",
                   "opts": self.model._meta, "csv": text, "plan": plan, "columns": reorg.COLUMNS}
        return TemplateResponse(request, "admin/units/lineage/record.html", context)
