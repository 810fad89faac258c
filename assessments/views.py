from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.scope import get_province_for_user, get_unit_for_user, scope_for, visible_provinces
from audit.models import record
from frameworks import registry
from frameworks.models import Criterion
from units import history
from units.models import Level

from . import pages, review, services, workflow
from .forms import EvidenceForm, FiguresForm, YearForm
from .forms_review import VoteForm
from .models import Assessment, Evidence, Recognition

MIN_YEAR, MAX_YEAR = 2000, 2100


def _year(year: int) -> int:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404
    return year


def _ward_for_user(request, pk: int):
    unit, can_write = get_unit_for_user(request.user, pk)
    if unit.level != Level.COMMUNE:
        raise Http404
    return unit, can_write


@require_GET
@login_required
def home(request):
    scope = scope_for(request.user)
    provinces = [p for p in visible_provinces(request.user) if scope.sees(p)]
    # Provinces of the current map first; older ones are reached through them (year selector, map history).
    today = dt.date.today()
    current = [p for p in provinces if p.valid_until is None or p.valid_until > today]
    provinces = current or provinces
    wards = pages.own_wards(scope) if not provinces else []
    if len(provinces) == 1:
        return redirect("province_matrix", pk=provinces[0].pk)
    if len(wards) == 1:
        return redirect("scorecard", pk=wards[0].pk, year=pages.default_year(wards[0]))
    return render(request, "assessments/home.html", {"provinces": provinces, "wards": wards})


@require_GET
@login_required
def province_matrix(request, pk: int):
    province = get_province_for_user(request.user, pk)
    form = YearForm(request.GET)
    year = form.cleaned_data.get("nam") if form.is_valid() else None
    year = year or pages.default_year(province)
    scope = scope_for(request.user)
    shown, others = history.unit_for_year(province, year)
    has_records = shown.pk != province.pk and Assessment.objects.filter(year=year, unit__path__startswith=province.path).exists()
    if shown.pk != province.pk and scope.sees(shown) and not has_records:
        # A report of a past (or later) period shows the province as it was then.
        messages.info(request, _("%(year)s is shown with the map of that time: %(unit)s.") % {"year": year, "unit": _dated(shown)}
                      + ("" if not others else " " + _("Also part of this story: %(units)s.") % {"units": ", ".join(map(_dated, others))}))
        return redirect(reverse("province_matrix", args=[shown.pk]) + f"?nam={year}")
    matrix = pages.province_matrix(province, year, scope)
    before = [s for s in history.predecessors_with_dates(province) if s.unit.level == Level.PROVINCE]
    after = [s for s in history.successors_now(province) if s.unit.level == Level.PROVINCE]
    ctx = {"matrix": matrix, "form": form, "year": year, "before": before, "after": after, "dated": _dated(province),
           "years": pages.years_with_data(province, [s.unit for s in before + after])}
    return render(request, "assessments/matrix.html", ctx)


def _dated(unit) -> str:
    """A unit's name with its validity, so that the old and the new Khánh Hòa can be told apart."""
    if unit.valid_until:
        return _("%(name)s (until %(day)s)") % {"name": unit.name, "day": (unit.valid_until - dt.timedelta(days=1)).strftime("%d/%m/%Y")}
    if unit.valid_from:
        return _("%(name)s (from %(day)s)") % {"name": unit.name, "day": unit.valid_from.strftime("%d/%m/%Y")}
    return unit.name


def _framework_for(unit, year: int, assessment: Assessment | None):
    framework = assessment.framework if assessment else registry.for_year(year)
    if framework is None:
        raise Http404
    return framework


@require_GET
@login_required
def scorecard(request, pk: int, year: int):
    unit, can_write = _ward_for_user(request, pk)
    year = _year(year)
    assessment = Assessment.objects.filter(unit=unit, year=year).select_related("framework").first()
    result = services.explain(assessment) if assessment else None
    evidence = {}
    if assessment:
        for e in assessment.evidence.select_related("criterion", "uploaded_by"):
            evidence.setdefault(e.criterion.code, []).append(e)
    framework = _framework_for(unit, year, assessment)
    editable = assessment is None or assessment.status in workflow.EDITABLE
    ctx = {
        "unit": unit,
        "year": year,
        "assessment": assessment,
        "result": result,
        "framework": registry.compiled(framework),
        "evidence": evidence,
        "can_write": can_write and editable,
        "editable": editable,
        "province": pages.province_of(unit),
        "evidence_form": EvidenceForm(),
        "history": pages.unit_history(unit),
    }
    if assessment:
        ctx.update(_workflow_context(request.user, assessment))
    return render(request, "assessments/scorecard.html", ctx)


def _workflow_context(user, assessment: Assessment) -> dict:
    caps = review.capabilities(user, assessment.unit)
    return {
        "moves": review.moves_for(user, assessment),
        "can_vote": assessment.status == workflow.VERIFIED and "council_member" in caps,
        "votes": list(assessment.votes.select_related("member")),
        "vote_form": VoteForm(),
        "events": review.timeline(assessment),
        "recognition": Recognition.objects.filter(assessment=assessment).order_by("-recognized_at", "-id").first(),
        "input_labels": workflow.INPUT_LABELS,
    }


def _entry_context(unit, year, assessment):
    framework = _framework_for(unit, year, assessment)
    fw = registry.compiled(framework)
    last_values, carried = services.last_year_record(unit.pk, year, {c: i.type for c, i in fw.indicators.items()})
    editable_prev = [c for c in fw.prev_codes if c not in last_values]
    return framework, fw, carried, last_values, editable_prev


def _assessment_for_writer(request, pk: int, year: int):
    """The ward (in scope, writable: else 404/403), the checked year and its assessment if any."""
    unit, can_write = _ward_for_user(request, pk)
    year = _year(year)
    if not can_write:
        raise PermissionDenied
    return unit, year, Assessment.objects.filter(unit=unit, year=year).select_related("framework").first()


@require_http_methods(["GET", "POST"])
@login_required
def enter_figures(request, pk: int, year: int):
    unit, year, assessment = _assessment_for_writer(request, pk, year)
    framework, fw, last, last_values, editable_prev = _entry_context(unit, year, assessment)
    if request.method == "GET" and assessment and assessment.status not in workflow.EDITABLE:
        messages.error(request, _("The figures are locked: the assessment is “%(status)s”.") % {"status": assessment.get_status_display()})
        return redirect("scorecard", pk=unit.pk, year=year)
    if request.method == "POST":
        form = FiguresForm(fw, request.POST, prev_codes=editable_prev)
        if form.is_valid():
            outcome = services.save_figures(
                unit, year, form.raw_values(), form.raw_previous(), request.user, revision=form.cleaned_data.get("revision")
            )
            if outcome.ok:
                messages.success(request, _("Figures saved; the scorecard has been re-evaluated."))
                return redirect("scorecard", pk=unit.pk, year=year)
            for key, message in outcome.errors.items():
                form.add_error(None if key == "__all__" else key, message)
    else:
        initial = pages.initial_for(fw, assessment.values, assessment.previous_values, editable_prev) if assessment else {}
        initial["revision"] = assessment.revision if assessment else 0
        form = FiguresForm(fw, initial=initial, prev_codes=editable_prev)
    ctx = {
        "unit": unit,
        "year": year,
        "form": form,
        "framework": fw,
        "layout": pages.form_layout(fw, form, last_values, set(editable_prev)),
        "last": bool(last_values) and last is None,
        "carried": last,
        "assessment": assessment,
        "province": pages.province_of(unit),
        "preview_url": reverse("preview", args=[unit.pk, year]),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "assessments/entry.html", ctx, status=status)


@require_POST
@login_required
def preview(request, pk: int, year: int):
    """Live evaluation of the unsaved form (htmx); writes nothing."""
    unit, year, assessment = _assessment_for_writer(request, pk, year)
    framework, fw, _last, _values, editable_prev = _entry_context(unit, year, assessment)
    form = FiguresForm(fw, request.POST, prev_codes=editable_prev)
    form.is_valid()  # the engine reports the problems below; the preview evaluates what is valid
    result, errors = services.preview(framework, unit.pk, year, form.raw_values(), form.raw_previous())
    labels = {code: ind.label for code, ind in fw.indicators.items()}
    labels.update({f"prev_{c}": f"{fw.indicators[c].label} (năm trước)" for c in fw.prev_codes})
    error_list = [(labels.get(k, k), v) for k, v in errors.items()]
    return render(request, "assessments/_live.html", {"result": result, "framework": fw, "errors": error_list})


@require_POST
@login_required
def upload_evidence(request, pk: int, year: int):
    unit, year, assessment = _assessment_for_writer(request, pk, year)
    if assessment is None:
        raise Http404
    if assessment.status not in workflow.EDITABLE:
        messages.error(request, _("Evidence is locked while the assessment is “%(status)s”.") % {"status": assessment.get_status_display()})
        return redirect(reverse("scorecard", args=[unit.pk, year]) + "#minh-chung")
    criteria = {c.code: c for c in Criterion.objects.filter(framework=assessment.framework)}
    form = EvidenceForm(request.POST, request.FILES, criteria_codes=criteria)
    if not form.is_valid():
        for field, errors in form.errors.items():
            for message in errors:
                messages.error(request, _("Evidence not saved: %(message)s") % {"message": message})
        return redirect(reverse("scorecard", args=[unit.pk, year]) + "#minh-chung")
    upload = form.cleaned_data["file"]
    with transaction.atomic():
        evidence = Evidence.objects.create(
            assessment=assessment,
            criterion=criteria[form.cleaned_data["criterion"]],
            file=upload,
            original_name=upload.name[:200],
            size=upload.size,
            content_type=getattr(upload, "content_type", "") or "application/octet-stream",
            note=form.cleaned_data["note"],
            uploaded_by=request.user,
        )
        record(request.user, "evidence.uploaded", assessment, unit=unit,
               data={"evidence": evidence.pk, "criterion": evidence.criterion.code, "name": evidence.original_name, "size": evidence.size})
    messages.success(request, _("Evidence file “%(name)s” saved.") % {"name": evidence.original_name})
    return redirect(reverse("scorecard", args=[unit.pk, year]) + "#minh-chung")


@require_GET
@login_required
def download_evidence(request, pk: int):
    evidence = get_object_or_404(Evidence.objects.select_related("assessment__unit"), pk=pk)
    get_unit_for_user(request.user, evidence.assessment.unit_id)  # 404 outside scope
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.original_name)
