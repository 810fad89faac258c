"""Writing periodic reports: each change in one transaction with its audit row; refusals say why, in Vietnamese."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from agencies.roles import reporters
from assessments.forms import shorten_filename
from audit.models import record
from inbox import notify
from kieumau import clock
from kieumau.posted import Refused

from . import periods
from .board import program_staff
from .models import Report, ReportAttachment, ReportLine, WorkPlan

RETURN_GRACE_DAYS = 7  # default time to send a returned report back; staff may give another date


def _locked_report(program, p: periods.Period, holder, writer) -> Report:
    report, _created = Report.objects.select_for_update().get_or_create(
        program=program, period=p.code, holder=holder, defaults={"written_by_body": writer})
    return report


def check_open(p: periods.Period, today: dt.date) -> None:
    if not p.is_open(today):
        raise Refused(f"Kỳ «{p.title}» chưa mở: nhận báo cáo từ ngày {p.opens_on:%d/%m/%Y} (hạn {p.deadline:%d/%m/%Y}).")


@transaction.atomic
def save(program, p, row, user, lines: dict, difficulties: str, proposals: str, *, submit: bool, revision: str = "") -> Report:
    """Save the report's content; with ``submit`` send it to the program staff (then it is locked)."""
    today = clock.today()
    check_open(p, today)
    report = _locked_report(program, p, row.holder, row.writer)
    if revision and revision != report.updated_at.isoformat():
        raise Refused("Báo cáo vừa được người khác cập nhật; hãy tải lại trang để xem bản mới nhất rồi sửa tiếp.")
    if report.state == Report.State.SUBMITTED:
        raise Refused("Báo cáo đã nộp và đang khóa; chỉ sửa được khi cán bộ thường trực (PV01) trả lại.")
    for task in row.tasks:
        done, figures = lines.get(task.pk, ("", {}))
        ReportLine.objects.update_or_create(report=report, task=task, defaults={"done": done, "figures": figures})
    report.difficulties, report.proposals = difficulties, proposals
    report.written_by_body = row.writer
    report.updated_at = clock.now()
    action = "report.saved"
    if submit:
        empty = [t.item for t in row.tasks if not lines.get(t.pk, ("", {}))[0].strip()]
        if empty:
            raise Refused("Chưa ghi kết quả thực hiện của nhiệm vụ " + ", ".join(f"mục {i}" for i in empty) + ".")
        now = clock.now()
        report.first_submitted_at = report.first_submitted_at or now
        report.submitted_at, report.submitted_by = now, user
        action = "report.resubmitted" if report.state == Report.State.RETURNED else "report.submitted"
        report.state = Report.State.SUBMITTED
    report.save()
    record(user, action, report, unit=program.province, data={"period": p.code, "holder": row.holder.code})
    if submit:
        staff = list(program_staff(program, clock.today()))
        verb = "nộp lại" if action == "report.resubmitted" else "nộp"
        notify.send(staff, f"{row.writer.name} đã {verb} «{p.title}»", _url(program, p, row), actor=user)
    return report


@transaction.atomic
def return_report(program, p, row, user, comment: str, due: dt.date | None) -> Report:
    comment = comment.strip()
    if not comment:
        raise Refused("Hãy ghi lý do trả lại để cơ quan biết cần sửa gì.")
    report = Report.objects.select_for_update().filter(program=program, period=p.code, holder=row.holder).first()
    if report is None or report.state != Report.State.SUBMITTED:
        raise Refused("Chỉ trả lại được báo cáo đã nộp.")
    today = clock.today()
    due = due or today + dt.timedelta(days=RETURN_GRACE_DAYS)
    if due < today:
        raise Refused("Hạn nộp lại không được trước hôm nay.")
    report.state = Report.State.RETURNED
    report.returned_at, report.return_comment, report.return_due = clock.now(), comment, due
    report.times_returned += 1
    report.updated_at = clock.now()
    report.save()
    record(user, "report.returned", report, unit=program.province, data={"period": p.code, "due": due.isoformat()},
           comment=comment)
    notify.send(reporters(row.writer), f"«{p.title}» của {row.writer.name} bị trả lại: {comment[:120]} (nộp lại trước {due:%d/%m/%Y})",
                _url(program, p, row), actor=user)
    return report


@transaction.atomic
def attach(program, p, row, user, upload) -> ReportAttachment:
    check_open(p, clock.today())
    report = _locked_report(program, p, row.holder, row.writer)
    if report.state == Report.State.SUBMITTED:
        raise Refused("Báo cáo đã nộp và đang khóa; không thêm được tệp.")
    limit = ReportAttachment._meta.get_field("original_name").max_length
    att = ReportAttachment.objects.create(report=report, file=upload, original_name=shorten_filename(upload.name, limit),
                                          size=upload.size,
                                          content_type=getattr(upload, "content_type", "") or "application/octet-stream",
                                          uploaded_by=user)
    report.updated_at = clock.now()
    report.save(update_fields=["updated_at"])
    record(user, "report.attached", report, unit=program.province, data={"file": upload.name, "size": upload.size})
    return att


@transaction.atomic
def save_work_plan(program, holder, year: int, user, text: str) -> WorkPlan:
    text = text.strip()
    if not text:
        raise Refused("Kế hoạch thực hiện không được để trống.")
    if not program.start_year <= year <= program.end_year:
        raise Refused(f"Năm {year} nằm ngoài chương trình ({program.start_year}–{program.end_year}).")
    plan, created = WorkPlan.objects.update_or_create(program=program, holder=holder, year=year,
                                                      defaults={"text": text, "updated_by": user, "updated_at": clock.now()})
    record(user, "workplan.created" if created else "workplan.updated", plan, unit=program.province, data={"year": year})
    return plan


def _url(program, p, row) -> str:
    from django.urls import reverse

    return reverse("report", args=[program.code, p.code, row.holder.pk])
