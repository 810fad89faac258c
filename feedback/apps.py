from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = _("Citizens' feedback")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # TC16's figures come from this register (frameworks.providers; assessments never imports this app).
        from frameworks import providers

        from .indicators import CitizenFeedback

        providers.register(CitizenFeedback())

        from kieumau import panels

        from .inbox import todo_panel

        panels.register_todo(todo_panel)
