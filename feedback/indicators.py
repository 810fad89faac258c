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

from kieumau import clock

from . import rules, stats

RECEIVED, RESOLVED = "so_y_kien_nhan_dan", "so_y_kien_giai_quyet"
# Version 2 (docs/criteria-v2.md): feedback about the police resolved in time OR proposed in time to the competent authority.
DUE_V2, HANDLED_V2 = "so_y_kien_ve_cong_an", "so_y_kien_giai_quyet_kip_thoi"
SOURCE = "Sổ phản ánh của Nhân dân"


class CitizenFeedback:
    name = "feedback"
    codes = frozenset({RECEIVED, RESOLVED, DUE_V2, HANDLED_V2})

    def values(self, unit, year: int) -> dict:
        if year < settings.FEEDBACK_TC16_FROM_YEAR:
            return {}
        rows = stats.rows(stats.cases_of(unit, year, tc16_only=True))
        c = rules.count(rows, clock.today())
        link = reverse("feedback_list") + f"?don-vi={unit.pk}&nam={year}&tc16=1"
        pending = c.received - c.due
        note = f"; {pending} phản ánh chưa đến hạn trả lời chưa được tính" if pending else ""
        detail = (f"{c.received} phản ánh đối với Công an nhận năm {year}, {c.due} đã đến hạn hoặc đã trả lời, "
                  f"{c.resolved_on_time} trả lời đúng hạn, {c.overdue} quá hạn{note}")
        due, handled = rules.count_v2(rows, clock.today())
        detail_v2 = (f"{c.received} phản ánh đối với Công an nhận năm {year}, {due} đã đến hạn hoặc đã xử lý, "
                     f"{handled} được giải quyết hoặc đề xuất giải quyết đúng hạn{note}")
        return {RECEIVED: Provided(RECEIVED, c.due, SOURCE, detail, link),
                RESOLVED: Provided(RESOLVED, c.resolved_on_time, SOURCE, detail, link),
                DUE_V2: Provided(DUE_V2, due, SOURCE, detail_v2, link),
                HANDLED_V2: Provided(HANDLED_V2, handled, SOURCE, detail_v2, link)}
