from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SummaryConfig(AppConfig):
    name = "summary"
    verbose_name = _("Period summary")
    default_auto_field = "django.db.models.BigAutoField"
