"""TC16's figures from the register, offered to the assessments through frameworks.providers.

``so_y_kien_nhan_dan``: feedback to the police (categories counting toward TC16) received in the year that is due —
answered, or past its deadline; cases still within their deadline are not counted yet (nobody has failed them).
``so_y_kien_giai_quyet``: of those, answered by the deadline. Years before ``FEEDBACK_TC16_FROM_YEAR`` keep the
figures typed by hand (the register did not exist then).
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from frameworks.providers import Provided

from . import stats

RECEIVED, RESOLVED = "so_y_kien_nhan_dan", "so_y_kien_giai_quyet"
SOURCE = "Sổ phản ánh của Nhân dân"


class CitizenFeedback:
    name = "feedback"
    codes = frozenset({RECEIVED, RESOLVED})

    def values(self, unit, year: int) -> dict:
        if year < settings.FEEDBACK_TC16_FROM_YEAR:
            return {}
        c = stats.counts(unit, year, tc16_only=True)
        link = reverse("feedback_list") + f"?don-vi={unit.pk}&nam={year}&tc16=1"
        pending = c.received - c.due
        note = f"; {pending} phản ánh chưa đến hạn trả lời chưa được tính" if pending else ""
        detail = (f"{c.received} phản ánh đối với Công an nhận năm {year}, {c.due} đã đến hạn hoặc đã trả lời, "
                  f"{c.resolved_on_time} trả lời đúng hạn, {c.overdue} quá hạn{note}")
        return {RECEIVED: Provided(RECEIVED, c.due, SOURCE, detail, link),
                RESOLVED: Provided(RESOLVED, c.resolved_on_time, SOURCE, detail, link)}
