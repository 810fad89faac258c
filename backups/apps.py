from django.apps import AppConfig


class BackupsConfig(AppConfig):
    """`manage.py backup` and `manage.py restore` (docs/backup.md). No models of its own: it carries everyone else's."""

    name = "backups"
    default_auto_field = "django.db.models.BigAutoField"
