"""Satisfaction surveys (seed 000: "lắng nghe ý kiến sự hài lòng của Nhân dân"): built by the program staff for a set
of wards and a period; each ward has its own public link (and poster with a QR code); answers are anonymous."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kieumau import clock


class Survey(models.Model):
    province = models.ForeignKey("units.Unit", models.PROTECT, related_name="surveys", verbose_name=_("province"))
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True)
    starts_on = models.DateField(_("opens on"))
    ends_on = models.DateField(_("closes after"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=clock.now)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("satisfaction survey")
        verbose_name_plural = _("satisfaction surveys")
        ordering = ["-starts_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def is_open_on(self, day) -> bool:
        return self.starts_on <= day <= self.ends_on


class Question(models.Model):
    class Kind(models.TextChoices):
        RATING = "rating", _("Rating 1–5")
        CHOICE = "choice", _("One choice")
        TEXT = "text", _("Free text")

    survey = models.ForeignKey(Survey, models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    text = models.CharField(_("question"), max_length=300)
    choices = models.JSONField(default=list, blank=True)
    required = models.BooleanField(default=True)

    class Meta:
        ordering = ["position", "pk"]


def new_token() -> str:
    return secrets.token_urlsafe(12)


class SurveyWard(models.Model):
    """A ward taking part: its own public link, so that answers count for the ward."""

    survey = models.ForeignKey(Survey, models.CASCADE, related_name="wards")
    unit = models.ForeignKey("units.Unit", models.PROTECT, related_name="+")
    token = models.CharField(max_length=32, unique=True, default=new_token)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "unit"], name="survey_ward_once")]


class Response(models.Model):
    ward = models.ForeignKey(SurveyWard, models.CASCADE, related_name="responses")
    device = models.CharField(max_length=64)  # keyed hash of the device's cookie: one answer per device
    at = models.DateTimeField(default=clock.now)
    is_demo = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["ward", "device"], name="response_once_per_device")]


class Answer(models.Model):
    response = models.ForeignKey(Response, models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, models.CASCADE, related_name="answers")
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    choice = models.CharField(max_length=200, blank=True)
    text = models.TextField(blank=True)
