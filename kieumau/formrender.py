"""Django's form renderer (which strips what a widget template writes), with the plain inputs and selects written in Python.

Django renders every widget through three or four small templates (the widget, ``input.html``, ``attrs.html``, each
option). On the data-entry page that is about 135 widgets, and their templates cost about half of the page's time. For
the widgets whose templates only include ``input.html`` (text, number, hidden, checkbox, date …) and for the plain
``select.html``, this renderer writes the same characters directly; every other template goes through Django as usual.
``kieumau/tests/test_formrender.py`` checks, for generated widgets and values, that the output is byte for byte what
Django's templates give.
"""

from __future__ import annotations

from django.forms.renderers import DjangoTemplates
from django.utils.functional import Promise
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe

WIDGETS = "django/forms/widgets/"
# The templates of Django 5.2 that are exactly ``{% include "django/forms/widgets/input.html" %}`` and a newline.
INPUTS = frozenset(WIDGETS + name + ".html" for name in (
    "text", "number", "email", "url", "password", "hidden", "checkbox", "date", "datetime", "time", "search", "tel",
    "color"))
SELECT, OPTION = WIDGETS + "select.html", WIDGETS + "select_option.html"


def _text(value) -> str:
    """``{{ value|stringformat:'s' }}`` under autoescape: formatted with %s, escaped unless it was marked safe."""
    return value if isinstance(value, SafeData) else conditional_escape("%s" % (value,))


def _attrs(attrs: dict) -> str:
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        out.append(" " + conditional_escape(name) + ("" if value is True else f'="{_text(value)}"'))
    return "".join(out)


def _input(w: dict) -> str:
    value = f' value="{_text(w["value"])}"' if w["value"] is not None else ""
    return f'<input type="{conditional_escape(w["type"])}" name="{conditional_escape(w["name"])}"{value}{_attrs(w["attrs"])}>'


def _select(w: dict) -> str | None:
    parts = [f'<select name="{conditional_escape(w["name"])}"{_attrs(w["attrs"])}>']
    for group_name, group_choices, _index in w["optgroups"]:
        if group_name and not isinstance(group_name, (str, Promise)):
            return None  # a number or a date is localized by the template: Django renders it
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in group_choices:
            if option["template_name"] != OPTION or not isinstance(option["label"], (str, Promise)):
                return None  # a custom option template, or a label the template would localize: Django renders it
            parts.append(f'\n  <option value="{_text(option["value"])}"{_attrs(option["attrs"])}>'
                         f'{conditional_escape(option["label"])}</option>\n')
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


class FastRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        if widget is not None and request is None:
            if template_name in INPUTS:
                return mark_safe(_input(widget))  # noqa: S308 (every value escaped above)
            if template_name == SELECT:
                html = _select(widget)
                if html is not None:
                    return mark_safe(html)  # noqa: S308
        return super().render(template_name, context, request)
