"""The fast form renderer writes exactly what Django's widget templates write (kieumau/formrender.py)."""

from django import forms
from django.forms.renderers import DjangoTemplates
from django.test import SimpleTestCase
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy
from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.forms import FiguresForm
from engine.tests.test_criteria_5764 import FW
from kieumau.formrender import INPUTS, SELECT, FastRenderer

FAST, DJANGO = FastRenderer(), DjangoTemplates()
HOSTILE = st.text(alphabet=st.sampled_from(list('a<>&"\' =ếỹ0\n\t')), max_size=12)
VALUES = st.one_of(st.none(), HOSTILE, st.integers(-10**6, 10**6), HOSTILE.map(mark_safe), st.just(gettext_lazy("Yes")))
ATTR_VALUES = st.one_of(st.booleans(), HOSTILE, st.integers(-10**6, 10**6), HOSTILE.map(mark_safe))
ATTRS = st.dictionaries(st.sampled_from(["id", "class", "required", "disabled", "inputmode", "data-x", "aria-describedby"]),
                        ATTR_VALUES, max_size=4)


def option(value, label, attrs):
    return {"name": "f", "value": value, "label": label, "selected": "selected" in attrs, "index": "0", "attrs": attrs,
            "type": "select", "template_name": "django/forms/widgets/select_option.html", "wrap_label": True}


OPTIONS = st.lists(st.builds(option, VALUES.filter(lambda v: v is not None), st.one_of(HOSTILE, HOSTILE.map(mark_safe)),
                             st.sampled_from([{}, {"selected": True}, {"disabled": True}])), max_size=4)
GROUPS = st.lists(st.tuples(st.one_of(st.none(), st.just(""), HOSTILE), OPTIONS, st.integers(0, 5)), max_size=3)


class FastRendererTests(SimpleTestCase):
    @settings(max_examples=300, deadline=None)
    @given(st.sampled_from(sorted(INPUTS)), st.sampled_from(["text", "number", "hidden", "checkbox"]), HOSTILE, VALUES, ATTRS)
    def test_inputs_as_django_writes_them(self, template, kind, name, value, attrs):
        context = {"widget": {"name": name, "type": kind, "value": value, "attrs": attrs, "is_hidden": False,
                              "required": False, "template_name": template}}
        self.assertEqual(FAST.render(template, context), DJANGO.render(template, context))

    @settings(max_examples=300, deadline=None)
    @given(HOSTILE, ATTRS, GROUPS)
    def test_selects_as_django_writes_them(self, name, attrs, groups):
        context = {"widget": {"name": name, "attrs": attrs, "optgroups": groups, "value": [], "is_hidden": False,
                              "required": False, "template_name": SELECT}}
        self.assertEqual(FAST.render(SELECT, context), DJANGO.render(SELECT, context))

    def test_a_number_label_goes_through_django(self):
        """The template localizes a number (1.000): the renderer leaves such a select to Django."""
        field = forms.ChoiceField(choices=[(1000, 1000), ("a", "b")])
        html = field.widget.render("n", 1000, renderer=FAST)
        self.assertEqual(html, field.widget.render("n", 1000, renderer=DJANGO))

    def test_the_figures_form_is_the_same_page(self):
        fw = FW
        data = {"revision": "3", **{code: '1<2 & "x"' for code in list(fw.indicators)[:6]}}
        for bound in (FiguresForm(fw, prev_codes=fw.prev_codes[:2]), FiguresForm(fw, data)):
            bound.full_clean()
            fast = "".join(str(bf.as_widget(attrs=None)) for bf in bound)
            bound.renderer = DJANGO
            plain = "".join(str(bf.as_widget(attrs=None)) for bf in bound)
            self.assertIn("<select", fast)
            self.assertEqual(fast, plain)
