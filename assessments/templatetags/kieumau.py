import functools

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

register = template.Library()

LABELS = {
    "pass": _("Met"),
    "fail": _("Not met"),
    "missing": _("Missing data"),
    "not_applicable": _("Not applicable"),
    "": _("Not evaluated"),
}
SHORT = {"pass": "Đ", "fail": "K", "missing": "T", "not_applicable": "–", "": "·"}


@register.filter
def status_label(status: str) -> str:
    return LABELS.get(status or "", status)


@register.filter
def status_short(status: str) -> str:
    return SHORT.get(status or "", "?")


@register.filter
def status_cells(statuses) -> str:
    """A matrix row's criterion cells. One filter call per row instead of three per cell: a large province's
    matrix has thousands of cells, and resolving each through the template engine dominated the page's time."""
    cells = _cells(get_language())
    return mark_safe("".join(cells.get(s) or _cell(s) for s in statuses))


def _cell(s: str) -> str:
    return format_html('<td class="st st-{}" title="{}">{}</td>', s or "none", status_label(s), status_short(s))


@functools.lru_cache(maxsize=8)
def _cells(language: str) -> dict:
    """The cell of each known status, rendered once per language."""
    return {s: _cell(s) for s in SHORT}


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


EVENT_LABELS = {
    "assessment.figures_saved": _("saved figures"),
    "assessment.submit": _("submitted"),
    "assessment.verify_district": _("confirmed at city/town level"),
    "assessment.verify": _("verified"),
    "assessment.return": _("returned for changes"),
    "assessment.appraise": _("recorded the appraisal"),
    "assessment.return_appraisal": _("returned (council)"),
    "assessment.recognize": _("recognized"),
    "assessment.refuse": _("refused recognition"),
    "assessment.reopen": _("reopened for correction"),
    "assessment.vote": _("voted"),
    "evidence.uploaded": _("attached evidence"),
}


@register.filter
def event_label(action: str) -> str:
    return EVENT_LABELS.get(action, action)


@register.filter
def status_name(status: str) -> str:
    from assessments.workflow import STATUS_LABELS

    return STATUS_LABELS.get(status, status)


@register.filter
def indicator_label(code: str, framework) -> str:
    ind = framework.indicators.get(code) if framework else None
    return ind.label if ind else code
