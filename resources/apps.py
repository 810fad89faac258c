from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = _("Headquarters, equipment, funding and staff")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # TC03, TC04 and TC05's figures come from these registers (frameworks.providers; assessments never imports this
        # app), and the ward's scorecard and the period summary show them (kieumau.panels).
        from frameworks import providers
        from kieumau import panels

        from .indicators import Resources
        from .panels import province_panel, ward_panel

        providers.register(Resources())
        panels.register_ward(ward_panel, kept=True)  # audited registers (kieumau.panels)
        panels.register_province(province_panel)
