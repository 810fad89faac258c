"""The scorecard's criteria written in Python are the characters ``_result.html``'s loop wrote (assessments/result_items.py)."""

from pathlib import Path
from types import SimpleNamespace

from django.template import Context, Template, engines
from django.test import SimpleTestCase
from django.urls import reverse
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.framework import load_text

DATA = Path(__file__).resolve().parents[2] / "frameworks" / "data"
FRAMEWORKS = [load_text((DATA / name).read_text("utf-8")) for name in ("bca-5764-2021.yaml", "bca-5764-2021.v2.yaml")]

# templates/assessments/_result.html as it was until result_items replaced its loop over a group's criteria, with
# templates/assessments/_documents.html (which it included) written where its include was: both kept here, character
# for character, as the reference the new template and the Python must match together.
REFERENCE = Template('{% load i18n kieumau %}{# The 22-criterion scorecard; `compact` hides evidence (live preview). #}\n<div class="verdict {% if result.meets_standard %}st-pass{% else %}st-fail{% endif %}" id="verdict">\n  {% if result.meets_standard %}{% translate "Meets the standard: no criterion is failed or missing." %}\n  {% else %}{% translate "Does not meet the standard yet." %}\n  <span class="gaps">{% for code, r in result.criteria.items %}{% if r.status == "fail" or r.status == "missing" %}<a href="#tc-{{ code }}" class="badge st-{{ r.status }}" title="{{ r.status|status_label }}">{{ code }}</a> {% endif %}{% endfor %}</span>{% endif %}\n</div>\n{% for group in framework.groups %}\n<section class="group">\n  <h2>{{ group.code }}. {{ group.title }}</h2>\n  {% for crit in group.criteria %}{% with r=result.criteria|get_item:crit.code %}\n  <article class="criterion" id="tc-{{ crit.code }}">\n    <header><span class="badge st-{{ r.status }}">{{ r.status|status_label }}</span>\n      <strong>{{ crit.code }}</strong> {{ crit.title }} <span class="muted small">({{ crit.ref }})</span></header>\n    <ul class="conditions">\n      {# a met or failed condition\'s explanation already names the requirement, with the numbers: say it once #}\n      {% for c in r.conditions %}<li class="cond-{{ c.status }}" title="{{ c.text }}"><span class="dot st-{{ c.status }}" title="{{ c.status|status_label }}"></span>\n        {% if c.status == "pass" or c.status == "fail" %}{{ c.explanation }}{% else %}<span class="req">{{ c.text }}:</span> {{ c.explanation }}{% endif %}</li>{% endfor %}\n    </ul>\n    {% if not compact %}{% for p in provenance|get_item:crit.code %}\n      {% if p.override %}<p class="provenance overridden">«{{ p.label }}» nhập tay {{ p.override.value }} thay số tính từ {{ p.source }} ({{ p.override.computed }}); lý do: {{ p.override.reason }} — {{ p.override.by }}{% if p.url %} · <a href="{{ p.url }}">xem hồ sơ</a>{% endif %}</p>\n      {% else %}<p class="provenance">«{{ p.label }}» = {{ p.value }}, tính từ {{ p.source }}: {{ p.detail }}.{% if p.url %} <a href="{{ p.url }}">Xem các hồ sơ</a>{% endif %}</p>{% endif %}\n    {% endfor %}{% endif %}\n    {% if not compact %}{% with files=evidence|get_item:crit.code docs=documents|get_item:crit.code %}\n      {% if files %}<ul class="evidence">{% for e in files %}<li><a href="{% url \'download_evidence\' e.pk %}">{{ e.original_name }}</a> <span class="muted small">{{ e.size|filesizeformat }}{% if e.document %} — {{ e.document }}{% endif %}{% if e.note %} — {{ e.note }}{% endif %}</span></li>{% endfor %}</ul>{% endif %}\n      {% if docs %}{# The documents a criterion needs (frameworks with evidence_required): a file, a reason and its review, or owed. #}\n<ul class="documents" data-criterion="{{ crit.code }}">{% for d in docs %}\n  <li class="doc{% if d.owed %} doc-owed{% endif %}"><span class="doc-name">{{ d.document }}</span>:\n    {% if d.files %}<span class="st-pass-text">có {{ d.files }} tệp</span>\n    {% elif d.reason %}<span class="doc-reason">lý do không thể cung cấp: «{{ d.reason.reason }}» — <strong>{{ d.reason.get_state_display|lower }}</strong>{% if d.reason.review_note %} ({{ d.reason.review_note }}){% endif %}</span>\n    {% elif d.owed %}<strong class="doc-missing">còn thiếu</strong> (tiêu chí đang được tính là đạt)\n    {% else %}<span class="muted">chưa có</span>{% endif %}\n    {% if can_write and not d.files %}<details class="doc-form"><summary>{% if d.reason %}Sửa lý do{% else %}Không thể cung cấp? Ghi lý do{% endif %}</summary>\n      <form method="post" action="{% url \'give_evidence_reason\' unit.pk year %}" class="stack">{% csrf_token %}\n        <input type="hidden" name="criterion" value="{{ crit.code }}"><input type="hidden" name="document" value="{{ d.document }}">\n        <label for="reason-{{ crit.code }}-{{ forloop.counter }}">Lý do không thể cung cấp «{{ d.document }}»</label>\n        <textarea id="reason-{{ crit.code }}-{{ forloop.counter }}" name="reason" rows="2" maxlength="2000" required></textarea>\n        <button type="submit">Ghi lý do</button></form></details>{% endif %}\n    {% if can_judge and d.reason and d.reason.state == "pending" %}\n      <form method="post" action="{% url \'judge_evidence_reason\' unit.pk year d.reason.pk %}" class="doc-judge">{% csrf_token %}\n        <label for="note-{{ d.reason.pk }}" class="small">Nhận xét (bắt buộc khi không chấp nhận)</label>\n        <input id="note-{{ d.reason.pk }}" name="note" maxlength="500">\n        <button type="submit" name="verdict" value="accept">Chấp nhận lý do</button>\n        <button type="submit" name="verdict" value="reject">Không chấp nhận</button></form>{% endif %}\n  </li>{% endfor %}\n</ul>\n\n      {% elif crit.evidence %}<p class="muted small">{% translate "Evidence expected:" %} {{ crit.evidence|join:"; " }}</p>{% endif %}\n    {% endwith %}{% endif %}\n  </article>\n  {% endwith %}{% endfor %}\n</section>\n{% endfor %}\n')
NEW = engines["django"].engine.get_template("assessments/_result.html")

HOSTILE = st.text(alphabet=st.sampled_from(list('a<>&"\' =ếỹ0.,\n')), max_size=8)
STATUS = st.sampled_from(["pass", "fail", "missing", "na", "", "x<y"])
VALUE = st.one_of(st.none(), HOSTILE, st.integers(-10**6, 10**6), st.booleans(),
                  st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-10**6, max_value=10**6),
                  st.floats(allow_nan=False, allow_infinity=False, width=32))
CONDITION = st.builds(SimpleNamespace, status=STATUS, text=HOSTILE, explanation=HOSTILE)
RESULT = st.builds(SimpleNamespace, status=STATUS, conditions=st.lists(CONDITION, max_size=3))
OVERRIDE = st.one_of(st.none(), st.just({}), st.fixed_dictionaries({}, optional={
    "value": VALUE, "computed": VALUE, "reason": HOSTILE, "by": HOSTILE}))
PROVENANCE = st.builds(SimpleNamespace, label=HOSTILE, value=VALUE, source=HOSTILE, detail=HOSTILE,
                       url=st.one_of(st.just(""), HOSTILE), override=OVERRIDE)
FILE = st.builds(SimpleNamespace, pk=st.integers(1, 10**6), original_name=HOSTILE, size=st.integers(0, 10**10),
                 document=HOSTILE, note=HOSTILE)
REASON = st.one_of(st.none(), st.builds(lambda reason, state, note, pk: SimpleNamespace(
    reason=reason, state=state, review_note=note, pk=pk, get_state_display=lambda: state.upper()),
    HOSTILE, st.sampled_from(["pending", "accepted", "rejected"]), HOSTILE, st.integers(1, 1000)))
DOCUMENT = st.builds(SimpleNamespace, document=HOSTILE, files=st.integers(0, 3), reason=REASON, owed=st.booleans())


@st.composite
def contexts(draw):
    fw = draw(st.sampled_from(FRAMEWORKS))
    codes = [c.code for g in fw.groups for c in g.criteria]
    some = st.lists(st.sampled_from(codes), max_size=4, unique=True)
    return {
        "framework": fw,
        # some criteria missing from the result, now and then no result at all (as a template would meet them)
        "result": draw(st.one_of(st.none(), st.builds(lambda meets, missing: SimpleNamespace(
            meets_standard=meets, criteria={c: draw(RESULT) for c in codes if c not in missing}),
            st.booleans(), st.sets(st.sampled_from(codes), max_size=3)))),
        "provenance": {c: draw(st.lists(PROVENANCE, max_size=2)) for c in draw(some)},
        "evidence": {c: draw(st.lists(FILE, max_size=2)) for c in draw(some)},
        "documents": {c: draw(st.lists(DOCUMENT, max_size=2)) for c in draw(some)},
        "compact": draw(st.booleans()), "can_write": draw(st.booleans()), "can_judge": draw(st.booleans()),
        "unit": SimpleNamespace(pk=draw(st.integers(1, 10**6))), "year": 2026, "csrf_token": "csrf-mark",
    }


def both(ctx):
    return NEW.render(Context(ctx)), REFERENCE.render(Context(ctx))


class ResultItemsTests(SimpleTestCase):
    def test_both_versions_with_everything_in_both_languages(self):
        for fw in FRAMEWORKS:
            codes = [c.code for g in fw.groups for c in g.criteria]
            ok = SimpleNamespace(status="pass", text="Tỷ lệ ≥ 70%", explanation="75% ≥ 70%")
            ctx = {"framework": fw, "compact": False, "can_write": True, "can_judge": True,
                   "unit": SimpleNamespace(pk=7), "year": 2026, "csrf_token": "mark",
                   "result": SimpleNamespace(meets_standard=False, criteria={
                       c: SimpleNamespace(status="fail" if i % 3 else "pass",
                                          conditions=[ok, SimpleNamespace(status="missing", text="Có <b>kế hoạch</b>",
                                                                          explanation="chưa nhập")])
                       for i, c in enumerate(codes)}),
                   "provenance": {codes[0]: [SimpleNamespace(label="Số mô hình", value="12", source="Sổ mô hình",
                                                             detail="12 mô hình", url="/x?a=1&b=2", override=None),
                                             SimpleNamespace(label="Đất", value="1.250", source="Sổ trụ sở", detail="d",
                                                             url="", override={"value": 3, "computed": "2",
                                                                               "reason": "sai <sổ>", "by": "An"})]},
                   "evidence": {codes[1]: [SimpleNamespace(pk=9, original_name="bb.pdf", size=123456, document="Biên bản",
                                                           note="")]},
                   "documents": {codes[2]: [SimpleNamespace(document="Kế hoạch", files=0, owed=True, reason=None),
                                            SimpleNamespace(document="Biên bản", files=2, owed=False, reason=None),
                                            SimpleNamespace(document="Báo cáo", files=0, owed=False, reason=SimpleNamespace(
                                                reason="mất <hồ sơ>", state="pending", review_note="", pk=31,
                                                get_state_display=lambda: "Chờ xem xét"))]}}
            for language in ("vi", "en"):
                with translation.override(language):
                    new, reference = both(ctx)
                    self.assertEqual(new, reference)
                    self.assertIn(f'href="{reverse("download_evidence", args=[9])}"', new)
                    self.assertIn("sai &lt;sổ&gt;", new)
                    self.assertIn('id="note-31"', new)  # the reviewer's form on a pending reason
                    self.assertIn('for="reason-%s-3"' % codes[2], new)
                    new, reference = both({**ctx, "compact": True})
                    self.assertEqual(new, reference)

    @settings(max_examples=60, deadline=None)
    @given(contexts())
    def test_generated_scorecards(self, ctx):
        new, reference = both(ctx)
        self.assertEqual(new, reference)
