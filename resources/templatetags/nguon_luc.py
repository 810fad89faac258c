"""Figures on the registers' pages written the Vietnamese way (1.234,5)."""

from django import template

from engine import fmt

register = template.Library()


@register.filter
def vn(value, places: int = 3) -> str:
    """A number with dots grouping thousands and a decimal comma; "—" for None."""
    if value is None or value == "":
        return "—"
    return fmt.number(value, int(places))


@register.filter
def million(value) -> str:
    """VND as million VND (1 decimal), for the cost to close a shortfall."""
    if value is None:
        return "—"
    return fmt.number(value / 1_000_000, 1)


@register.filter
def sources(items) -> list:
    """The legal sources named by the norm items, each once, in order."""
    return list(dict.fromkeys(i.source for i in items))
