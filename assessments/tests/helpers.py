from engine.tests.test_criteria_5764 import BASE, PREV

GOOD = dict(BASE)
GOOD_PREV = dict(PREV)


def form_data(values=None, prev=None, revision=None):
    """POST data as a browser sends it: strings, bools as true/false."""
    data = {}
    for code, value in {**GOOD, **(values or {})}.items():
        data[code] = ("true" if value else "false") if isinstance(value, bool) else str(value)
    for code, value in (prev if prev is not None else GOOD_PREV).items():
        data[f"prev_{code}"] = str(value)
    if revision is not None:
        data["revision"] = str(revision)
    return data
