from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmulationConfig(AppConfig):
    name = "emulation"
    verbose_name = _("Rewards, models and propaganda")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # TC14's and TC16's figures come from these registers (frameworks.providers; assessments never imports this
        # app), and the ward's scorecard shows its models and rewards (kieumau.panels).
        from frameworks import providers
        from kieumau import panels

        from .indicators import Registers
        from .panels import ward_panel

        providers.register(Registers())
        panels.register_ward(ward_panel, kept=True)  # audited registers (kieumau.panels)
