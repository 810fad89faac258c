"""Walk the audit chain and say where, if anywhere, it no longer holds (``manage.py audit_verify``)."""

from __future__ import annotations

from dataclasses import dataclass

from . import chain
from .models import AuditEvent, ChainHead

CHUNK = 2000


@dataclass
class Finding:
    verified: int
    broken: AuditEvent | None = None  # the first event whose content or link does not match
    reason: str = ""  # Vietnamese, for the operator

    @property
    def ok(self) -> bool:
        return not self.reason


def verify() -> Finding:
    previous, count, last = chain.GENESIS, 0, 0
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=CHUNK):
        if event.prev_digest != previous:
            reason = ("liên kết bị đứt: sự kiện ngay trước nó đã bị xóa, sửa hoặc chèn thêm"
                      if count else "liên kết bị đứt: những sự kiện đầu tiên đã bị xóa")
            return Finding(count, event, reason)
        if chain.digest(chain.content_of(event), previous) != event.digest:
            return Finding(count, event, "nội dung đã bị sửa sau khi ghi")
        previous, count, last = event.digest, count + 1, event.id
    head = ChainHead.objects.filter(pk=1).first()
    if head is None:
        return Finding(count) if count == 0 else Finding(count, None, "thiếu bản ghi đầu chuỗi (audit_chainhead)")
    if (head.last_id, head.digest, head.count) != (last, previous, count):
        return Finding(count, None, f"sự kiện cuối cùng đã bị xóa hoặc sửa: đầu chuỗi ghi sự kiện #{head.last_id} "
                                    f"({head.count} sự kiện), bảng hiện có {count} sự kiện đến #{last}")
    return Finding(count)
