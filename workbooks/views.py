"""Pages of the Excel round-trip: the province-year page (download, upload), the preview and its confirmation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.scope import scope_for
from assessments import eligibility, pages
from engine import fmt
from kieumau import clock
from units.models import Level, Unit
from units.territory import display_name

from . import importer, layout, safety, wards, writer
from .models import PendingImport


def _province(request, pk: int, year: int) -> tuple[Unit, list]:
    """The province and the wards of its land in ``year`` that the user sees. A ward's own people do not see the
    province itself but do see their ward on it: the page shows them their ward only. 404 when they see nothing."""
    if not eligibility.year_in_program(year):
        raise Http404
    province = get_object_or_404(Unit, pk=pk, level=Level.PROVINCE)
    scope = scope_for(request.user)
    rows = [r for r in wards.province_land(province, year, scope) if r.visible]
    if not rows and not scope.sees(province):
        raise Http404
    return province, rows


def _year(request) -> int:
    value = request.GET.get("nam", "")
    year = int(value) if value.isascii() and value.isdigit() and len(value) == 4 else pages.default_year()
    return year if eligibility.year_in_program(year) else pages.default_year()


@require_GET
@login_required
def province_page(request, pk: int):
    year = _year(request)
    province, rows = _province(request, pk, year)
    return _render_page(request, province, year, rows)


def _render_page(request, province, year, rows, *, problems=(), unreadable="", file_name="", status=200):
    versions = sorted({(r.framework.version, writer.framework_name(r.framework)) for r in rows})
    ctx = {
        "province": province, "dated": display_name(province), "year": year,
        "province_visible": scope_for(request.user).sees(province), "years": pages.program_years(),
        "ward_count": len(rows), "writable_count": sum(1 for r in rows if not r.lock), "versions": versions,
        "can_upload": _can_upload(request.user, rows), "problems": problems, "unreadable": unreadable,
        "file_name": file_name, "max_mb": layout.MAX_BYTES // (1024 * 1024), "max_rows": fmt.number(layout.MAX_ROWS),
        "recent": PendingImport.objects.filter(owner=request.user, province=province, year=year)[:5],
    }
    return render(request, "workbooks/province.html", ctx, status=status)


def _can_upload(user, rows) -> bool:
    scope = scope_for(user)
    return any(scope.can_enter_data(r.unit) for r in rows)


@require_GET
@login_required
def template_xlsx(request, pk: int, year: int):
    province, rows = _province(request, pk, year)
    content = writer.build(display_name(province), province, year, rows, generated_at=clock.now(),
                           generated_by=request.user.get_username())
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="so-lieu-{province.code}-{year}.xlsx"'
    return response


@require_POST
@login_required
def upload(request, pk: int, year: int):
    province, rows = _province(request, pk, year)
    if not _can_upload(request.user, rows):
        raise PermissionDenied
    sent = request.FILES.get("tep")
    if sent is None:
        return _render_page(request, province, year, rows, unreadable=_("Choose the filled-in workbook (.xlsx) to upload."),
                            status=400)
    name = sent.name or "tep.xlsx"
    if sent.size > layout.MAX_BYTES:  # before reading it: a large upload stays in its temporary file
        return _render_page(request, province, year, rows, file_name=name, status=400,
                            unreadable=f"Tệp lớn quá {layout.MAX_BYTES // (1024 * 1024)} MB.")
    data = sent.read()
    try:
        result = importer.preview(data, request.user, province=province, year=year)
    except safety.Unreadable as exc:
        return _render_page(request, province, year, rows, unreadable=str(exc), file_name=name, status=400)
    if not result.ok:
        return _render_page(request, province, year, rows, problems=result.problems, file_name=name, status=400)
    if not result.plan:
        messages.info(request, _("The file is valid but changes nothing: every figure in it is already stored."))
        return redirect(_page_url(province.pk, year))
    pending = importer.store(result, request.user, name, importer.digest(data))
    return redirect("workbook_preview", pk=pending.pk)


def _pending(request, pk: int) -> PendingImport:
    """An upload is its owner's alone: anyone else gets 404."""
    return get_object_or_404(PendingImport.objects.select_related("province"), pk=pk, owner=request.user)


@require_GET
@login_required
def preview(request, pk: int):
    pending = _pending(request, pk)
    return render(request, "workbooks/preview.html", {
        "pending": pending, "dated": display_name(pending.province),
        "waiting": pending.status == PendingImport.Status.PENDING,
    })


@require_POST
@login_required
def confirm(request, pk: int):
    pending = _pending(request, pk)
    outcome = importer.confirm(pending.pk, request.user, request.POST.get("digest", ""))
    (messages.success if outcome.ok else messages.error)(request, outcome.message)
    return redirect("workbook_preview", pk=pending.pk)


@require_POST
@login_required
def cancel(request, pk: int):
    pending = _pending(request, pk)
    if pending.status == PendingImport.Status.PENDING:
        PendingImport.objects.filter(pk=pending.pk, status=PendingImport.Status.PENDING).update(
            status=PendingImport.Status.CANCELLED)
        messages.info(request, _("Upload cancelled; nothing was saved."))
    return redirect(_page_url(pending.province_id, pending.year))


def _page_url(pk: int, year: int) -> str:
    return f"{reverse('workbook_province', args=[pk])}?nam={year}"
