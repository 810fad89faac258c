"""The entry page's rows written in Python are the characters its template wrote (assessments/entry_rows.py)."""

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from django.template import Context, Template
from django.test import SimpleTestCase
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.entry_rows import rows_html
from assessments.forms import FiguresForm
from assessments.html_value import figure_text
from assessments.pages import field_rows
from engine.framework import load_text
from frameworks.providers import Provided

DATA = Path(__file__).resolve().parents[2] / "frameworks" / "data"
FRAMEWORKS = [load_text((DATA / name).read_text("utf-8")) for name in ("bca-5764-2021.yaml", "bca-5764-2021.v2.yaml")]

# The rows as templates/assessments/entry.html wrote them until this module replaced the loop (kept here as the
# reference the Python must match, character for character). Since then a register's figure is written as the
# scorecard writes it (assessments.html_value.figure_text): ``as_written`` gives the template that text.
REFERENCE = Template("{% load i18n %}" + """      {% for row in rows %}
      <div class="field{% if row.field.errors %} has-error{% endif %}">
        <label for="{{ row.field.id_for_label }}">{{ row.indicator.label }}{% if row.indicator.unit %} <span class="muted small">({{ row.indicator.unit }})</span>{% endif %}</label>
        <div class="inputs">
          {{ row.field }}
          {% if row.last_year %}<span class="prev" title="{% translate 'Last year' %}">{% translate "last year" %}: {{ row.last_year }}</span>{% endif %}
          {% if row.prev_field %}<span class="prev-input"><label for="{{ row.prev_field.id_for_label }}">{% translate "last year" %}</label> {{ row.prev_field }}</span>{% endif %}
        </div>
        {% if row.provided %}<div class="provided" data-provided="{{ row.indicator.code }}">
          <p class="small">Số liệu tính từ <strong>{{ row.provided.source }}</strong>: <strong>{{ row.provided.value }}</strong> — {{ row.provided.detail }}.
            {% if row.provided.url %}<a href="{{ row.provided.url }}">Xem các hồ sơ</a>{% endif %}</p>
          <label class="small"><input type="checkbox" name="{{ row.override_field.html_name }}" id="{{ row.override_field.id_for_label }}" value="on" data-override="#{{ row.field.id_for_label }}"{% if row.override_field.value %} checked{% endif %}> Nhập tay thay số liệu tính (phải ghi lý do)</label>
          <span class="override-reason"><label for="{{ row.reason_field.id_for_label }}" class="small">Lý do</label> {{ row.reason_field }}</span>
        </div>{% endif %}
        {% for e in row.field.errors %}<p class="field-error" id="err-{{ row.indicator.code }}">{{ e }}</p>{% endfor %}
        {% if row.prev_field %}{% for e in row.prev_field.errors %}<p class="field-error">{{ e }}</p>{% endfor %}{% endif %}
        {% if row.indicator.help %}<p class="help">{{ row.indicator.help }}</p>{% endif %}
      </div>
      {% endfor %}
""")

HOSTILE = st.text(alphabet=st.sampled_from(list('a<>&"\' =ếỹ0.,\n')), max_size=10)
VALUES = st.one_of(st.integers(-10**7, 10**7), st.booleans(), st.decimals(allow_nan=False, allow_infinity=False, places=2,
                                                                           min_value=-10**6, max_value=10**6))
PROVIDED = st.builds(lambda value, source, detail, url: (value, source, detail, url), VALUES, HOSTILE, HOSTILE,
                     st.one_of(st.just(""), HOSTILE))


def as_written(rows) -> list:
    """The rows with each register's figure as the page writes it."""
    return [replace(r, provided=replace(r.provided, value=figure_text(r.indicator, r.provided.value))) if r.provided else r
            for r in rows]


def both(fw, form, last, prev, provided):
    """(Python, template) output of every criterion's rows."""
    out = []
    for _group, crits in field_rows(fw, form, last, set(prev), provided):
        for _crit, rows in crits:
            # the page now has "      {{ rows }}" and a newline where the loop was
            out.append(("      " + rows_html(rows) + "\n", REFERENCE.render(Context({"rows": as_written(rows)}))))
    return out


class EntryRowsTests(SimpleTestCase):
    def assertSame(self, pairs):
        self.assertTrue(pairs)
        for fast, reference in pairs:
            self.assertEqual(fast, reference)

    def test_an_opened_form_with_registers_and_last_year(self):
        for fw in FRAMEWORKS:
            codes = list(fw.indicators)
            provided = {c: Provided(c, v, "Sổ <đăng ký>", 'chi tiết "x" & y', u) for c, v, u in
                        zip(codes[::9], [3, Decimal("12.5"), True, 0, Decimal("1234567.25")] * 9, ["/a?b=1&c=2", ""] * 30)}
            prev = fw.prev_codes[:3]
            last = {c: (True if fw.indicators[c].type == "bool" else 7) for c in codes[1::4]}
            for lang in ("vi", "en"):
                with translation.override(lang):
                    form = FiguresForm(fw, initial={"override_" + next(iter(provided)): True}, prev_codes=prev,
                                       provided=provided)
                    self.assertSame(both(fw, form, last, prev, provided))

    def test_a_refused_save_with_errors_everywhere(self):
        for fw in FRAMEWORKS:
            codes = list(fw.indicators)
            prev = fw.prev_codes
            data = {"revision": "x", **{c: "<b>&nan" for c in codes}, **{f"prev_{c}": "-1e309" for c in prev}}
            provided = {codes[0]: Provided(codes[0], 5, "Sổ", "d", "")}
            data.update({f"override_{codes[0]}": "on", f"override_reason_{codes[0]}": '"lý do" <x>'})
            with translation.override("vi"):
                form = FiguresForm(fw, data, prev_codes=prev, provided=provided)
                self.assertFalse(form.is_valid())
                pairs = both(fw, form, {}, prev, provided)
                self.assertSame(pairs)
                self.assertIn("has-error", "".join(fast for fast, _r in pairs))

    @settings(max_examples=60, deadline=None)
    @given(st.sampled_from(FRAMEWORKS), st.lists(PROVIDED, max_size=4), st.lists(st.one_of(VALUES, HOSTILE), max_size=6),
           st.integers(0, 3))
    def test_generated_figures_and_text(self, fw, items, typed, n_prev):
        codes = list(fw.indicators)
        provided = {c: Provided(c, *item) for c, item in zip(codes[5::7], items)}
        prev = fw.prev_codes[:n_prev]
        data = {"revision": "1", **{c: str(v) for c, v in zip(codes[2::5], typed)},
                **{f"prev_{c}": str(v) for c, v in zip(prev, typed)}}
        with translation.override("vi"):
            form = FiguresForm(fw, data, prev_codes=prev, provided=provided)
            form.is_valid()
            last = {c: v for c, v in zip(codes[3::6], typed) if not isinstance(v, str)}
            self.assertSame(both(fw, form, last, prev, provided))

