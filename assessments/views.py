from __future__ import annotations

import hashlib
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.scope import get_province_for_user, get_unit_for_user, scope_for, visible_provinces
from agencies.roles import body_ids
from audit.models import record
from frameworks import registry
from frameworks.models import Criterion, Framework
from units import history, territory
from kieumau import fragments, panels
from kieumau.collation import vi_sorted
from units.models import Level

from . import derived, eligibility, pages, review, services, workflow
from .evidence import by_criterion as evidence_documents
from .evidence import criterion_options as evidence_options
from .evidence import may_judge
from .forms import EvidenceForm, FiguresForm, YearForm
from .forms_review import VoteForm
from .models import Assessment, Evidence, Recognition
from .timeline_items import items_html

EVIDENCE = "at-minh-chung"  # messages shown in the evidence section, where the user acted (base.html skips them)


def _year(year: int) -> int:
    """A year in a page address: the program's years only (2023 … the current year), else 404."""
    if not eligibility.year_in_program(year):
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
    """Where a user starts: the province (or ward) their role is held on, on the current year.

    A role held on a unit that has ended (Bình Dương, Phường Vĩnh Nguyên) still opens it: its page shows the land
    as it is now (the wards it became, read-only) and its history; a ward's user is told where the ward went.
    """
    scope = scope_for(request.user)
    if scope.national and not scope.everything:
        return redirect("national")  # the Ministry reads the whole country: its page is the national roll-up
    if not scope.paths and not scope.everything and body_ids(request.user):
        return redirect("my_reports")  # a body's reporter has no unit: their work is their body's reports
    provinces = [p for p in visible_provinces(request.user) if scope.sees(p)]
    own = [p for p in provinces if p.path in scope.direct]
    today = eligibility.today()
    current = [p for p in own if p.valid_until is None or p.valid_until > today]
    provinces = vi_sorted(current or own or provinces, key=lambda p: p.name)
    wards = pages.own_wards(scope) if not provinces else []
    if len(provinces) == 1:
        return redirect("province_matrix", pk=provinces[0].pk)
    if len(wards) == 1 and not eligibility.why_read_only(wards[0]):
        return redirect("scorecard", pk=wards[0].pk, year=pages.default_year())
    ended = [(w, eligibility.why_read_only(w), history.successors_now(w)) for w in wards if eligibility.why_read_only(w)]
    wards = [(w, eligibility.last_assessed_year(w)) for w in wards]
    return render(request, "assessments/home.html", {"provinces": provinces, "wards": wards, "ended": ended,
                                                     "this_year": pages.default_year()})


@require_GET
@login_required
def province_matrix(request, pk: int):
    province = get_province_for_user(request.user, pk)
    form = YearForm(request.GET)
    year = form.cleaned_data.get("nam") if form.is_valid() else None
    year = year or pages.default_year()
    scope = scope_for(request.user)
    dated = territory.display_name(province)

    def build():  # the costly part, kept until the data change (kieumau/fragments.py)
        links = _map_links(province, scope)
        ctx = {"matrix": pages.province_matrix(province, year, scope), "year": year, "dated": dated, **links}
        return render_to_string("assessments/_matrix_body.html", ctx), _runs_a_program(province, links)

    body, coordination = fragments.cached("matrix", (province.pk, year, fragments.scope_key(scope)), build,
                                          roots=fragments.family(province))
    ctx = {"province": province, "body": mark_safe(body), "form": form, "year": year, "dated": dated,  # noqa: S308
           "years": pages.program_years(), "coordination": coordination}
    return render(request, "assessments/matrix.html", ctx)


def _runs_a_program(province, links: dict) -> bool:
    """Whether the coordination pages (bodies, periodic reports) have something to show for this province: a program
    of its own or of a province it was formed from (those are in the map links already read)."""
    from agencies.models import Program

    return Program.objects.filter(province_id__in=[province.pk] + [s.unit.pk for s, _n, _l in links["before"]]).exists()


def _map_links(province, scope) -> dict:
    """Where the province came from and went, each shown with a link only when the viewer may open it."""
    before = fragments.province_steps_before(province)
    # kept until the map changes, the day ("now") and the language (each step holds its kind's label)
    today = eligibility.today()
    after = fragments.until_the_map_changes(f"provinces-after:{province.pk}:{today}:{get_language()}", lambda: [
        s for s in history.successors_now(province, today) if s.unit.level == Level.PROVINCE])
    return {"before": [(s, territory.display_name(s.unit), scope.sees(s.unit)) for s in before],
            "after": [(s, territory.display_name(s.unit), scope.sees(s.unit)) for s in after]}


def _framework_for(unit, year: int, assessment: Assessment | None):
    framework = assessment.framework if assessment else registry.for_year(year, unit=unit)
    if framework is None:
        raise Http404
    return framework


@require_GET
@login_required
def scorecard(request, pk: int, year: int):
    unit, can_write = _ward_for_user(request, pk)
    year = _year(year)
    # The versions before the data: a save committed in between then files newer data under the older version (made
    # again on the next request), never older data under the newer one. Figures saved move only the first: the
    # history and the registers' panels show no figure, and are kept under the second (kieumau.fragments.unit_versions).
    figures_version, other_version = fragments.unit_versions(unit)
    other_version += "+" + panels.ward_stamp(unit, year)
    assessment = Assessment.objects.filter(unit=unit, year=year).with_framework().first()
    if assessment:
        assessment.unit = unit  # the row just read, not read again
    framework = _framework_for(unit, year, assessment)
    compiled = registry.compiled(framework)
    editable = assessment is None or assessment.status in workflow.EDITABLE
    refused = eligibility.why_not_writable(unit, year)
    can_write = can_write and editable and not refused
    can_judge = bool(assessment) and may_judge(request.user, assessment)
    # The body is the same for every reader with the same two permissions (the documents' forms: a reason to give, a
    # reason to judge); the forms' CSRF token is the reader's own, put in when served (fragments.with_csrf).
    flags = {"can_write": can_write, "can_judge": can_judge, "unit": unit, "year": year, "framework": compiled,
             "csrf_token": fragments.csrf_mark()}

    def figures():  # the criteria, the review's timeline and its decisions, kept until an event on this ward's land
        return {"result": _result_html(assessment, compiled, flags) if assessment else "",
                "timeline": _timeline_html(assessment, compiled) if assessment else "",
                **(_decisions(assessment) if assessment else {})}

    def around():  # what shows no figure: kept until an event on this ward's land other than figures saved
        return {"history": render_to_string("assessments/_history.html", {"unit": unit,
                                                                          "history": pages.unit_history(unit)}),
                "panels": panels.ward_html(unit, year, request.user, kept=True),
                "other_versions": list(Framework.objects.filter(code=framework.code).exclude(pk=framework.pk)
                                       .values_list("version", flat=True)) if assessment else []}

    flagged = (unit.pk, year, can_write, can_judge, get_language())
    kept = {**fragments.cached("scorecard", (*flagged, _state(assessment), fragments.csrf_mark()[-8:]), figures,
                               version=figures_version),
            **fragments.cached("scorecard-around", (*flagged, framework.pk if assessment else "-"), around,
                               version=other_version)}
    shown = sorted(kept["panels"] + panels.ward_html(unit, year, request.user, kept=False))
    ctx = {
        "unit": unit,
        "year": year,
        "assessment": assessment,
        "framework": compiled,
        "history_html": mark_safe(kept["history"]),  # noqa: S308 (rendered by our templates)
        "result_html": mark_safe(fragments.with_csrf(kept["result"], request)),  # noqa: S308
        "panels_html": [mark_safe(html) for _place, html in shown],  # noqa: S308
        # the whole timeline on demand, not kept: asked for now and then
        "timeline_html": mark_safe(_timeline_html(assessment, compiled, everything=True)  # noqa: S308
                                   if assessment and request.GET.get("lich-su") == "day-du" else kept["timeline"]),
        "can_write": can_write,
        "editable": editable,
        "refused": refused,
        "prev_year": year - 1 if eligibility.year_in_program(year - 1) else None,
        "next_year": year + 1 if eligibility.year_in_program(year + 1) else None,
        **_province_crumb(request.user, unit),
        "criterion_options": evidence_options(framework, compiled) if can_write and assessment else "",
        "can_judge": can_judge,
        "other_versions": kept["other_versions"],
    }
    if assessment:
        ctx.update(_workflow_context(request.user, assessment, kept))
    return render(request, "assessments/scorecard.html", ctx)


def _state(assessment) -> str:
    """What of the assessment itself the body shows and may change without an event naming the ward: the registers'
    explanations of derived figures are refreshed after their own event's commit, and only changed figures are
    audited (assessments.derived)."""
    if assessment is None:
        return "-"
    text = json.dumps([assessment.revision, assessment.status, str(assessment.evaluated_at), assessment.derived,
                       assessment.overrides], sort_keys=True, default=str)
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def _timeline_html(assessment, compiled, *, everything: bool = False) -> str:
    events, earlier = review.timeline(assessment, newest=None if everything else review.TIMELINE_SHOWN)
    return render_to_string("assessments/_timeline.html", {"items": mark_safe(items_html(events, compiled)),  # noqa: S308 (escaped there)
                                                           "earlier": earlier})


def _result_html(assessment, compiled, flags: dict) -> str:
    """The 22 criteria with their conditions, computed figures' provenance, evidence and documents."""
    result = services.explain(assessment)
    evidence = {}
    for e in assessment.evidence.select_related("criterion", "uploaded_by"):
        evidence.setdefault(e.criterion.code, []).append(e)
    documents = (evidence_documents(assessment, compiled, {c: r.status for c, r in result.criteria.items()}, evidence)
                 if compiled.evidence_required else {})
    ctx = {**flags, "result": result, "evidence": evidence, "documents": documents, "compact": False,
           "provenance": pages.provenance(compiled, assessment)}
    return render_to_string("assessments/_result.html", ctx)


def _province_crumb(user, unit) -> dict:
    province = pages.province_of(unit)
    return {"province": province, "province_name": territory.display_name(province) if province else "",
            "province_visible": bool(province) and scope_for(user).sees(province)}


def _decisions(assessment: Assessment) -> dict:
    """What the review section shows of what was decided (the recognition, the council's votes) and whether the
    province's city police check first: each changes only with an event that moves the ward's version (a vote or a
    recognition names the ward; a setting changed in the admin names no unit), so they are kept with the criteria."""
    recognition = Recognition.objects.filter(assessment=assessment).order_by("-recognized_at", "-id").first()
    votes = list(assessment.votes.select_related("member"))
    return {"recognition_html": render_to_string("assessments/_recognition_decision.html", {"recognition": recognition}),
            "votes_html": render_to_string("assessments/_votes.html", {"votes": votes}),
            "district_level": review.district_level(assessment.unit)}


def _workflow_context(user, assessment: Assessment, kept: dict) -> dict:
    caps = review.capabilities(user, assessment.unit)
    return {
        "moves": workflow.available(assessment.status, caps, district_level=kept["district_level"]),
        "can_vote": assessment.status == workflow.VERIFIED and "council_member" in caps,
        "votes_html": mark_safe(kept["votes_html"]),  # noqa: S308 (our own templates' output)
        "vote_form": VoteForm(),
        "recognition_html": mark_safe(kept["recognition_html"]),  # noqa: S308
        "input_labels": workflow.INPUT_LABELS,
        "irreversible": workflow.IRREVERSIBLE,
    }


def _entry_context(unit, year, assessment):
    framework = _framework_for(unit, year, assessment)
    fw = registry.compiled(framework)
    last_values, carried = services.last_year_record(unit.pk, year, {c: i.type for c, i in fw.indicators.items()})
    editable_prev = [c for c in fw.prev_codes if c not in last_values]
    return framework, fw, carried, last_values, editable_prev


def _assessment_for_writer(request, pk: int, year: int):
    """The ward (in scope, writable: else 404/403), the checked year and its assessment if any, and why nobody may
    write to that unit-year (assessments.eligibility), or None."""
    unit, can_write = _ward_for_user(request, pk)
    year = _year(year)
    if not can_write:
        raise PermissionDenied
    assessment = Assessment.objects.filter(unit=unit, year=year).with_framework().first()
    return unit, year, assessment, eligibility.why_not_writable(unit, year)


@require_http_methods(["GET", "POST"])
@login_required
def enter_figures(request, pk: int, year: int):
    unit, year, assessment, refused = _assessment_for_writer(request, pk, year)
    if refused:
        messages.error(request, refused)
        return redirect("scorecard", pk=unit.pk, year=year)
    framework, fw, last, last_values, editable_prev = _entry_context(unit, year, assessment)
    if request.method == "GET" and assessment and assessment.status not in workflow.EDITABLE:
        messages.error(request, _("The figures are locked: the assessment is “%(status)s”.") % {"status": assessment.get_status_display()})
        return redirect("scorecard", pk=unit.pk, year=year)
    # what the registers compute for this unit-year (a register may cover some years only): the fields they fill;
    # those whose every write is audited on the ward's land are kept until the next such event
    provided = derived.provided_for(unit, year, fw, version=fragments.unit_versions(unit)[1])
    if request.method == "POST":
        form = FiguresForm(fw, request.POST, prev_codes=editable_prev, provided=provided)
        if form.is_valid():
            outcome = services.save_figures(
                unit, year, form.raw_values(), form.raw_previous(), request.user, revision=form.cleaned_data["revision"],
                overrides=form.overrides() if provided else None, provided_seen=provided,
            )
            if outcome.ok:
                messages.success(request, _("Figures saved; the scorecard has been re-evaluated."))
                return redirect("scorecard", pk=unit.pk, year=year)
            for key, message in outcome.errors.items():
                form.add_error(None if key == "__all__" else key, message)
    else:
        initial = pages.initial_for(fw, assessment.values if assessment else {}, assessment.previous_values if assessment else {},
                                    editable_prev, provided, assessment.overrides if assessment else {})
        initial["revision"] = assessment.revision if assessment else 0
        form = FiguresForm(fw, initial=initial, prev_codes=editable_prev, provided=provided)
    ctx = {
        "unit": unit,
        "year": year,
        "form": form,
        "framework": fw,
        "layout": pages.form_layout(fw, form, last_values, set(editable_prev), provided),
        "last": bool(last_values) and last is None,
        "carried": last,
        "assessment": assessment,
        "province": pages.province_of(unit),
        "preview_url": reverse("preview", args=[unit.pk, year]),
        "error_items": pages.error_items(fw, {k: v for k, v in form.errors.items() if k != "__all__"}) if form.errors else [],
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "assessments/entry.html", ctx, status=status)


@require_POST
@login_required
def preview(request, pk: int, year: int):
    """Live evaluation of the unsaved form (htmx); writes nothing."""
    unit, year, assessment, refused = _assessment_for_writer(request, pk, year)
    if refused:
        raise PermissionDenied(refused)
    framework, fw, _last, _values, editable_prev = _entry_context(unit, year, assessment)
    provided = derived.provided_for(unit, year, fw, version=fragments.unit_versions(unit)[1])
    form = FiguresForm(fw, request.POST, prev_codes=editable_prev, provided=provided)
    form.is_valid()  # the engine reports the problems below; the preview evaluates what is valid
    result, errors = services.preview(framework, unit.pk, year, form.raw_values(), form.raw_previous(), provided=provided,
                                      overrides=form.overrides())
    return render(request, "assessments/_live.html", {"result": result, "framework": fw, "errors": pages.error_items(fw, errors)})


@require_POST
@login_required
def upload_evidence(request, pk: int, year: int):
    unit, year, assessment, refused = _assessment_for_writer(request, pk, year)
    if assessment is None:
        raise Http404
    if refused:
        messages.error(request, refused)  # the evidence section is not shown then: the message goes on top
        return redirect(reverse("scorecard", args=[unit.pk, year]) + "#thong-bao")
    if assessment.status not in workflow.EDITABLE:
        messages.error(request, _("Evidence is locked while the assessment is “%(status)s”.") % {"status": assessment.get_status_display()})
        return redirect(reverse("scorecard", args=[unit.pk, year]) + "#thong-bao")
    criteria = {c.code: c for c in Criterion.objects.filter(framework=assessment.framework)}
    documents = {c.code: c.evidence for c in registry.compiled(assessment.framework).criteria}
    form = EvidenceForm(request.POST, request.FILES, criteria_codes=criteria, documents=documents)
    if not form.is_valid():
        for field, errors in form.errors.items():
            for message in errors:
                messages.error(request, _("Evidence not saved: %(message)s") % {"message": message}, extra_tags=EVIDENCE)
        return redirect(reverse("scorecard", args=[unit.pk, year]) + "#thong-bao")
    upload = form.cleaned_data["file"]
    with transaction.atomic():
        evidence = Evidence.objects.create(
            assessment=assessment,
            criterion=criteria[form.cleaned_data["criterion"]],
            file=upload,
            original_name=upload.name,  # shortened by the form, extension kept
            size=upload.size,
            content_type=getattr(upload, "content_type", "") or "application/octet-stream",
            note=form.cleaned_data["note"],
            document=form.document,
            uploaded_by=request.user,
        )
        record(request.user, "evidence.uploaded", assessment, unit=unit,
               data={"evidence": evidence.pk, "criterion": evidence.criterion.code, "document": evidence.document,
                     "name": evidence.original_name, "size": evidence.size})
    messages.success(request, _("Evidence file “%(name)s” saved.") % {"name": evidence.original_name}, extra_tags=EVIDENCE)
    return redirect(reverse("scorecard", args=[unit.pk, year]) + "#thong-bao")


@require_GET
@login_required
def download_evidence(request, pk: int):
    evidence = get_object_or_404(Evidence.objects.select_related("assessment__unit"), pk=pk)
    get_unit_for_user(request.user, evidence.assessment.unit_id)  # 404 outside scope
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.original_name)
