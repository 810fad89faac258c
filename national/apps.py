from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NationalConfig(AppConfig):
    name = "national"
    verbose_name = _("National view")
    default_auto_field = "django.db.models.BigAutoField"
