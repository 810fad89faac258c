from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from . import throttle


class ThrottledAuthenticationForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "locked": _("Too many failed attempts. Logging in is paused for 15 minutes for this account."),
    }

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        if throttle.is_locked(username, throttle.client_ip(self.request)):
            raise forms.ValidationError(self.error_messages["locked"], code="locked")
        return super().clean()
