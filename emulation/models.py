"""The movement's registers (seed 003, Phần VI): rewards proposed and decided for the movement "Toàn dân bảo vệ an ninh
Tổ quốc" (and the emulation "Công an phường điển hình, kiểu mẫu"), each ward's mass models, and the bodies' propaganda.

A reward is a workflow (proposed → decided / refused, ``TRANSITIONS``); a model keeps every change of its status
(``ModelStatus``, the only record of it: its current status is the latest change) so that "working effectively at the
end of 2026" can still be read in 2027. Every change writes an audit row (services).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kieumau import clock


class Reward(models.Model):
    class Recipient(models.TextChoices):
        WARD_POLICE = "ward_police", _("Ward police (collective)")
        POLICE_OFFICER = "police_officer", _("Officer of the ward police")
        WARD_OFFICIAL = "ward_official", _("Ward official (government, mass organisations)")
        CITIZEN = "citizen", _("Citizen")
        CIVIL_GUARD = "civil_guard", _("Neighbourhood guard or civil defence member")
        COLLECTIVE = "collective", _("Residential area, agency, business or school (collective)")

    class Movement(models.TextChoices):
        SECURITY = "security", _("Movement: all people protect national security")
        MODEL_WARD = "model_ward", _("Emulation: model ward police")

    class Level(models.TextChoices):
        WARD_CHAIR = "ward_chair", _("Certificate of merit of the ward People's Committee chair")
        POLICE_DIRECTOR = "police_director", _("Certificate of merit of the provincial police director")
        PROVINCE_CHAIR = "province_chair", _("Merit of the provincial People's Committee chair")
        MINISTER = "minister", _("Merit of the Minister of Public Security")
        PRIME_MINISTER = "prime_minister", _("Merit of the Prime Minister")

    class State(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        DECIDED = "decided", _("Decided")
        REFUSED = "refused", _("Refused")

    # (state, step) → new state; anything else is refused
    TRANSITIONS = {(State.PROPOSED, "decide"): State.DECIDED, (State.PROPOSED, "refuse"): State.REFUSED}

    # whom TC14 counts: the people (citizens, BVDP/DP members, collectives) and the ward's own cadres
    PEOPLE = frozenset({Recipient.CITIZEN, Recipient.CIVIL_GUARD, Recipient.COLLECTIVE})
    CADRES = frozenset({Recipient.WARD_POLICE, Recipient.POLICE_OFFICER, Recipient.WARD_OFFICIAL})

    unit = models.ForeignKey("units.Unit", models.PROTECT, related_name="rewards", verbose_name=_("ward"))
    recipient_kind = models.CharField(_("recipient"), max_length=20, choices=Recipient.choices)
    recipient_name = models.CharField(_("recipient's name"), max_length=200)
    achievement = models.TextField(_("achievement"))
    movement = models.CharField(_("movement"), max_length=12, choices=Movement.choices, default=Movement.SECURITY)
    level = models.CharField(_("form of reward"), max_length=20, choices=Level.choices)
    proposer_unit = models.CharField(_("proposing unit"), max_length=200)
    proposer_person = models.CharField(_("proposed by (name, position)"), max_length=200, blank=True)
    proposed_on = models.DateField(_("proposed on"))
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("recorded by"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PROPOSED, db_index=True)
    decision_number = models.CharField(_("decision number"), max_length=50, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True,
                                     help_text=_("The day of the decision, or of the refusal."))
    decision_signer = models.CharField(_("signed by"), max_length=200, blank=True)
    refusal_reason = models.TextField(_("reason for refusal"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+",
                                   verbose_name=_("decision recorded by"))
    created_at = models.DateTimeField(default=clock.now)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("reward")
        verbose_name_plural = _("rewards")
        ordering = ["-proposed_on", "-pk"]
        indexes = [models.Index(fields=["unit", "decision_date"]), models.Index(fields=["unit", "proposed_on"])]

    def __str__(self) -> str:
        return f"{self.recipient_name} — {self.get_level_display()}"

    @property
    def year(self) -> int:
        """The year the reward belongs to: that of its decision (or refusal), else of its proposal."""
        return (self.decision_date or self.proposed_on).year


class MassModel(models.Model):
    class Kind(models.TextChoices):
        SELF_MANAGED = "self_managed", _("Self-managed mass model for security and order")
        DAN_VAN_KHEO = "dan_van_kheo", _('"Skilful mass mobilisation" model')
        CREATIVE = "creative", _("Good, creative model or practice")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Working effectively")
        PAUSED = "paused", _("Paused")
        STOPPED = "stopped", _("Stopped")

    unit = models.ForeignKey("units.Unit", models.PROTECT, related_name="mass_models", verbose_name=_("ward"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    started_on = models.DateField(_("started on"))
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=clock.now)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("mass model")
        verbose_name_plural = _("mass models")
        ordering = ["kind", "name", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def history(self) -> list[tuple]:
        """(since, status) of every change, oldest first (prefetch ``changes`` for a list of models)."""
        return [(c.since, c.status) for c in self.changes.all()]

    @property
    def current(self) -> ModelStatus:
        """The status in force now: the latest change (a model has one from its start)."""
        return list(self.changes.all())[-1]

    @property
    def status(self) -> str:
        return self.current.status

    @property
    def ended_on(self):
        """The day it stopped (its current status), or None."""
        current = self.current
        return current.since if current.status == self.Status.STOPPED else None


class ModelStatus(models.Model):
    """A model's status from ``since`` until the next change (the first row is its start, ``since`` = started_on)."""

    model = models.ForeignKey(MassModel, models.CASCADE, related_name="changes")
    status = models.CharField(_("status"), max_length=10, choices=MassModel.Status.choices)
    since = models.DateField(_("since"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = _("status of a mass model")
        verbose_name_plural = _("statuses of mass models")
        ordering = ["since", "pk"]


class Propaganda(models.Model):
    class Kind(models.TextChoices):
        ARTICLE = "article", _("Article")
        NEWS = "news", _("News item in the press")
        BROADCAST = "broadcast", _("Radio or television report")
        CONFERENCE = "conference", _("Awareness conference")
        PRINT = "print", _("Leaflets, posters, panels")
        SOCIAL = "social", _("Social media")

    province = models.ForeignKey("units.Unit", models.PROTECT, related_name="+", verbose_name=_("province"))
    body = models.ForeignKey("agencies.Body", models.PROTECT, related_name="propaganda", verbose_name=_("body"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    held_on = models.DateField(_("date"))
    quantity = models.PositiveIntegerField(_("number (articles, broadcasts, sessions, copies)"), null=True, blank=True)
    audience = models.PositiveIntegerField(_("audience (participants, readers, views)"), null=True, blank=True)
    report = models.ForeignKey("reporting.Report", models.SET_NULL, null=True, blank=True, related_name="+",
                               verbose_name=_("periodic report"))
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=clock.now)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("propaganda activity")
        verbose_name_plural = _("propaganda activities")
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["province", "held_on"])]

    def __str__(self) -> str:
        return self.title
