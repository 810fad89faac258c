"""A field people never see (hidden by CSS, skipped by the keyboard, ignored by autofill) that simple bots fill in."""

FIELD = "website"


def tripped(data) -> bool:
    return bool((data.get(FIELD) or "").strip())
