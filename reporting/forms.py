"""Forms of the report page: the content (one block per task), the return comment, and attachments."""

from __future__ import annotations

from django import forms

from assessments.forms import EvidenceForm
from engine.inputs import parse_one

MAX_TEXT = 20_000


class AttachmentForm(EvidenceForm):
    """Same checks as evidence (type by extension and content, size limit, name shortened), without a criterion."""

    criterion = None


class ReturnForm(forms.Form):
    comment = forms.CharField(label="Lý do trả lại", max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    due = forms.DateField(label="Nộp lại trước ngày", required=False, input_formats=["%Y-%m-%d", "%d/%m/%Y"],
                          widget=forms.DateInput(attrs={"type": "date"}))


def read_content(post, tasks) -> tuple[dict, str, str, dict]:
    """The report's content from a POST: {task id: (done, figures)}, difficulties, proposals, and errors by field.

    Figures are read as the ward figures are (engine.inputs: 1.234 or 12,5, ASCII digits, bounded); anything else is
    an error at that field, and the text the user typed is kept in the form.
    """
    lines, errors = {}, {}
    for t in tasks:
        done = post.get(f"done_{t.pk}", "")[:MAX_TEXT]
        figures = {}
        for f in t.figures:
            key = f"fig_{t.pk}_{f['code']}"
            raw = post.get(key, "").strip()
            if not raw:
                continue
            try:
                figures[f["code"]] = parse_one("num", raw)
            except ValueError as e:
                errors[key] = f"Mục {t.item}, {f['label']}: {e}"
        lines[t.pk] = (done, figures)
    return lines, post.get("difficulties", "")[:MAX_TEXT], post.get("proposals", "")[:MAX_TEXT], errors

