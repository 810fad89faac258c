"""The scorecard timeline's events written in Python are the characters its template wrote (assessments/timeline_items.py)."""

import datetime as dt
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

from django.template import Context, Template
from django.template.loader import render_to_string
from django.test import SimpleTestCase
from django.utils import translation
from django.utils.safestring import mark_safe
from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.timeline_items import items_html
from engine.framework import load_text

DATA = Path(__file__).resolve().parents[2] / "frameworks" / "data"
FRAMEWORK = load_text((DATA / "bca-5764-2021.yaml").read_text("utf-8"))
CODES = sorted(FRAMEWORK.indicators)[:5]

# templates/assessments/_timeline.html as it was until timeline_items replaced its loop (kept here, character for
# character, as the reference the new template and the Python must match together).
REFERENCE = Template('{% load i18n kieumau %}{# What happened to the assessment, oldest first: the same for every reader (kept with the scorecard body). #}\n<h3>{% translate "Timeline" %}</h3>\n  {% if earlier %}<p class="muted small">{% blocktranslate count n=earlier %}{{ n }} earlier event is not shown.{% plural %}{{ n }} earlier events are not shown.{% endblocktranslate %} <a href="?lich-su=day-du#timeline">{% translate "Show the whole timeline" %}</a></p>{% endif %}\n  <ol class="timeline" id="timeline"{% if earlier %} start="{{ earlier|add:1 }}"{% endif %}>{# numbered as in the whole timeline #}\n    {% for e in events %}<li><span class="muted small">{{ e.at|date:"d/m/Y H:i" }}</span> <strong>{% if e.actor %}{{ e.actor.get_full_name|default:e.actor.username }}{% else %}{% translate "the system" %}{% endif %}</strong> — {{ e.action|event_label }}\n      {% if e.data.to %}<span class="badge wf-{{ e.data.to }}">{{ e.data.to|status_name }}</span>{% endif %}\n      {% if e.comment %}<q>{{ e.comment }}</q>{% endif %}\n      {% if e.data.changes %}<details><summary>{% blocktranslate count n=e.data.changes|length %}{{ n }} figure changed{% plural %}{{ n }} figures changed{% endblocktranslate %}</summary><ul class="small">{% for c in e.data.changes %}<li>{{ c.code|indicator_label:framework }}: {{ c.before|default_if_none:"—" }} → {{ c.after|default_if_none:"—" }}</li>{% endfor %}</ul></details>{% endif %}\n      {% if e.data.name %}<span class="small">{{ e.data.criterion }}: {{ e.data.name }}</span>{% endif %}\n    </li>{% empty %}<li class="muted">{% translate "Nothing yet." %}</li>{% endfor %}\n  </ol>\n')

HOSTILE = st.text(alphabet=st.sampled_from(list('a<>&"\' =ếỹ0.,\n')), max_size=10)
FIGURE = st.one_of(st.none(), st.integers(-10**7, 10**7), st.booleans(), HOSTILE,
                   st.floats(allow_nan=False, allow_infinity=False, width=32),
                   st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-10**6, max_value=10**6))


def _change(draw_code, before, after, keep):
    c = {"code": draw_code}
    if keep & 1:
        c["before"] = before
    if keep & 2:
        c["after"] = after
    return c


CHANGE = st.builds(_change, st.one_of(st.sampled_from(CODES), HOSTILE), FIGURE, FIGURE, st.integers(0, 3))
DATA_ = st.fixed_dictionaries({}, optional={
    "to": st.one_of(st.sampled_from(["draft", "submitted", "recognized", ""]), HOSTILE),
    # a change that is not a dictionary: nothing writes one, and both show it as "<li>:  → </li>"
    "changes": st.lists(st.one_of(CHANGE, HOSTILE, st.integers()), max_size=4), "name": HOSTILE, "criterion": HOSTILE,
    "other": HOSTILE})
ACTOR = st.one_of(st.none(), st.builds(lambda first, username: SimpleNamespace(
    get_full_name=lambda: first.strip(), username=username), HOSTILE, HOSTILE))
EVENT = st.builds(lambda at, actor, action, data, comment: SimpleNamespace(at=at, actor=actor, action=action, data=data,
                                                                         comment=comment),
                  st.datetimes(min_value=dt.datetime(2020, 1, 1), max_value=dt.datetime(2030, 12, 31),
                               timezones=st.just(dt.timezone.utc)),
                  ACTOR, st.one_of(st.sampled_from(["assessment.figures_saved", "assessment.submitted",
                                                    "assessment.evidence_added"]), HOSTILE),
                  DATA_, HOSTILE)


def both(events, earlier=0, framework=FRAMEWORK):
    new = render_to_string("assessments/_timeline.html", {"items": mark_safe(items_html(events, framework)),
                                                          "earlier": earlier})
    return new, REFERENCE.render(Context({"events": events, "earlier": earlier, "framework": framework}))


class TimelineItemsTests(SimpleTestCase):
    def test_every_kind_of_event_in_both_languages(self):
        at = dt.datetime(2026, 3, 4, 23, 30, tzinfo=dt.timezone.utc)  # 5 March in Hà Nội: the time zone applies
        user = SimpleNamespace(get_full_name=lambda: "Nguyễn Văn A", username="a")
        nameless = SimpleNamespace(get_full_name=lambda: "", username="b<i>")
        events = [
            SimpleNamespace(at=at, actor=user, action="assessment.figures_saved", comment="",
                            data={"changes": [{"code": CODES[0], "before": None, "after": 1234567},
                                              {"code": "khong_co", "before": Decimal("12.5"), "after": True},
                                              {"code": CODES[1]}]}),
            SimpleNamespace(at=at, actor=nameless, action="assessment.submitted", comment="Đề nghị <b>xét</b>",
                            data={"to": "submitted"}),
            SimpleNamespace(at=at, actor=None, action="assessment.evidence_added", comment="",
                            data={"criterion": "TC01", "name": "bien-ban.pdf"}),
        ]
        for language in ("vi", "en"):
            with translation.override(language):
                new, reference = both(events, earlier=7)
                self.assertEqual(new, reference)
                self.assertIn("12,5 → True" if language == "vi" else "12.5 → True", new)  # localized as the page is
                self.assertIn("05/03/2026 06:30", new)
                new, reference = both([])
                self.assertEqual(new, reference)

    @settings(max_examples=60, deadline=None)
    @given(st.lists(EVENT, max_size=4), st.integers(0, 2000))
    def test_generated_events(self, events, earlier):
        new, reference = both(events, earlier)
        self.assertEqual(new, reference)
