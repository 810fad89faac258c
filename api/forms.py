from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.forms import AsciiIntegerField

from . import tokens


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100,
                           help_text=_("What the token is for, e.g. the system that will use it."))
    days = AsciiIntegerField(label=_("Valid for (days)"), min_value=1, max_value=tokens.MAX_DAYS, initial=tokens.DEFAULT_DAYS)

    def clean_name(self):
        from gate.text import problem

        name = self.cleaned_data["name"].strip()
        if why := problem(name, "Tên khóa"):  # gate.text words the whole message in Vietnamese
            raise forms.ValidationError(why, code="markup")
        return name
