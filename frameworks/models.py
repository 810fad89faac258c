"""Versioned criteria frameworks.

The definition of a version is stored whole (``definition``) and never
rewritten once an assessment uses it; a changed file must carry a new version
number. ``Criterion`` rows exist so results and evidence can point at the
exact criterion of the exact version they were judged against.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FrameworkManager(models.Manager):
    """Rows without their definition (10–20 KB of JSON): pages need the compiled framework, which the registry keeps
    per process by (id, digest); the definition is read, with one query, only when a process first compiles it."""

    def get_queryset(self):
        return super().get_queryset().defer("definition")


class Framework(models.Model):
    code = models.CharField(_("code"), max_length=60)
    version = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=255)
    source = models.TextField(_("source"), blank=True)
    effective_from = models.PositiveIntegerField(_("effective from year"), null=True, blank=True)
    definition = models.JSONField(_("definition"))
    digest = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now_add=True)

    objects = FrameworkManager()

    class Meta:
        verbose_name = _("criteria framework")
        verbose_name_plural = _("criteria frameworks")
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="framework_code_version_unique")]
        ordering = ["code", "-version"]
        base_manager_name = "objects"  # ``assessment.framework`` too reads the row without its definition

    def __str__(self) -> str:
        return f"{self.code} v{self.version}"


class Criterion(models.Model):
    framework = models.ForeignKey(Framework, models.CASCADE, related_name="criteria")
    code = models.CharField(_("code"), max_length=20)
    group_code = models.CharField(_("group"), max_length=20)
    group_title = models.CharField(_("group title"), max_length=255)
    title = models.CharField(_("title"), max_length=255)
    ref = models.CharField(_("reference"), max_length=20, blank=True)
    position = models.PositiveSmallIntegerField()

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["framework", "position"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="criterion_code_unique")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class VersionChoice(models.Model):
    """A province's choice of the version that applies from a year on (until its next choice).

    Without a choice, a year takes the newest version whose ``effective_from`` has come (the default). Rows are never
    edited in place: a later year gets its own row, so the history of what applied when stays readable.
    """

    province = models.ForeignKey("units.Unit", models.PROTECT, related_name="+", verbose_name=_("province"))
    code = models.CharField(_("code"), max_length=60)
    version = models.PositiveIntegerField(_("version"))
    from_year = models.PositiveSmallIntegerField(_("from year"))
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    chosen_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    chosen_at = models.DateTimeField(_("chosen at"), auto_now=True)

    class Meta:
        verbose_name = _("province's choice of criteria version")
        verbose_name_plural = _("provinces' choices of criteria version")
        ordering = ["province", "code", "from_year"]
        constraints = [models.UniqueConstraint(fields=["province", "code", "from_year"], name="version_choice_unique")]

    def __str__(self) -> str:
        return f"{self.code} v{self.version} từ {self.from_year}"
