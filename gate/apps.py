from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GateConfig(AppConfig):
    """The public gate: what every no-login write passes (rate limits, a captcha after a limit was hit, a honeypot)."""

    name = "gate"
    verbose_name = _("Public pages: limits")
    default_auto_field = "django.db.models.BigAutoField"
