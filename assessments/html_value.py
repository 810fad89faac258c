"""``{{ value }}`` written in Python, for the pages whose loops are written in Python (the entry form's rows, the
scorecard's criteria and timeline): one helper, so all three escape and localize as the template language does."""

from __future__ import annotations

from django.template import Context
from django.template.base import render_value_in_context

from engine import fmt

_CONTEXT = Context()  # autoescape on, localization and time zone as a page's context has them (read, never written)

# django.utils.html.escape's table: a plain string escaped without its lazy-text wrapper (most values are plain text)
_ESCAPES = {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord('"'): "&quot;", ord("'"): "&#x27;"}


def shown(value) -> str:
    """``{{ value }}`` in a template: localized (a Decimal as 12,5), escaped unless marked safe."""
    if value.__class__ is str:  # not a SafeString (a subclass): nothing to localize, only to escape
        return value.translate(_ESCAPES)
    return render_value_in_context(value, _CONTEXT)


def figure_text(ind, value) -> str:
    """A register's figure as the pages write figures (có/không, 1.250, 0,5), not as it is stored ("1250.0")."""
    if value is None:
        return ""
    if ind.type == "bool":
        return "có" if value else "không"
    try:
        return fmt.number(value)
    except (TypeError, ValueError, ArithmeticError):
        return str(value)
