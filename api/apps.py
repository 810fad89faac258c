from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("REST API and access tokens")
    default_auto_field = "django.db.models.BigAutoField"
