"""Pages and actions of the review workflow: moves, votes, the to-do inbox, recognitions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts import second_factor
from accounts.scope import get_province_for_user, get_unit_for_user, scope_for, ward_roles
from kieumau import posted
from units import territory
from units.models import Level

from . import eligibility, review, workflow
from . import recognition as recognition_checks
from .forms import YearForm
from .forms_review import TransitionForm, VoteForm
from .worklists import inbox_tasks, recognition_rows
from .models import Assessment, Recognition, RecognitionReview


def _assessment(request, pk: int, year: int) -> Assessment:
    unit, _can_write = get_unit_for_user(request.user, pk)  # 404 outside scope
    if not eligibility.year_in_program(year):
        raise Http404
    a = Assessment.objects.filter(unit=unit, year=year).with_framework("unit").first()
    if a is None or unit.level != Level.COMMUNE:
        raise Http404
    return a


SECTION = "at-quy-trinh"  # messages shown in the workflow section, where the user acted (base.html skips them)


def _back(a: Assessment) -> str:
    # the message box shown in the section where the user acted: a focusable target, so the browser moves there
    return reverse("scorecard", args=[a.unit_id, a.year]) + "#thong-bao"


def _say(request, ok: str | None, errors) -> None:
    if ok:
        messages.success(request, ok, extra_tags=SECTION)
    for message in errors:
        messages.error(request, message, extra_tags=SECTION)


@require_POST
@login_required
def transition(request, pk: int, year: int, action: str):
    a = _assessment(request, pk, year)
    form = TransitionForm(request.POST, request.FILES)
    if not form.is_valid():
        _say(request, None, [m for errors in form.errors.values() for m in errors])
        return redirect(_back(a))
    outcome = review.perform(a, action, request.user, form.inputs(), form.uploads(),  # 403 when never allowed
                             second_factor=second_factor.session_verified(request))
    done = _("Done: the assessment is now “%(status)s”.") % {"status": workflow.STATUS_LABELS[outcome.assessment.status]}
    _say(request, done if outcome.ok else None, outcome.errors.values())
    return redirect(_back(a))


@require_POST
@login_required
def vote(request, pk: int, year: int):
    a = _assessment(request, pk, year)
    form = VoteForm(request.POST)
    if not form.is_valid():
        _say(request, None, [_("Choose a vote.")])
        return redirect(_back(a))
    outcome = review.record_vote(a, request.user, form.cleaned_data["vote"], form.cleaned_data["comment"],
                                 second_factor=second_factor.session_verified(request))
    _say(request, _("Your vote has been recorded.") if outcome.ok else None, outcome.errors.values())
    return redirect(_back(a))


NOTIFICATIONS_SHOWN = 30  # the newest; all of the user's unread ones are marked read when the page is seen


@require_GET
@login_required
def todo(request):
    """“Việc cần làm”: what waits for the user's move now, soonest deadline first; then their notifications."""
    waiting = inbox_tasks(request.user)
    notifications = list(request.user.notifications.all()[:NOTIFICATIONS_SHOWN])
    if len(notifications) == NOTIFICATIONS_SHOWN or any(n.read_at is None for n in notifications):  # or older ones
        request.user.notifications.filter(read_at__isnull=True).update(read_at=timezone.now())
    # The coordination layer's open items (read at the view only: the assessments domain does not depend on them).
    from agencies.roles import body_ids
    from difficulties.queries import open_for
    from supervision.queries import waiting_for

    from kieumau import panels

    today = eligibility.today()
    difficulties = open_for(request.user)  # each with its age (Difficulty.age)
    wards = [ra.unit for ra in ward_roles(request.user) if ra.unit.level == "commune"
             and (ra.unit.valid_until is None or ra.unit.valid_until > today)]
    bodies = body_ids(request.user)
    return render(request, "assessments/todo.html", {"waiting": waiting, "notifications": notifications,
                                                     "today": today, "body_reports": bool(bodies),
                                                     "difficulties": difficulties, "findings": waiting_for(request.user),
                                                     "ward_units": wards, "raise_link": bool(bodies or wards),
                                                     "panels": panels.for_todo(request.user)})


@require_GET
@login_required
def recognitions(request, pk: int):
    province = get_province_for_user(request.user, pk)
    scope = scope_for(request.user)
    rows = recognition_rows(province, scope)
    template = "assessments/recognitions_print.html" if request.GET.get("in") == "1" else "assessments/recognitions.html"
    can_check = "approver" in review.capabilities(request.user, province)
    ctx = {"province": province, "dated": territory.display_name(province), "rows": rows, "can_check": can_check,
           "this_year": eligibility.today().year, "outcomes": RecognitionReview.Outcome.choices,
           "is_demo": any(r.recognition.assessment.is_demo for r in rows)}
    return render(request, template, ctx)


@require_POST
@login_required
def check_recognition(request, pk: int):
    recognition = Recognition.objects.select_related("unit").filter(pk=pk).first()
    if recognition is None:
        raise Http404
    get_unit_for_user(request.user, recognition.unit_id)  # 404 outside scope
    back = request.POST.get("back")
    back = posted.integer(back)  # a province id from the page: ASCII digits, short; anything else is ignored
    province = get_province_for_user(request.user, back) if back is not None else None
    form = YearForm({"nam": request.POST.get("year", "")})
    if not form.is_valid() or form.cleaned_data["nam"] is None:
        errors = {"year": " ".join(form.errors.get("nam", [])) or _("Enter the year of the check.")}
    else:
        errors = recognition_checks.check(recognition, form.cleaned_data["nam"], request.POST.get("outcome", ""), request.user,
                                          request.POST, second_factor=second_factor.session_verified(request))
    for message in errors.values():
        messages.error(request, message)
    if not errors:
        messages.success(request, _("The yearly check has been recorded."))
    return redirect("recognitions", pk=province.pk if province else recognition.unit.root_id)


@require_GET
@login_required
def decision_file(request, pk: int):
    """The scanned decision of a recognition, to anyone who may see the ward (404 otherwise)."""
    recognition = get_object_or_404(Recognition, pk=pk)
    get_unit_for_user(request.user, recognition.unit_id)
    name = f"quyet-dinh-{recognition.year}-{recognition.pk}.{recognition.decision_file.name.rsplit('.', 1)[-1]}"
    return FileResponse(recognition.decision_file.open("rb"), as_attachment=True, filename=name)
