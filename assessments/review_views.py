"""Pages and actions of the review workflow: moves, votes, the to-do inbox, recognitions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.scope import get_province_for_user, get_unit_for_user, scope_for
from units.models import Level

from . import review, workflow
from .forms_review import TransitionForm, VoteForm
from .models import Assessment, Recognition, RecognitionReview


def _assessment(request, pk: int, year: int) -> Assessment:
    unit, _can_write = get_unit_for_user(request.user, pk)  # 404 outside scope
    a = Assessment.objects.filter(unit=unit, year=year).select_related("unit", "framework").first()
    if a is None or unit.level != Level.COMMUNE:
        raise Http404
    return a


def _back(a: Assessment) -> str:
    return reverse("scorecard", args=[a.unit_id, a.year]) + "#quy-trinh"


@require_POST
@login_required
def transition(request, pk: int, year: int, action: str):
    a = _assessment(request, pk, year)
    form = TransitionForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect(_back(a))
    outcome = review.perform(a, action, request.user, form.inputs(), form.uploads())  # 403 when never allowed
    if outcome.ok:
        messages.success(request, _("Done: the assessment is now “%(status)s”.") % {"status": workflow.STATUS_LABELS[outcome.assessment.status]})
    for message in outcome.errors.values():
        messages.error(request, message)
    return redirect(_back(a))


@require_POST
@login_required
def vote(request, pk: int, year: int):
    a = _assessment(request, pk, year)
    form = VoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a vote."))
        return redirect(_back(a))
    outcome = review.record_vote(a, request.user, form.cleaned_data["vote"], form.cleaned_data["comment"])
    if outcome.ok:
        messages.success(request, _("Your vote has been recorded."))
    for message in outcome.errors.values():
        messages.error(request, message)
    return redirect(_back(a))


@require_GET
@login_required
def todo(request):
    """“Việc cần làm”: assessments waiting for one of my moves, and my notifications."""
    scope = scope_for(request.user)
    waiting = []
    if scope.paths or scope.everything:
        candidates = Assessment.objects.exclude(status=workflow.RECOGNIZED).select_related("unit", "unit__parent")
        if not scope.everything:
            q = Q()
            for path in scope.paths:
                q |= Q(unit__path__startswith=path)
            candidates = candidates.filter(q)
        levels: dict[int, bool] = {}
        for a in candidates.order_by("year", "unit__name")[:500]:
            province = a.unit.root_id
            if province not in levels:
                levels[province] = review.district_level(a.unit)
            moves = workflow.available(a.status, workflow.capabilities(scope.held_on(a.unit)), district_level=levels[province])
            moves = [m for m in moves if m.action != "reopen"]
            if moves:
                waiting.append((a, moves))
    notifications = list(request.user.notifications.all()[:30])
    request.user.notifications.filter(read_at__isnull=True).update(read_at=timezone.now())
    return render(request, "assessments/todo.html", {"waiting": waiting, "notifications": notifications})


@require_GET
@login_required
def recognitions(request, pk: int):
    province = get_province_for_user(request.user, pk)
    rows = list(Recognition.objects.filter(unit__path__startswith=province.path).select_related("unit", "unit__parent")
                .prefetch_related("reviews").order_by("year", "unit__name"))
    template = "assessments/recognitions_print.html" if request.GET.get("in") == "1" else "assessments/recognitions.html"
    can_check = "approver" in review.capabilities(request.user, province)
    ctx = {"province": province, "rows": rows, "can_check": can_check, "this_year": timezone.localdate().year,
           "outcomes": RecognitionReview.Outcome.choices}
    return render(request, template, ctx)


@require_POST
@login_required
def check_recognition(request, pk: int):
    recognition = Recognition.objects.select_related("unit").filter(pk=pk).first()
    if recognition is None:
        raise Http404
    get_unit_for_user(request.user, recognition.unit_id)  # 404 outside scope
    province_pk = recognition.unit.root_id
    try:
        year = int(request.POST.get("year", ""))
    except ValueError:
        year = 0
    errors = review.check_recognition(recognition, year, request.POST.get("outcome", ""), request.user, request.POST)
    for message in errors.values():
        messages.error(request, message)
    if not errors:
        messages.success(request, _("The yearly check has been recorded."))
    return redirect("recognitions", pk=province_pk)
