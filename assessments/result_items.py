"""The scorecard's criteria, written in Python.

Twenty-two articles, each with its conditions, the registers' provenance of its figures, its evidence files and the
documents it asks for. The scorecard is rebuilt after every save of its ward's figures, and written by the template
language these articles cost ≈ 17 ms of the rebuild's ≈ 50. This writes the same characters:
``assessments/tests/test_result_items.py`` renders the loop ``_result.html`` had beside it, for both criteria versions,
compact and not, with provenance (typed over or not), files, documents and hostile text, and compares them byte for
byte; and so do the documents each criterion asks for, with their forms (what ``_documents.html`` wrote: its text is
kept in that test now), on every criterion of the version that asks for documents.
"""

from __future__ import annotations

from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html
from django.urls import reverse
from django.utils.translation import gettext

from .html_value import shown as _v
from .templatetags.kieumau import status_label



def _get(obj, key):
    """``obj.key`` as a template reads it: a dictionary's item first, else an attribute; "" when there is neither."""
    if isinstance(obj, dict):
        return obj.get(key, "")
    return getattr(obj, key, "")


def _item(mapping, key):
    """The ``get_item`` filter."""
    return mapping.get(key) if mapping else None


def _condition(c) -> str:
    status, text = _v(c.status), _v(c.text)
    said = _v(c.explanation) if c.status in ("pass", "fail") else f'<span class="req">{text}:</span> {_v(c.explanation)}'
    return (f'<li class="cond-{status}" title="{text}"><span class="dot st-{status}" title="{_v(status_label(c.status))}">'
            f"</span>\n        {said}</li>")


def _provenance(p) -> str:
    url = _v(p.url) if p.url else ""
    if p.override:
        o = p.override
        return (f'\n      <p class="provenance overridden">«{_v(p.label)}» nhập tay {_v(_get(o, "value"))} thay số tính từ '
                f'{_v(p.source)} ({_v(_get(o, "computed"))}); lý do: {_v(_get(o, "reason"))} — {_v(_get(o, "by"))}'
                f'{f" · <a href={chr(34)}{url}{chr(34)}>xem hồ sơ</a>" if p.url else ""}</p>\n      \n    ')
    return (f'\n      <p class="provenance">«{_v(p.label)}» = {_v(p.value)}, tính từ {_v(p.source)}: {_v(p.detail)}.'
            f'{f" <a href={chr(34)}{url}{chr(34)}>Xem các hồ sơ</a>" if p.url else ""}</p>\n    ')


def _file(e) -> str:
    extra = (f" — {_v(e.document)}" if e.document else "") + (f" — {_v(e.note)}" if e.note else "")
    return (f'<li><a href="{_v(reverse("download_evidence", args=[e.pk]))}">{_v(e.original_name)}</a> '
            f'<span class="muted small">{_v(filesizeformat(e.size))}{extra}</span></li>')


def _csrf(token) -> str:
    """``{% csrf_token %}``."""
    if not token:
        return ""
    return "" if token == "NOTPROVIDED" else format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)


def _document(i: int, d, crit, ctx: dict, give_url: str, csrf: str) -> str:
    code, name = _v(crit.code), _v(d.document)
    reason = d.reason
    out = [f'\n  <li class="doc{" doc-owed" if d.owed else ""}"><span class="doc-name">{name}</span>:\n    ']
    if d.files:
        out.append(f'<span class="st-pass-text">có {_v(d.files)} tệp</span>\n    ')
    elif reason:
        note = f" ({_v(reason.review_note)})" if reason.review_note else ""
        out.append(f'<span class="doc-reason">lý do không thể cung cấp: «{_v(reason.reason)}» — <strong>'
                   f"{_v(str(reason.get_state_display()).lower())}</strong>{note}</span>\n    ")
    elif d.owed:
        out.append('<strong class="doc-missing">còn thiếu</strong> (tiêu chí đang được tính là đạt)\n    ')
    else:
        out.append('<span class="muted">chưa có</span>')
    out.append("\n    ")
    if ctx.get("can_write") and not d.files:
        out.append(f'<details class="doc-form"><summary>{"Sửa lý do" if reason else "Không thể cung cấp? Ghi lý do"}'
                   f'</summary>\n      <form method="post" action="{give_url}" class="stack">{csrf}\n'
                   f'        <input type="hidden" name="criterion" value="{code}"><input type="hidden" name="document" '
                   f'value="{name}">\n        <label for="reason-{code}-{_v(i)}">Lý do không thể cung cấp «{name}»</label>\n'
                   f'        <textarea id="reason-{code}-{_v(i)}" name="reason" rows="2" maxlength="2000" required>'
                   f"</textarea>\n        <button type=\"submit\">Ghi lý do</button></form></details>")
    out.append("\n    ")
    if ctx.get("can_judge") and reason and reason.state == "pending":
        unit = ctx.get("unit")
        judge = _v(reverse("judge_evidence_reason", args=[unit.pk, ctx.get("year"), reason.pk]))
        out.append(f'\n      <form method="post" action="{judge}" class="doc-judge">{csrf}\n'
                   f'        <label for="note-{_v(reason.pk)}" class="small">Nhận xét (bắt buộc khi không chấp nhận)</label>\n'
                   f'        <input id="note-{_v(reason.pk)}" name="note" maxlength="500">\n'
                   '        <button type="submit" name="verdict" value="accept">Chấp nhận lý do</button>\n'
                   '        <button type="submit" name="verdict" value="reject">Không chấp nhận</button></form>')
    out.append("\n  </li>")
    return "".join(out)


def _documents(crit, docs, ctx: dict) -> str:
    """What ``_documents.html`` wrote for a criterion's documents."""
    csrf = _csrf(ctx.get("csrf_token"))
    unit = ctx.get("unit")
    give_url = (_v(reverse("give_evidence_reason", args=[unit.pk, ctx.get("year")]))
                if ctx.get("can_write") and any(not d.files for d in docs) else "")
    items = "".join(_document(i, d, crit, ctx, give_url, csrf) for i, d in enumerate(docs, 1))
    return f'\n<ul class="documents" data-criterion="{_v(crit.code)}">{items}\n</ul>\n'


def _article(crit, ctx: dict, expected: str) -> str:
    r = _item(ctx.get("result") and ctx["result"].criteria, crit.code)
    status = getattr(r, "status", "") if r is not None else ""
    out = [f'\n  <article class="criterion" id="tc-{_v(crit.code)}">\n    <header><span class="badge st-{_v(status)}">'
           f'{_v(status_label(status))}</span>\n      <strong>{_v(crit.code)}</strong> {_v(crit.title)} '
           f'<span class="muted small">({_v(crit.ref)})</span></header>\n    <ul class="conditions">\n      \n      ']
    out += [_condition(c) for c in (getattr(r, "conditions", None) or ())]
    out.append("\n    </ul>\n    ")
    compact = ctx.get("compact")
    if not compact:
        out += [_provenance(p) for p in (_item(ctx.get("provenance"), crit.code) or ())]
    out.append("\n    ")
    if not compact:
        files, docs = _item(ctx.get("evidence"), crit.code), _item(ctx.get("documents"), crit.code)
        out.append("\n      ")
        if files:
            out.append('<ul class="evidence">' + "".join(_file(e) for e in files) + "</ul>")
        out.append("\n      ")
        if docs:
            out.append(_documents(crit, docs, ctx) + "\n      ")
        elif crit.evidence:
            out.append(f'<p class="muted small">{expected} {"; ".join(_v(x) for x in crit.evidence)}</p>')
        out.append("\n    ")
    out.append("\n  </article>\n  ")
    return "".join(out)


def articles_html(group, ctx: dict) -> str:
    """A group's criteria as ``_result.html``'s loop wrote them; ``ctx`` is that template's context (result,
    provenance, evidence, documents, compact, and for the documents' forms can_write, can_judge, unit, year and the
    CSRF token)."""
    expected = _v(gettext("Evidence expected:"))
    return "".join(_article(crit, ctx, expected) for crit in group.criteria)
