from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self):
        from . import session_policy  # noqa: F401  (connects the login signal that sets a session's lifetime)


class LockoutConfig(AxesAppConfig):
    """django-axes as it is, named in Vietnamese in the admin (its own name is not translatable)."""

    verbose_name = _("Login lockouts")
