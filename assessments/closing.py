"""A unit that ends leaves no open task behind: its unfinished assessments are closed, with the reason recorded.

Called when a reorganization is recorded (the ``units.signals.reorganized`` signal) and by the ``close_ended``
command, which a daily schedule runs so that a reorganization recorded ahead of its date takes effect on that date.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from audit.models import record
from units import history
from units.models import Unit
from units.territory import display_name

from . import workflow
from .eligibility import today
from .models import Assessment

OPEN = frozenset(workflow.STATUS_LABELS) - {workflow.RECOGNIZED, workflow.CLOSED}


def reason(unit: Unit) -> str:
    after = ", ".join(s.unit.name for s in history.successors_now(unit, unit.valid_until)) or "—"
    return _("%(name)s ended on %(day)s (now part of %(after)s); its unfinished assessment was closed.") % {
        "name": display_name(unit), "day": unit.valid_until.strftime("%d/%m/%Y"), "after": after}


@transaction.atomic
def close_ended(unit_ids=None, on: dt.date | None = None, actor=None) -> int:
    """Close the open assessments of units that have ended by ``on`` (of ``unit_ids`` only, when given)."""
    on = on or today()
    qs = Assessment.objects.select_for_update().filter(status__in=OPEN, unit__valid_until__lte=on).select_related("unit")
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=unit_ids)
    why: dict[int, str] = {}
    closed = 0
    for a in qs.order_by("unit_id", "year"):
        text = why.setdefault(a.unit_id, reason(a.unit))
        before = a.status
        a.status = workflow.CLOSED
        a.revision += 1
        a.save(update_fields=["status", "revision", "updated_at"])
        record(actor, "assessment.closed", a, unit=a.unit, data={"from": before, "to": workflow.CLOSED}, comment=text)
        closed += 1
    return closed


def on_reorganized(sender, **kwargs) -> None:
    close_ended()  # every unit ended by now: cheaper than listing the ones this reorganization ended
