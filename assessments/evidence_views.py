"""The ward's reason why a listed document cannot be provided, and the reviewer's verdict on it (scorecard forms)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from kieumau import posted

from . import evidence
from .models import Assessment
from .views import EVIDENCE, _assessment_for_writer, _ward_for_user, _year


def _back(unit, year, code: str = "") -> str:
    return reverse("scorecard", args=[unit.pk, year]) + (f"#tc-{code}" if code else "#thong-bao")


@require_POST
@login_required
def give_reason(request, pk: int, year: int):
    unit, year, assessment, refused = _assessment_for_writer(request, pk, year)
    if assessment is None:
        raise Http404
    code = (request.POST.get("criterion") or "")[:20]
    try:
        if refused:
            raise posted.Refused(refused)
        evidence.give_reason(assessment, code, request.POST.get("document") or "", request.POST.get("reason"), request.user)
    except posted.Refused as e:
        messages.error(request, f"Chưa ghi được lý do: {e}", extra_tags=EVIDENCE)
        return redirect(_back(unit, year))
    messages.success(request, f"Đã ghi lý do thiếu minh chứng cho {code}; lý do chờ cán bộ kiểm tra xem xét.",
                     extra_tags=EVIDENCE)
    return redirect(_back(unit, year))


@require_POST
@login_required
def judge_reason(request, pk: int, year: int, reason_id: int):
    unit, _can_write = _ward_for_user(request, pk)
    year = _year(year)
    assessment = Assessment.objects.filter(unit=unit, year=year).select_related("unit").first()
    if assessment is None:
        raise Http404
    if not evidence.judges(request.user, unit):
        raise PermissionDenied  # the state is evidence.judge's to refuse, with a message
    verdict = request.POST.get("verdict")
    if verdict not in ("accept", "reject"):
        messages.error(request, "Hãy chọn chấp nhận hoặc không chấp nhận lý do.")
        return redirect(_back(unit, year))
    try:
        row = evidence.judge(reason_id, verdict == "accept", request.POST.get("note"), request.user, assessment)
    except posted.Refused as e:
        messages.error(request, f"Chưa ghi được ý kiến về lý do: {e}")
        return redirect(_back(unit, year))
    messages.success(request, "Đã chấp nhận lý do." if verdict == "accept" else "Đã ghi: lý do không được chấp nhận.")
    return redirect(_back(unit, year, row.criterion.code))
