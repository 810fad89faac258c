from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class MinimumLengthValidator:
    """Django's rule with a message our Vietnamese catalog carries (Django's own lacks this one)."""

    def __init__(self, min_length: int = 10):
        self.min_length = min_length

    def validate(self, password, user=None):
        if len(password) < self.min_length:
            raise ValidationError(
                _("This password is too short: it must have at least %(min_length)d characters.") % {"min_length": self.min_length},
                code="password_too_short",
            )

    def get_help_text(self):
        return _("Your password must have at least %(min_length)d characters.") % {"min_length": self.min_length}
