from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Satisfaction surveys")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # the ward's scorecard and the period summary show the results without importing this app
        from kieumau import panels

        from .panels import answers_stamp, province_panel, ward_panel

        panels.register_ward(ward_panel, stamp=answers_stamp)  # kept with the scorecard until an answer comes
        panels.register_province(province_panel)
