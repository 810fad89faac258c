"""Criteria versions: a province's choice of version per year, and a ward-year seen under another version."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from accounts.scope import get_province_for_user, runs_program
from frameworks import registry
from frameworks.models import Framework, VersionChoice
from kieumau import clock, posted
from units import territory

from . import eligibility, versions
from .models import Assessment
from .views import _province_crumb, _ward_for_user, _year


@require_http_methods(["GET", "POST"])
@login_required
def province_versions(request, pk: int):
    province = get_province_for_user(request.user, pk)
    chooses = runs_program(request.user, province)
    frameworks = list(Framework.objects.filter(code=registry.DEFAULT_CODE).annotate(n_criteria=Count("criteria"))
                      .order_by("version"))  # registry.versions_and_choices' rows, with their criteria counted
    error = None
    if request.method == "POST":
        if not chooses:
            raise PermissionDenied
        try:
            version, from_year = _read_choice(request.POST, frameworks)
            reason = posted.text(request.POST.get("reason"), "lý do chọn phiên bản", limit=500)
            moved = versions.choose(province, version, from_year, request.user, reason=reason)
            messages.success(request, f"Đã ghi lựa chọn phiên bản từ năm {from_year}; {moved} bản đánh giá đang soạn "
                                      f"được chuyển sang phiên bản mới và đánh giá lại.")
            return redirect("province_versions", province.pk)
        except posted.Refused as e:
            error = str(e)
    this_year = clock.today().year
    choices = list(VersionChoice.objects.filter(province=province).select_related("chosen_by"))
    # a province that has ended (the 2025 map) had years only up to its last day
    last = min(versions.LAST_YEAR, province.valid_until.year) if province.valid_until else versions.LAST_YEAR
    years = [(y, registry.pick(y, frameworks, choices)) for y in range(eligibility.first_year(), last + 1)]
    return render(request, "assessments/versions.html", {
        "province": province, "dated": territory.display_name(province), "frameworks": frameworks,
        "choices": choices,
        "years": years, "chooses": chooses, "error": error, "choice_years": range(this_year, versions.LAST_YEAR + 1),
        "posted": {k: request.POST.get(k, "") for k in ("version", "from_year", "reason")},
    }, status=400 if error else 200)


def _read_choice(data, frameworks) -> tuple[int | None, int]:
    from_year = posted.integer(data.get("from_year"))
    if from_year is None:
        raise posted.Refused("Hãy chọn năm bắt đầu áp dụng.")
    raw = data.get("version", "")
    if raw == "mac-dinh":
        return None, from_year
    version = posted.integer(raw)
    if version is None or version not in {f.version for f in frameworks}:
        raise posted.Refused("Hãy chọn một phiên bản bộ tiêu chí có trong danh sách.")
    return version, from_year


@require_GET
@login_required
def what_if(request, pk: int, year: int, version: int):
    unit, _can_write = _ward_for_user(request, pk)
    year = _year(year)
    assessment = get_object_or_404(Assessment.objects.with_framework(), unit=unit, year=year)
    other = Framework.objects.filter(code=assessment.framework.code, version=version).first()
    if other is None:
        raise Http404
    seen = versions.what_if(assessment, other)
    return render(request, "assessments/what_if.html", {
        "unit": unit, "year": year, "assessment": assessment, "other": other, "seen": seen,
        "result": seen.result, "framework": seen.framework, "compact": True,
        **_province_crumb(request.user, unit),
    })
