"""Survey pages: a province's surveys (and the builder), one survey's results, a ward's poster; the public form."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from accounts.scope import get_province_for_user, get_unit_for_user, scope_for
from gate import throttle
from gate.honeypot import FIELD as HONEYPOT
from gate.honeypot import tripped
from kieumau import clock, posted
from units.models import Unit
from units.territory import display_name

from . import access, results, services
from .models import Question, Survey, SurveyWard

ANSWERS = throttle.Limit("survey", settings.SURVEY_ANSWERS_PER_HOUR, dt.timedelta(hours=1))
DEVICE_COOKIE = "km_thiet_bi"
BLANK_QUESTIONS = 6


def _wards_of(province):
    return Unit.objects.within(province).valid_on(clock.today()).wards().order_by("name")


@require_http_methods(["GET", "POST"])
@login_required
def province_surveys(request, pk: int):
    province = get_province_for_user(request.user, pk)
    builds = access.builds(request.user, province)
    error = None
    if request.method == "POST":
        if not builds:
            raise PermissionDenied
        try:
            survey = _create(request, province)
            messages.success(request, "Đã tạo khảo sát; in áp phích có mã QR cho từng phường.")
            return redirect("survey_detail", survey.pk)
        except posted.Refused as e:
            error = str(e)
    surveys = list(Survey.objects.filter(province=province).prefetch_related("wards"))
    return render(request, "surveys/province.html", {
        "province": province, "dated": display_name(province), "surveys": surveys, "builds": builds, "error": error,
        "posted": {k: request.POST.get(k, "") for k in ("title", "intro", "starts_on", "ends_on")}, "wards": _wards_of(province) if builds else [], "kinds": Question.Kind.choices,
        "blank": range(1, BLANK_QUESTIONS + 1), "today": clock.today(),
    }, status=400 if error else 200)


def _create(request, province) -> Survey:
    p = request.POST
    chosen = {posted.integer(v) for v in p.getlist("wards")}
    wards = [w for w in _wards_of(province) if w.pk in chosen]
    questions = []
    for i in range(1, BLANK_QUESTIONS + 1):
        text = (p.get(f"q{i}_text") or "").strip()
        if not text:
            continue
        questions.append(services.QuestionDraft(p.get(f"q{i}_kind", ""), text, services.parse_choices(p.get(f"q{i}_choices", "")),
                                                required=bool(p.get(f"q{i}_required"))))
    return services.create(province, request.user, title=p.get("title", ""), intro=p.get("intro", ""),
                           starts_on=posted.date(p.get("starts_on")), ends_on=posted.date(p.get("ends_on")), wards=wards,
                           questions=questions)


def _survey(request, pk: int) -> Survey:
    survey = Survey.objects.select_related("province").filter(pk=pk).first()
    if survey is None:
        raise Http404
    get_province_for_user(request.user, survey.province_id)  # 404 outside scope
    return survey


@require_GET
@login_required
def survey_detail(request, pk: int):
    survey = _survey(request, pk)
    scope = scope_for(request.user)
    wards = [w for w in survey.wards.select_related("unit").order_by("unit__name") if scope.sees(w.unit)]
    ward_results, together = results.summarize(survey, wards)
    return render(request, "surveys/detail.html", {
        "survey": survey, "results": ward_results, "overall": together,
        "builds": access.builds(request.user, survey.province), "today": clock.today(),
    })


@require_GET
@login_required
def poster(request, pk: int, ward_id: int):
    survey = _survey(request, pk)
    ward = SurveyWard.objects.select_related("unit").filter(survey=survey, unit_id=ward_id).first()
    if ward is None:
        raise Http404
    get_unit_for_user(request.user, ward.unit_id)
    link = request.build_absolute_uri(reverse("survey_answer", args=[ward.token]))
    qr = segno.make(link, error="m").svg_inline(scale=8, border=2)
    return render(request, "surveys/poster.html", {"survey": survey, "ward": ward, "link": link, "qr": qr})


def _device(request) -> tuple[str, str | None]:
    """(keyed hash of this device, a new cookie value to set or None)."""
    value = request.get_signed_cookie(DEVICE_COOKIE, default=None, salt="surveys.device")
    fresh = None
    if not value:
        value = fresh = secrets.token_hex(16)
    return hmac.new(settings.SECRET_KEY.encode(), f"device:{value}".encode(), hashlib.sha256).hexdigest(), fresh


def _with_cookie(response, fresh):
    if fresh:
        response.set_signed_cookie(DEVICE_COOKIE, fresh, salt="surveys.device", max_age=400 * 24 * 3600, httponly=True,
                                   samesite="Lax")
    return response


def _items(questions, data, errors) -> list:
    return [(q, (data.get(f"q{q.pk}") or "")[:2000], errors.get(q.pk)) for q in questions]


@require_http_methods(["GET", "POST"])
def answer(request, token: str):
    ward = SurveyWard.objects.select_related("survey", "unit").filter(token=token[:40]).first()
    if ward is None:
        raise Http404
    survey, today = ward.survey, clock.today()
    device, fresh = _device(request)
    ctx = {"ward": ward, "survey": survey, "questions": list(survey.questions.all()), "open": survey.is_open_on(today),
           "today": today, "honeypot": HONEYPOT, "errors": {}, "error": ""}
    ctx["already"] = ward.responses.filter(device=device).exists()
    ctx["items"] = _items(ctx["questions"], {}, {})
    if request.method == "POST":
        if not throttle.count(request, ANSWERS):
            return throttle.too_many(request, ANSWERS)
        if tripped(request.POST):
            ctx["error"] = "Không gửi được câu trả lời. Hãy tải lại trang và gửi lại."
            return _with_cookie(render(request, "public/survey.html", ctx, status=400), fresh)
        answers, errors = services.read_answers(survey, request.POST)
        if not errors:
            try:
                services.answer(ward, device, answers)
                return _with_cookie(render(request, "public/survey_done.html", ctx), fresh)
            except posted.Refused as e:
                ctx["error"] = str(e)
        ctx.update(errors=errors, items=_items(ctx["questions"], request.POST, errors))
        return _with_cookie(render(request, "public/survey.html", ctx, status=400), fresh)
    return _with_cookie(render(request, "public/survey.html", ctx), fresh)
