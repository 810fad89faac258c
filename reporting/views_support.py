"""Shapes shared by the pages and the command (kept out of views so the command imports no view code)."""

from __future__ import annotations

from django.utils import timezone

from . import status


def board_json(province, b) -> dict:
    return {
        "province": province.code,
        "period": b.period.code,
        "deadline": b.period.deadline.isoformat(),
        "bodies": [
            {
                "code": r.holder.code,
                "name": r.holder.name,
                "held_by": r.held_by.name if r.held_by else None,
                "status": r.status,
                "submitted_at": timezone.localtime(r.report.submitted_at).isoformat()
                if r.report and r.report.submitted_at and r.status in status.SUBMITTED else None,
            }
            for r in b.rows
        ],
        "counts": dict(b.rates.counts),
        "completeness": b.rates.completeness,
        "timeliness": b.rates.timeliness,
    }
