from django import template
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
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
