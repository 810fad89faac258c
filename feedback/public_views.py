"""The public, no-login pages: send feedback, find a ward, follow a case by its code, a ward's yearly counts.

Nothing personal is ever shown here: the tracking page shows the stages, the deadline and the public answer only.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gate import captcha, throttle
from gate.honeypot import FIELD as HONEYPOT
from kieumau import clock
from kieumau.posted import Refused

from . import codes, consent, finder, services, stats
from .forms import FeedbackForm, RatingForm
from .models import Case

POSTS = throttle.Limit("feedback", settings.FEEDBACK_POSTS_PER_HOUR, dt.timedelta(hours=1))
LOOKUPS = throttle.Limit("lookup", settings.FEEDBACK_LOOKUPS_PER_HOUR, dt.timedelta(hours=1))
VERDICTS = throttle.Limit("verdict", 20, dt.timedelta(hours=1))


def _form_context(request, form, needs_captcha: bool) -> dict:
    ctx = {"form": form, "captcha_token": None, "captcha_image": None, "categories": form.categories.values(), "honeypot": HONEYPOT,
           "consent": consent.in_force(clock.today()).text(settings.FEEDBACK_CONTACT_MONTHS),
           "max_mb": settings.FEEDBACK_PHOTO_MAX_BYTES // 1024 // 1024}
    typed = (request.GET.get("q") or "").strip()[:100]
    chosen = finder.ward_today(request.POST.get("unit") or request.GET.get("phuong") or "")
    ctx.update(q=typed, matches=finder.find(typed) if typed and not chosen else [], chosen=chosen)
    if needs_captcha:
        ctx["captcha_token"], ctx["captcha_image"] = captcha.new()
    return ctx


@require_http_methods(["GET", "POST"])
def feedback_form(request):
    if request.method == "GET":
        return render(request, "public/feedback_form.html", _form_context(request, FeedbackForm(), throttle.struck(request, POSTS.action)))
    if not throttle.count(request, POSTS):  # every POST counts, whatever it holds
        return throttle.too_many(request, POSTS)
    needs_captcha = throttle.struck(request, POSTS.action)
    form = FeedbackForm(request.POST, request.FILES, needs_captcha=needs_captcha)
    if form.is_valid():
        d = form.cleaned_data
        try:
            case = services.submit(services.Submission(d["unit"], d["category"], d["content"], d["photo"], d["name"], d["phone"],
                                                       d["email"], d["consent"]))
        except Refused as e:
            form.add_error(None, str(e))
        else:
            return render(request, "public/feedback_done.html", {"case": case})
    return render(request, "public/feedback_form.html", _form_context(request, form, needs_captcha), status=400)


@require_GET
def ward_search(request):
    """Matching wards as a list fragment (htmx, as the citizen types)."""
    typed = (request.GET.get("q") or "").strip()[:100]
    return render(request, "public/_ward_results.html", {"matches": finder.find(typed), "q": typed})


def _case_by_code(typed: str) -> Case | None:
    code = codes.normalize(typed)
    if code is None:
        return None
    return Case.objects.select_related("unit", "category", "body").filter(code=code).exclude(status=Case.Status.SPAM).first()


@require_GET
def track(request):
    typed = (request.GET.get("ma") or "").strip()
    if not typed:
        return render(request, "public/track.html", _track_ctx(None))
    if not throttle.count(request, LOOKUPS):
        return throttle.too_many(request, LOOKUPS)
    case = _case_by_code(typed)
    if case is None:
        return render(request, "public/track.html", _track_ctx(None, unknown=typed[:20]), status=404)
    return render(request, "public/track.html", _track_ctx(case))


def _track_ctx(case, **extra) -> dict:
    today = clock.today()
    ctx = {"case": case, "unknown": "", "error": "", "today": today, "stages": [], "overdue": False, "hops": [],
           "can_rate": False, "rating_form": RatingForm()}
    if case is not None:
        ctx.update(stages=_stages(case), overdue=case.overdue(today), can_rate=_can_rate(case),
                   hops=list(case.hops.select_related("to_unit", "to_body")))
    ctx.update(extra)
    return ctx


def _can_rate(case: Case) -> bool:
    return case.status in Case.RESOLVED and case.rated_at is None


def _stages(case: Case) -> list[tuple[str, object]]:
    return [("Tiếp nhận", case.received_at), ("Phân công xử lý", case.assigned_at), ("Trả lời", case.answered_at),
            ("Kết thúc", case.closed_at)]


@require_POST
def verdict(request):
    """The citizen's rating of the answer, or the withdrawal of their consent (by tracking code)."""
    if not throttle.count(request, VERDICTS):
        return throttle.too_many(request, VERDICTS)
    case = _case_by_code(request.POST.get("ma", ""))
    if case is None:
        raise Http404
    back = reverse("feedback_track") + f"?ma={case.code}"
    try:
        if request.POST.get("action") == "rate":
            form = RatingForm(request.POST)
            if not form.is_valid():
                raise Refused(" ".join(e for errs in form.errors.values() for e in errs))
            services.rate(case, form.cleaned_data["satisfied"] == "1", form.cleaned_data["comment"])
            done = "1"  # the tracking page says which message
        elif request.POST.get("action") == "withdraw":
            services.withdraw_consent(case)
            done = "2"
        else:
            raise Refused("Thao tác không hợp lệ.")
    except Refused as e:
        return render(request, "public/track.html", _track_ctx(case, error=str(e), rating_form=RatingForm(request.POST)),
                      status=400)
    return redirect(back + "&xong=" + done)


@require_GET
def ward_page(request, code: str):
    ward = finder.ward_today(code)
    if ward is None:
        raise Http404
    year = clock.today().year
    counts = stats.counts(ward, year)
    return render(request, "public/ward.html", {"ward": ward, "year": year, "counts": counts,
                                                "province": finder.province_names([ward])[ward.pk]})
