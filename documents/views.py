"""Pages of the documents: choose what to make, watch it being made, download it (always through a permission check)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from accounts.scope import get_province_for_user, get_unit_for_user, runs_program, scope_for, serves
from assessments.models import Assessment
from assessments.views import _province_crumb
from kieumau import clock, posted
from reporting import board as boards
from units.models import Level
from units.territory import display_name

from . import nd30, services
from .models import GeneratedDocument

Kind = GeneratedDocument.Kind
FORMS = [(nd30.STATE, "Thể thức văn bản hành chính (Nghị định 30/2020/NĐ-CP)"),
         (nd30.PARTY_FORMAT, "Thể thức văn bản của Đảng (gửi Ban Thường vụ Tỉnh ủy)")]
YEARS = range(2023, 2031)


def _province_context(request, province, error=""):
    programs = boards.programs_shown(province)
    today = clock.today()
    periods = [(pr, p) for pr in programs for p in reversed(boards.periods_until(pr, today, upcoming=1))]
    docs = list(GeneratedDocument.objects.filter(unit=province).select_related("requested_by", "program")[:30])
    party_default = any("Tỉnh ủy" in pr.reports_to or "Thành ủy" in pr.reports_to for pr in programs)
    return {"province": province, "dated": display_name(province), "periods": periods, "docs": docs, "forms": FORMS,
            "party_default": party_default, "years": YEARS, "this_year": today.year, "error": error,
            "may_make": runs_program(request.user, province), "busy": any(d.state in _BUSY for d in docs),
            "crumb": _province_crumb(request.user, province)}


_BUSY = (GeneratedDocument.State.QUEUED, GeneratedDocument.State.RUNNING)


@require_http_methods(["GET", "POST"])
@login_required
def province_documents(request, pk: int):
    province = get_province_for_user(request.user, pk)
    if request.method == "GET":
        return render(request, "documents/province.html", _province_context(request, province))
    if not runs_program(request.user, province):
        raise PermissionDenied
    try:
        kind = posted.choice(request.POST.get("loai"), Kind, "loại văn bản")
        if kind == Kind.SELF_ASSESSMENT:
            raise posted.Refused("Báo cáo tự đánh giá được lập trên trang của phường.")
        signer = {"title": posted.plain(request.POST.get("chuc_vu"), "chức vụ người ký", required=False, limit=80).upper(),
                  "name": posted.plain(request.POST.get("nguoi_ky"), "họ tên người ký", required=False, limit=80)}
        if kind == Kind.PROVINCE_REPORT:
            program, period = _period(province, request.POST.get("ky", ""))
            form = nd30.PARTY_FORMAT if request.POST.get("the_thuc") == nd30.PARTY_FORMAT else nd30.STATE
            services.request(request.user, kind, province, period=period.code, year=period.year, program=program, form=form,
                             signer=signer)
        else:
            year = posted.integer(request.POST.get("nam"))
            if year not in YEARS:
                raise posted.Refused(f"Hãy chọn năm từ {min(YEARS)} đến {max(YEARS)}.")
            if kind == Kind.MINUTES:
                signer = {"secretary": signer["name"],
                          "chair": posted.plain(request.POST.get("chu_tich"), "họ tên Chủ tịch Hội đồng", required=False, limit=80)}
            services.request(request.user, kind, province, year=year, signer=signer)
    except posted.Refused as e:
        return render(request, "documents/province.html", _province_context(request, province, str(e)), status=400)
    return redirect("province_documents", pk=province.pk)


def _period(province, code: str):
    today = clock.today()
    for program in boards.programs_shown(province):
        for p in boards.periods_until(program, today, upcoming=1):
            if p.code == code:
                return program, p
    raise posted.Refused(f"Kỳ báo cáo «{code}» không có trong chương trình của tỉnh.")


@require_http_methods(["GET", "POST"])
@login_required
def ward_documents(request, pk: int, year: int):
    ward, _can_write = get_unit_for_user(request.user, pk)
    if ward.level != Level.COMMUNE:
        raise Http404
    assessment = Assessment.objects.filter(unit=ward, year=year).first()
    if assessment is None:
        raise Http404
    may_make = serves(request.user, ward) or runs_program(request.user, ward)
    if request.method == "POST":
        if not may_make:
            raise PermissionDenied
        try:
            name = posted.plain(request.POST.get("nguoi_ky"), "họ tên người ký", required=False, limit=80)
        except posted.Refused as e:
            return render(request, "documents/ward.html", _ward_context(request, ward, assessment, may_make, str(e)), status=400)
        services.request(request.user, Kind.SELF_ASSESSMENT, ward, year=year, signer={"name": name})
        return redirect("ward_documents", pk=ward.pk, year=year)
    return render(request, "documents/ward.html", _ward_context(request, ward, assessment, may_make))


def _ward_context(request, ward, assessment, may_make, error=""):
    docs = list(GeneratedDocument.objects.filter(unit=ward, year=assessment.year, kind=Kind.SELF_ASSESSMENT)
                .select_related("requested_by")[:20])
    return {"ward": ward, "dated": display_name(ward), "assessment": assessment, "docs": docs, "may_make": may_make,
            "error": error, "busy": any(d.state in _BUSY for d in docs)}


@require_GET
@login_required
def status(request, doc_id: int):
    """The progress of one document (the page polls it while the worker makes the file)."""
    doc = _visible(request, doc_id)
    return render(request, "documents/_row.html", {"d": doc})


@require_GET
@login_required
def download(request, doc_id: int):
    doc = _visible(request, doc_id)
    if doc.state != GeneratedDocument.State.DONE or not doc.file:
        raise Http404
    name = f"{doc.kind}-{doc.unit.code}-{doc.period or doc.year}-{doc.finished_at:%Y%m%d}.docx"
    return FileResponse(doc.file.open("rb"), as_attachment=True, filename=name,
                        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")


def _visible(request, doc_id: int) -> GeneratedDocument:
    doc = get_object_or_404(GeneratedDocument.objects.select_related("unit", "requested_by"), pk=doc_id)
    if not scope_for(request.user).sees(doc.unit):
        raise Http404
    return doc
