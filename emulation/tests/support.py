"""Helpers for the movement's tests: the base personas (kieumau.testing) at 23/11/2026, and rows written through the
services."""

from __future__ import annotations

import datetime as dt

from audit.models import AuditEvent
from emulation import services
from emulation.models import MassModel, ModelStatus, Propaganda, Reward
from kieumau.testing import BaseTestCase, FixedNow

D = dt.date


class EmulationCase(FixedNow, BaseTestCase):
    def propose(self, unit=None, user=None, **kw):
        fields = {"recipient_kind": "citizen", "recipient_name": "Ông Nguyễn Văn Ba", "movement": "security",
                  "achievement": "Phát hiện, báo tin giúp bắt đối tượng trộm cắp.", "level": "ward_chair",
                  "proposer_unit": "Công an phường Vĩnh Nguyên", "proposer_person": "", "proposed_on": D(2026, 3, 2)} | kw
        return services.propose(unit or self.ward, user or self.officer, **fields)

    def decided(self, on=D(2026, 4, 1), **kw) -> Reward:
        return services.decide(self.propose(**kw), self.staff, number="12/QĐ-UBND", date=on, signer="Chủ tịch UBND phường")

    def model(self, kind="self_managed", started=D(2025, 1, 1), unit=None, **kw) -> MassModel:
        return services.add_model(unit or self.ward, self.officer, kind=kind, name=kw.pop("name", f"Mô hình {kind}"),
                                  started_on=started, **kw)

    def snapshot(self) -> tuple:
        """Rows of every register and of the audit trail (a refused write leaves them as they were)."""
        return (Reward.objects.count(), list(Reward.objects.values_list("state", "decision_date")), MassModel.objects.count(),
                list(ModelStatus.objects.values_list("model_id", "status", "since")), ModelStatus.objects.count(),
                Propaganda.objects.count(), AuditEvent.objects.count())
