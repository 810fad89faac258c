from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DifficultiesConfig(AppConfig):
    name = "difficulties"
    verbose_name = _("Difficulties reported")
    default_auto_field = "django.db.models.BigAutoField"
