"""Numbers on the national page written the Vietnamese way (1.234; 31,4%), from engine.fmt."""

from fractions import Fraction

from django import template

from engine import fmt

register = template.Library()


@register.filter
def so(value) -> str:
    """A count or figure: "1.234"; empty for None."""
    return "" if value is None else fmt.number(value)


@register.filter
def ti_le(part, whole) -> str:
    """``part`` of ``whole`` as a percentage ("31,1%", truncated like every share in the product); "—" without a whole."""
    if part is None or not whole:
        return "—"
    return fmt.percent(Fraction(part, whole))
