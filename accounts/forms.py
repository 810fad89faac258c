from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    """A code from the authenticator app or a backup code; which one, and whether it is right, is second_factor's."""

    code = forms.CharField(label=_("Code"), max_length=32)


def _username_fits(form) -> str:
    """The username as typed, refused before any login attempt when no account could have it: a 1 MB name would
    otherwise reach django-axes' failure record (varchar 255) and fail there."""
    from django.contrib.auth import get_user_model

    username = form.cleaned_data.get("username") or ""
    limit = get_user_model()._meta.get_field(get_user_model().USERNAME_FIELD).max_length
    if len(username) > limit:
        raise forms.ValidationError(f"Tên đăng nhập dài quá {limit} ký tự: không có tài khoản nào như vậy.",
                                    code="too_long")
    return username


class _UsernameFits:
    def clean(self):  # before the password check (super().clean), shown where "wrong password" is shown
        _username_fits(self)
        return super().clean()


class LoginForm(_UsernameFits, AuthenticationForm):
    pass


class AdminLoginForm(_UsernameFits, AdminAuthenticationForm):
    pass
