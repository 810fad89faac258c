"""The days a year's announcements change: extra days off and make-up working Saturdays.

The statutory holidays (Bộ luật Lao động, Điều 112: Tết Dương lịch, Tết Âm lịch, Giỗ Tổ, 30/4, 1/5, Quốc khánh, and
the Ngày Văn hóa Việt Nam from 2026) come from the kept ``holidays`` library; each year the Government announces
how they fall (bridging days off and the Saturdays worked in exchange). Those announcements are entered here.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class DayChange(models.Model):
    class Kind(models.TextChoices):
        OFF = "off", _("Day off")
        WORKING = "working", _("Working day (make-up)")

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    name = models.CharField(_("reason"), max_length=200, help_text=_("e.g. the announcement that sets it"))

    class Meta:
        verbose_name = _("announced day off or working day")
        verbose_name_plural = _("announced days off and working days")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} — {self.get_kind_display()}: {self.name}"

    def clean(self):
        if self.kind == self.Kind.WORKING and self.date and self.date.weekday() == 6:
            raise ValidationError(_("A make-up working day is a Saturday or a weekday, not a Sunday."))
