from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("Periodic reports")
    default_auto_field = "django.db.models.BigAutoField"
