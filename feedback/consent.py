"""The personal-data consent a citizen reads and ticks before leaving a name, phone or e-mail.

The text in force depends on the day: Nghị định 13/2023/NĐ-CP until 31/12/2025, the Luật Bảo vệ dữ liệu cá nhân
(Luật số 91/2025/QH15) from 1/1/2026. The version and the exact text agreed are stored with the case.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

_PURPOSE = ("Tôi đồng ý để Công an phường nơi tôi phản ánh (và cấp trên trực tiếp quản lý) dùng họ tên, số điện thoại, "
            "thư điện tử tôi để lại chỉ để liên hệ, xác minh và trả lời phản ánh này. Thông tin không được công khai, "
            "không dùng vào mục đích khác và được xóa sau {months} tháng kể từ khi phản ánh kết thúc. Tôi có thể rút lại sự "
            "đồng ý bất cứ lúc nào bằng mã tra cứu; khi đó thông tin liên hệ bị xóa, nội dung phản ánh vẫn được giải quyết.")


@dataclass(frozen=True)
class Consent:
    version: str
    since: dt.date
    basis: str
    template: str

    def text(self, months: int) -> str:
        return f"{self.template.format(months=months)} Căn cứ: {self.basis}."


VERSIONS = [
    Consent("nd13-2023-v1", dt.date(2023, 7, 1), "Nghị định số 13/2023/NĐ-CP ngày 17/4/2023 về bảo vệ dữ liệu cá nhân",
            _PURPOSE),
    Consent("luat91-2025-v1", dt.date(2026, 1, 1), "Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15 (hiệu lực từ 1/1/2026)",
            _PURPOSE),
]


def in_force(day: dt.date) -> Consent:
    current = VERSIONS[0]
    for version in VERSIONS:
        if version.since <= day:
            current = version
    return current
