"""The data-entry page's field rows, written in Python.

The page has one row per indicator (about 135): its label, the input, last year's figure, a register's figure with
the "type over it" choice, the errors and the help text. Written by the template language, the rows cost about as
much as the rest of the page together (≈ 12 ms of ≈ 35 ms; the widgets themselves are already written in Python by
``kieumau/formrender.py``). This writes the same characters: ``assessments/tests/test_entry_rows.py`` renders the
template the page used before beside it, for both criteria versions, with errors, registers' figures and hostile
text, and compares them byte for byte.
"""

from __future__ import annotations

from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from .html_value import figure_text
from .html_value import shown as _v


def _row(row, last_year_label: str, last_year_word: str) -> str:
    field, ind = row.field, row.indicator
    errors = field.errors
    out = [f'\n      <div class="field{" has-error" if errors else ""}">\n'
           f'        <label for="{_v(field.id_for_label)}">{_v(ind.label)}']
    if ind.unit:
        out.append(f' <span class="muted small">({_v(ind.unit)})</span>')
    out.append(f'</label>\n        <div class="inputs">\n          {_v(field)}\n          ')
    if row.last_year:
        out.append(f'<span class="prev" title="{last_year_label}">{last_year_word}: {_v(row.last_year)}</span>')
    out.append("\n          ")
    if row.prev_field:
        out.append(f'<span class="prev-input"><label for="{_v(row.prev_field.id_for_label)}">{last_year_word}</label> '
                   f'{_v(row.prev_field)}</span>')
    out.append("\n        </div>\n        ")
    if row.provided:
        item, override, reason = row.provided, row.override_field, row.reason_field
        out.append(f'<div class="provided" data-provided="{_v(ind.code)}">\n'
                   f'          <p class="small">Số liệu tính từ <strong>{_v(item.source)}</strong>: '
                   f'<strong>{_v(figure_text(ind, item.value))}</strong> — {_v(item.detail)}.\n            ')
        if item.url:
            out.append(f'<a href="{_v(item.url)}">Xem các hồ sơ</a>')
        out.append(f'</p>\n          <label class="small"><input type="checkbox" name="{_v(override.html_name)}" '
                   f'id="{_v(override.id_for_label)}" value="on" data-override="#{_v(field.id_for_label)}"'
                   f'{" checked" if override.value() else ""}> Nhập tay thay số liệu tính (phải ghi lý do)</label>\n'
                   f'          <span class="override-reason"><label for="{_v(reason.id_for_label)}" class="small">Lý do'
                   f'</label> {_v(reason)}</span>\n        </div>')
    out.append("\n        ")
    for e in errors:
        out.append(f'<p class="field-error" id="err-{_v(ind.code)}">{_v(e)}</p>')
    out.append("\n        ")
    if row.prev_field:
        for e in row.prev_field.errors:
            out.append(f'<p class="field-error">{_v(e)}</p>')
    out.append("\n        ")
    if ind.help:
        out.append(f'<p class="help">{_v(ind.help)}</p>')
    out.append("\n      </div>\n      ")
    return "".join(out)


def rows_html(rows) -> SafeString:
    """One criterion's field rows (``assessments.pages.FieldRow``), as the entry page shows them."""
    label, word = conditional_escape(gettext("Last year")), conditional_escape(gettext("last year"))
    return mark_safe("".join(_row(row, label, word) for row in rows))  # noqa: S308 (every value escaped)
