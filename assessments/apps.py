from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("Yearly assessments")

    def ready(self):
        from units.signals import reorganized

        from .closing import on_reorganized

        reorganized.connect(on_reorganized, dispatch_uid="assessments.close_ended")

        from . import derived

        derived.connect()  # figures computed by registers (frameworks.providers) follow their rows
