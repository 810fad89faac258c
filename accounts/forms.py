from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    """A code from the authenticator app or a backup code; which one, and whether it is right, is second_factor's."""

    code = forms.CharField(label=_("Code"), max_length=32)
