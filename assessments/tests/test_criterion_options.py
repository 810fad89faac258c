"""The scorecard's evidence form lists the criteria and their documents as its template loop did (evidence.py)."""

import itertools
from pathlib import Path
from types import SimpleNamespace

from django.template import Context, Template
from django.test import SimpleTestCase
from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.evidence import criterion_options
from engine.framework import load_text

DATA = Path(__file__).resolve().parents[2] / "frameworks" / "data"
FRAMEWORKS = [load_text((DATA / name).read_text("utf-8")) for name in ("bca-5764-2021.yaml", "bca-5764-2021.v2.yaml")]

# The options as templates/assessments/scorecard.html wrote them until evidence.criterion_options replaced the loop
# (kept here as the reference, character for character).
REFERENCE = Template("""{% for c in framework.criteria %}{% if c.evidence %}<optgroup label="{{ c.code }} — {{ c.title }}">{% for doc in c.evidence %}<option value="{{ c.code }}#{{ forloop.counter }}">{{ c.code }}: {{ doc }}</option>{% endfor %}<option value="{{ c.code }}">{{ c.code }}: tệp khác</option></optgroup>{% else %}<option value="{{ c.code }}">{{ c.code }} — {{ c.title }}</option>{% endif %}{% endfor %}""")  # noqa: E501

_keys = itertools.count(10**6)  # a fresh (pk, digest) per case: the function keeps what it wrote per version


def row():
    return SimpleNamespace(pk=next(_keys), digest="x")


HOSTILE = st.text(alphabet=st.sampled_from(list('a<>&"\' =ếỹ0.,\n')), max_size=12)
CRITERIA = st.lists(st.builds(SimpleNamespace, code=HOSTILE, title=HOSTILE,
                              evidence=st.lists(HOSTILE, max_size=12).map(tuple)), max_size=8)


class CriterionOptionsTests(SimpleTestCase):
    def test_both_versions_as_the_template_wrote_them(self):
        for fw in FRAMEWORKS:
            html = criterion_options(row(), fw)
            self.assertEqual(html, REFERENCE.render(Context({"framework": fw})))
            self.assertIn("#1\">", html)  # the documents are numbered from 1, as forloop.counter was

    @settings(max_examples=80, deadline=None)
    @given(CRITERIA)
    def test_hostile_titles_and_documents(self, criteria):
        fw = SimpleNamespace(criteria=criteria)
        self.assertEqual(criterion_options(row(), fw), REFERENCE.render(Context({"framework": fw})))

    def test_written_once_per_version(self):
        key = row()
        first = criterion_options(key, FRAMEWORKS[0])
        self.assertIs(criterion_options(key, FRAMEWORKS[1]), first)  # same stored version: the kept text
        self.assertNotEqual(criterion_options(row(), FRAMEWORKS[1]), first)
