import functools

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from audit.labels import action_label

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


@register.filter
def event_label(action: str) -> str:
    return action_label(action)


@register.filter
def status_name(status: str) -> str:
    from assessments.workflow import STATUS_LABELS

    return STATUS_LABELS.get(status, status)


@register.filter
def indicator_label(code: str, framework) -> str:
    ind = framework.indicators.get(code) if framework else None
    return ind.label if ind else code


@register.filter
def days_left(task, today) -> int | None:
    return task.days_left(today)


@register.filter(name="abs")
def absolute(value):
    return abs(value) if value is not None else value


@register.filter
def messages_at(messages, at: str) -> list:
    """The messages meant for one section of the page (the one where the user acted)."""
    return [m for m in messages or [] if at in (m.extra_tags or "")]


@register.simple_tag(takes_context=True)
def criterion_articles(context, group):
    """A group's criteria on the scorecard (and its live preview, the what-if page), written in Python
    (assessments/result_items.py): the template's loop was a third of a scorecard rebuilt after a save."""
    from assessments.result_items import articles_html

    return mark_safe(articles_html(group, context.flatten()))  # noqa: S308 (every value escaped there)
