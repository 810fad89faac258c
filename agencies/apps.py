from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    name = "agencies"
    verbose_name = _("Coordinating bodies")
    default_auto_field = "django.db.models.BigAutoField"
