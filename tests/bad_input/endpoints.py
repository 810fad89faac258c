"""The table of every URL that takes a write (POST, or PATCH for the API): how to reach it on the demo data, as whom,
a valid form to start from, and the kind of each field the hostile values are put in.

Kinds: ``num`` (a figure, decimals allowed), ``int`` (a whole number or a year), ``date``, ``choice`` (one of a list),
``id`` (a row's id), ``text`` (free text), ``lenient`` (a choice that falls back to a default: any value may be taken). A test fails when a URL name that takes writes is in neither ``TABLE`` nor
``SKIPPED``: a new endpoint must be added here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from django.core.files.uploadedfile import SimpleUploadedFile

from .fixture import PASSWORD

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _jpeg() -> bytes:
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(out, "JPEG")
    return out.getvalue()


UNVERIFIED = ":unverified"  # after a username: log in without entering the second factor's code


@dataclass
class Form:
    """One form an endpoint takes (an endpoint with several actions has several)."""

    label: str
    base: Callable  # case → a valid POST (dict of str, or lists for repeated fields)
    fields: dict[str, str] | Callable  # field → kind (or case → that)
    files: Callable | None = None  # case → {field: SimpleUploadedFile}, sent with the base
    taken: bool = True  # the base form is taken as it is: the hostile values then reach the checks behind it


@dataclass
class Endpoint:
    user: str | None  # username (None: anonymous, a public page)
    kwargs: Callable  # case → the URL's kwargs
    forms: list[Form]
    query: str = ""
    watch: Callable | None = None  # case → querysets whose rows a refused request must leave unchanged
    also: dict = field(default_factory=dict)  # more URL kwargs to try with the first form (name → case → kwargs)
    prepare: Callable | None = None  # (client, case) → None: what the page does before its form is posted
    read_only: bool = False  # writes nothing whatever it is sent (a live preview): nothing must ever be written
    hostile_files: Callable | None = None  # case → [(label, {field: SimpleUploadedFile}, must be refused)]


def workbook_with(case, value) -> bytes:
    """The fixture's valid workbook with ``value`` in the changed ward's first typed whole-number cell."""
    import io

    from openpyxl import load_workbook

    from assessments import derived
    from frameworks import registry
    from workbooks import layout

    book = load_workbook(io.BytesIO(case.workbook))
    sheet = book["Dữ liệu"]
    columns = {str(c.value): c.column_letter for c in sheet[layout.CODE_ROW] if c.value}
    row = next(r[0].row for r in sheet.iter_rows(min_row=layout.FIRST_ROW) if r[0].value == case.nt.pk)
    fw = registry.compiled(case.a_draft.framework)
    provided = derived.provided_for(case.nt, case.a_draft.year, fw)
    code = next(c for c, i in fw.indicators.items() if i.type == "int" and c not in provided and c in columns)
    sheet[f"{columns[code]}{row}"] = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def workbook_raw(case, raw: str) -> bytes:
    """The workbook with that cell's stored value replaced by ``raw`` in the sheet's XML (what no spreadsheet program
    writes: NaN, inf, a 400-digit number)."""
    import io
    import zipfile

    marker = b"<v>987654321</v>"
    with zipfile.ZipFile(io.BytesIO(workbook_with(case, 987654321))) as zf:
        members = {name: zf.read(name) for name in zf.namelist()}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in members.items():
            zf.writestr(name, content.replace(marker, f"<v>{raw}</v>".encode()) if name.startswith("xl/worksheets/") else content)
    return out.getvalue()


RAW_CELLS = ["NaN", "inf", "-inf", "1e309", "9" * 400, "-5", "1.5", "0x10", "1_000", "-0"]


def _workbooks(case):
    """(label, files, must be refused)."""
    out = [(f"raw cell {raw[:12]}", {"tep": SimpleUploadedFile("so-lieu.xlsx", workbook_raw(case, raw))}, raw != "-0")
           for raw in RAW_CELLS]
    for label, value in [("cell NaN text", "NaN"), ("cell 1e309 text", "1e309"), ("cell of 5000 digits", "9" * 5000),
                         ("cell formula", "=1+1"), ("cell RTL", "\u202e12"), ("cell full-width", "１２")]:
        out.append((label, {"tep": SimpleUploadedFile("so-lieu.xlsx", workbook_with(case, value))}, True))
    out.append(("xlsx named .pdf", {"tep": SimpleUploadedFile("so-lieu.pdf", case.workbook)}, False))
    return out


def _figures(case) -> dict:
    """The data-entry form as the page fills it for the draft (re-saving it changes nothing)."""
    from assessments import derived, pages
    from assessments.views import _entry_context

    a = case.a_draft
    _framework, fw, _last, _values, editable_prev = _entry_context(a.unit, a.year, a)
    provided = derived.provided_for(a.unit, a.year, fw)
    initial = pages.initial_for(fw, a.values, a.previous_values, editable_prev, provided, a.overrides)
    data = {k: ("on" if v is True else "" if v is False else str(v)) for k, v in initial.items()}
    data["revision"] = str(a.revision)
    return data


def figure_fields(case) -> dict[str, str]:
    """A whole number, a figure with decimals, a yes/no indicator and the revision (the codes typed, not computed)."""
    from assessments import derived
    from frameworks import registry

    a = case.a_draft
    fw = registry.compiled(a.framework)
    provided = derived.provided_for(a.unit, a.year, fw)
    typed = [(c, i.type) for c, i in fw.indicators.items() if c not in provided]
    pick = {}
    for kind in ("int", "num", "bool"):
        code = next((c for c, t in typed if t == kind), None)
        if code:
            pick[code] = {"int": "int", "num": "num", "bool": "choice"}[kind]
    return {**pick, "revision": "int"}


def _report(case) -> dict:
    data = {"action": "save", "difficulties": "Thiếu kinh phí.", "proposals": "Bổ sung kinh phí.", "revision": ""}
    for t in case.row.tasks:
        data[f"done_{t.pk}"] = "Đã triển khai."
        for f in t.figures:
            data[f"fig_{t.pk}_{f['code']}"] = "12"
    return data


def _report_fields(case) -> dict:
    t = case.row.tasks[0]
    out = {"action": "choice", f"done_{t.pk}": "text", "difficulties": "text", "revision": "text"}
    figured = next((t for t in case.row.tasks if t.figures), None)
    if figured:
        out[f"fig_{figured.pk}_{figured.figures[0]['code']}"] = "num"
    return out


def _hq(case) -> dict:
    return {"action": "headquarters", "ward_kind": "loai-1", "work_land_m2": "1.200,5", "living_land_m2": "300",
            "legal_status": "co-gcn", "follows_design": "1", "year_built": "2015", "condition": "tot",
            "planned_works": "Cải tạo nhà làm việc."}


def _staffing(case) -> dict:
    return {"action": "staffing", "establishment": "30", "chiefs": "1", "chiefs_ok": "1", "deputies": "3", "deputies_ok": "3",
            "officers": "20", "officers_ok": "18"}


def _survey(case) -> dict:
    return {"title": "Khảo sát mức độ hài lòng", "intro": "Xin ý kiến người dân.", "starts_on": "2026-11-23",
            "ends_on": "2026-12-31", "wards": [str(case.nt.pk)], "q1_text": "Bạn có hài lòng?", "q1_kind": "rating",
            "q1_required": "1", "q2_text": "Tình hình trật tự", "q2_kind": "choice", "q2_choices": "Tốt hơn; Như cũ"}


def _answer(case) -> dict:
    out = {}
    for q in case.survey_ward.survey.questions.all():
        out[f"q{q.pk}"] = {"rating": "4", "choice": (q.choices or [""])[0], "text": "Tốt"}[q.kind]
    return out


def _answer_fields(case) -> dict:
    kinds = {"rating": "choice", "choice": "choice", "text": "text"}
    return {f"q{q.pk}": kinds[q.kind] for q in case.survey_ward.survey.questions.all()}


def _ward(case):
    return {"pk": case.nt.pk}


def _province(case):
    return {"pk": case.kh.pk}


def _at(a):
    return lambda case: {"pk": getattr(case, a).unit_id, "year": getattr(case, a).year}


def _rows(model_path: str, attr: str):
    """A watch: the row ``case.<attr>`` of ``app.Model``."""
    def watch(case):
        from django.apps import apps

        return [apps.get_model(model_path).objects.filter(pk=getattr(case, attr).pk)]
    return watch


TABLE: dict[str, Endpoint] = {
    # --- accounts ---------------------------------------------------------------------------------------------------
    "login": Endpoint(None, lambda c: {}, [
        Form("log in", lambda c: {"username": "pv01.khanhhoa", "password": PASSWORD},
             {"username": "text", "password": "text"})]),
    "logout": Endpoint("pv01.khanhhoa", lambda c: {}, [Form("log out", lambda c: {"next": "/"}, {"next": "text"})]),
    "password_change": Endpoint("truong.nhatrang", lambda c: {}, [
        Form("change password", lambda c: {"old_password": PASSWORD, "new_password1": "Mat-khau-moi-2026!",
                                           "new_password2": "Mat-khau-moi-2026!"},
             {"old_password": "text", "new_password1": "text", "new_password2": "text"})]),
    "otp_verify": Endpoint("lanhdao.khanhhoa" + UNVERIFIED, lambda c: {}, [
        Form("code", lambda c: {"code": "000000", "next": "/"}, {"code": "int", "next": "text"}, taken=False)]),
    "otp_setup": Endpoint("pv01.khanhhoa", lambda c: {}, [
        Form("confirm", lambda c: {"code": "000000"}, {"code": "int"}, taken=False)],
        prepare=lambda client, c: client.get("/xac-thuc-hai-lop/")),  # the page makes the key the code is checked against
    "otp_backup_codes": Endpoint("lanhdao.khanhhoa", lambda c: {}, [Form("new codes", lambda c: {}, {})]),
    "create_token": Endpoint("pv01.khanhhoa", lambda c: {}, [
        Form("token", lambda c: {"name": "Hệ thống thống kê", "days": "30"}, {"name": "text", "days": "int"})]),
    "revoke_token": Endpoint("pv01.khanhhoa", lambda c: {"pk": c.token.pk}, [Form("revoke", lambda c: {}, {})],
                             watch=_rows("api.AccessToken", "token")),
    # --- assessments ------------------------------------------------------------------------------------------------
    "enter_figures": Endpoint("truong.nhatrang", _at("a_draft"), [Form("figures", _figures, figure_fields)],
                              watch=_rows("assessments.Assessment", "a_draft")),
    "preview": Endpoint("truong.nhatrang", _at("a_draft"), [Form("live panel", _figures, figure_fields)], read_only=True),
    "upload_evidence": Endpoint("truong.nhatrang", _at("a_draft"), [
        Form("evidence", lambda c: {"criterion": "TC01", "note": "Quyết định"}, {"criterion": "choice", "note": "text"},
             files=lambda c: {"file": SimpleUploadedFile("qd.pdf", PDF, "application/pdf")})]),
    "give_evidence_reason": Endpoint("truong.nhatrang", _at("a_draft"), [
        Form("reason", lambda c: {"criterion": "TC01", "document": _listed(c), "reason": "Bản gốc đã thất lạc."},
             {"criterion": "choice", "document": "choice", "reason": "text"})]),
    "judge_evidence_reason": Endpoint(
        "kiemtra.khanhhoa", lambda c: {**_at("a_submitted")(c), "reason_id": c.reason.pk}, [
            Form("reject", lambda c: {"verdict": "reject", "note": "Cần bản sao có chứng thực."},
                 {"verdict": "choice", "note": "text"})],
        watch=_rows("assessments.EvidenceReason", "reason")),
    "transition": Endpoint(
        "kiemtra.khanhhoa", lambda c: {**_at("a_submitted")(c), "action": "return"}, [
            Form("return", lambda c: {"comment": "Bổ sung minh chứng TC05."}, {"comment": "text"})],
        watch=_rows("assessments.Assessment", "a_submitted"),
        also={"recognize": lambda c: {**_at("a_appraised")(c), "action": "recognize"},
              "no such move": lambda c: {**_at("a_submitted")(c), "action": "xoa-het"}}),
    "vote": Endpoint("hoidong.khanhhoa", _at("a_verified"), [
        Form("vote", lambda c: {"vote": "approve", "comment": "Đồng ý."}, {"vote": "choice", "comment": "text"})],
        watch=_rows("assessments.Assessment", "a_verified")),
    "province_versions": Endpoint("pv01.khanhhoa", _province, [
        Form("choose", lambda c: {"version": "2", "from_year": "2027", "reason": "Theo hướng dẫn của Bộ."},
             {"version": "choice", "from_year": "int", "reason": "text"})]),
    "check_recognition": Endpoint("lanhdao.khanhhoa", lambda c: {"pk": c.recognition.pk}, [
        Form("maintained", lambda c: {"year": "2026", "outcome": "maintained", "back": str(c.kh.pk)},
             {"year": "int", "outcome": "choice", "back": "lenient"}),
        Form("revoked", lambda c: {"year": "2026", "outcome": "revoked", "reason": "Vi phạm.", "decision_number": "5/QĐ",
                                   "decision_date": "2026-11-20"},
             {"reason": "text", "decision_number": "text", "decision_date": "date"})]),
    # --- roadmaps ---------------------------------------------------------------------------------------------------
    "propose_adjustment": Endpoint("pv01.khanhhoa", _province, [
        Form("propose", lambda c: {"year": "2027", "kind": "count", "value": "3", "reason": "Sáp nhập phường."},
             {"year": "int", "kind": "choice", "value": "num", "reason": "text"})]),
    "decide_adjustment": Endpoint("lanhdao.khanhhoa", lambda c: {"pk": c.kh.pk, "adj": c.adjustment.pk}, [
        Form("decide", lambda c: {"decision": "reject", "note": "Chưa đủ căn cứ."}, {"decision": "choice", "note": "text"})],
        watch=_rows("roadmaps.PlanAdjustment", "adjustment")),
    # --- periodic reports -------------------------------------------------------------------------------------------
    "work_plan": Endpoint("baocao.tinhdoan.khanhhoa",
                          lambda c: {"program": c.program.code, "holder": c.body.pk, "year": 2026}, [
                              Form("plan", lambda c: {"text": "Kế hoạch năm 2026."}, {"text": "text"})],
                          also={"year out of the program": lambda c: {"program": c.program.code, "holder": c.body.pk,
                                                                      "year": 99999}}),
    "report": Endpoint("baocao.tinhdoan.khanhhoa",
                       lambda c: {"program": c.program.code, "period": c.period.code, "holder": c.row.holder.pk}, [
                           Form("save", _report, _report_fields),
                           Form("attach", lambda c: {"action": "attach"}, {"action": "choice"},
                                files=lambda c: {"file": SimpleUploadedFile("bien-ban.pdf", PDF, "application/pdf")})]),
    # --- difficulties, meetings, supervision ------------------------------------------------------------------------
    "my_difficulties": Endpoint("baocao.tinhdoan.khanhhoa", lambda c: {}, [
        Form("raise", lambda c: {"source": c.difficulty_source, "title": "Thiếu kinh phí", "text": "Chưa được cấp kinh phí.",
                                 "proposal": "Bổ sung kinh phí."},
             {"source": "choice", "title": "text", "text": "text", "proposal": "text"})]),
    "difficulty": Endpoint("pv01.khanhhoa", lambda c: {"pk": c.difficulty.pk}, [
        Form("answer", lambda c: {"action": "answer", "answer": "Đã bố trí kinh phí."}, {"action": "choice", "answer": "text"}),
        Form("propose", lambda c: {"action": "propose", "year": "2027", "kind": "count", "value": "2", "reason": "Theo phản ánh."},
             {"year": "int", "kind": "choice", "value": "num"})],
        watch=_rows("difficulties.Difficulty", "difficulty")),
    "schedule_meeting": Endpoint("pv01.khanhhoa", lambda c: {}, [
        Form("schedule", lambda c: {"program": c.program.code, "slot": c.slot_key, "day": "2026-12-10", "title": "Giao ban"},
             {"program": "choice", "slot": "choice", "day": "date", "title": "text"})]),
    "meeting": Endpoint("pv01.khanhhoa", lambda c: {"pk": c.meeting_scheduled.pk}, [
        Form("record", lambda c: {"action": "record", "held_on": "2026-11-20", "chair": "Đồng chí Bí thư",
                                  "attendees": "Ban Thường vụ", "minutes": "Nội dung họp.", "conclusions": "Kết luận."},
             {"action": "choice", "held_on": "date", "chair": "text", "minutes": "text"})],
        watch=_rows("meetings.Meeting", "meeting_scheduled"),
        also={"held meeting": lambda c: {"pk": c.meeting_held.pk}}),
    "province_visits": Endpoint("giamsat.khanhhoa", _province, [
        Form("visit", lambda c: {"target": f"u-{c.nt.pk}", "kind": "supervision", "organisation": "HĐND tỉnh",
                                 "visited_on": "2026-11-20", "summary": "Kiểm tra thực tế.", "ct": c.program.code},
             {"target": "choice", "kind": "choice", "organisation": "text", "visited_on": "date", "summary": "text",
              "ct": "lenient"})]),
    "visit": Endpoint("giamsat.khanhhoa", lambda c: {"pk": c.visit.pk}, [
        Form("add", lambda c: {"action": "add", "text": "Thiếu camera.", "recommendation": "Lắp camera.", "due": "2026-12-31"},
             {"action": "choice", "text": "text", "recommendation": "text", "due": "date"}),
        Form("follow up", lambda c: {"action": "follow_up", "finding": str(c.finding.pk), "text": "Đề nghị báo cáo tiến độ."},
             {"finding": "id", "text": "text"})],
        watch=_rows("supervision.Finding", "finding")),
    # --- citizens -----------------------------------------------------------------------------------------------------
    "feedback_form": Endpoint(None, lambda c: {}, [
        Form("feedback", lambda c: {"unit": c.nt.code, "category": c.category.code, "content": "Đèn đường hỏng nhiều ngày.",
                                    "name": "Nguyễn Văn A", "phone": "0905 123 456", "email": "a@example.vn", "consent": "1"},
             {"unit": "choice", "category": "choice", "content": "text", "name": "text", "phone": "text", "email": "text"},
             files=lambda c: {"photo": SimpleUploadedFile("anh.jpg", _jpeg(), "image/jpeg")}, taken=True)]),
    "feedback_verdict": Endpoint(None, lambda c: {}, [
        Form("rate", lambda c: {"ma": c.case_answered.code, "action": "rate", "satisfied": "1", "comment": "Cảm ơn."},
             {"ma": "choice", "action": "choice", "satisfied": "choice", "comment": "text"})],
        watch=_rows("feedback.Case", "case_answered")),
    "feedback_case": Endpoint("truong.nhatrang", lambda c: {"pk": c.case_open.pk}, [
        Form("answer", lambda c: {"action": "answer", "answer": "Đã sửa đèn đường."}, {"action": "choice", "answer": "text"}),
        Form("forward", lambda c: {"action": "forward", "to_unit": "", "to_body": "", "note": "Chuyển."},
             {"to_unit": "id", "to_body": "id", "note": "text"}, taken=False),
        Form("spam", lambda c: {"action": "spam", "reason": "Quảng cáo."}, {"reason": "text"})],
        watch=_rows("feedback.Case", "case_open")),
    "survey_answer": Endpoint(None, lambda c: {"token": c.survey_ward.token}, [Form("answer", _answer, _answer_fields)],
                              also={"unknown token": lambda c: {"token": "x" * 300}}),
    "province_surveys": Endpoint("pv01.khanhhoa", _province, [
        Form("survey", _survey, {"title": "text", "starts_on": "date", "ends_on": "date", "wards": "id", "q1_kind": "choice",
                                 "q2_choices": "text"})]),
    # --- registers, movement ------------------------------------------------------------------------------------------
    "resources_ward": Endpoint("truong.nhatrang", _ward, [
        Form("headquarters", _hq, {"ward_kind": "choice", "work_land_m2": "num", "year_built": "int", "condition": "choice",
                                   "planned_works": "text"}),
        Form("holdings", lambda c: {"action": "holdings", **{f"item_{i}": "2" for i in c.items}},
             lambda c: {f"item_{i}": "int" for i in c.items[:2]} | {"action": "choice"}),
        Form("budget", lambda c: {"action": "budget", "source": "ngan-sach-phuong", "purpose": "Sửa trụ sở", "planned": "120,5",
                                  "disbursed": "100", "line": str(c.budget_line.pk)},
             {"source": "choice", "purpose": "text", "planned": "num", "disbursed": "num", "line": "id"}),
        Form("staffing", _staffing, {"establishment": "int", "officers": "int", "officers_ok": "int"}),
        Form("training", lambda c: {"action": "training", "subject": "nghiep-vu", "held_on": "2026-11-10",
                                    "title": "Tập huấn nghiệp vụ", "attendees": "10"},
             {"subject": "choice", "held_on": "date", "title": "text", "attendees": "int"}),
        Form("training_delete", lambda c: {"action": "training_delete", "training": str(c.training.pk)}, {"training": "id"})],
        query="?nam=2026"),
    "resources_province": Endpoint("pv01.khanhhoa", _province, [
        Form("budget", lambda c: {"action": "budget", "source": "cong-an-tinh", "purpose": "Mua xe", "planned": "1.500",
                                  "disbursed": "0"},
             {"action": "choice", "source": "choice", "purpose": "text", "planned": "num", "disbursed": "num"}),
        Form("budget_delete", lambda c: {"action": "budget_delete", "line": str(c.province_line.pk)}, {"line": "id"})],
        query="?nam=2026"),
    "emulation_ward": Endpoint("truong.nhatrang", _ward, [
        Form("add_model", lambda c: {"action": "add_model", "kind": "self_managed", "name": "Tổ tự quản",
                                     "started_on": "2026-01-15", "note": ""},
             {"action": "choice", "kind": "choice", "name": "text", "started_on": "date", "note": "text"}),
        Form("model_status", lambda c: {"action": "model_status", "model": str(c.model.pk), "status": "paused",
                                        "since": "2026-11-01", "status_note": "Tạm dừng."},
             {"model": "id", "status": "choice", "since": "date"}),
        Form("propose", lambda c: {"action": "propose", "recipient_kind": "citizen", "recipient_name": "Ông Nguyễn Văn Ba",
                                   "achievement": "Báo tin giúp bắt trộm.", "movement": "security", "level": "ward_chair",
                                   "proposer_unit": "Công an phường Nha Trang", "proposer_person": "",
                                   "proposed_on": "2026-11-02"},
             {"recipient_kind": "choice", "recipient_name": "text", "movement": "choice", "level": "choice",
              "proposed_on": "date"})],
        query="?nam=2026"),
    "emulation_rewards": Endpoint("pv01.khanhhoa", _province, [
        Form("decide", lambda c: {"reward": str(c.reward.pk), "action": "decide", "number": "12/QĐ-UBND", "date": "2026-11-20",
                                  "signer": "Chủ tịch UBND"},
             {"reward": "id", "action": "choice", "number": "text", "date": "date", "signer": "text"}),
        Form("refuse", lambda c: {"reward": str(c.reward.pk), "action": "refuse", "reason": "Chưa đủ thành tích.",
                                  "date": "2026-11-20"}, {"reason": "text"})],
        query="?nam=2026", watch=_rows("emulation.Reward", "reward")),
    "emulation_propaganda": Endpoint("pv01.khanhhoa", _province, [
        Form("record", lambda c: {"body": str(c.body.pk), "kind": "article", "title": "Bài viết về phong trào",
                                  "held_on": "2026-11-10", "quantity": "3", "audience": "500", "note": ""},
             {"body": "id", "kind": "choice", "title": "text", "held_on": "date", "quantity": "int", "audience": "int",
              "report": "id"})]),
    # --- documents, workbooks -----------------------------------------------------------------------------------------
    "province_documents": Endpoint("pv01.khanhhoa", _province, [
        Form("decision", lambda c: {"loai": "decision", "nam": "2026", "chuc_vu": "Giám đốc", "nguoi_ky": "Nguyễn Văn B"},
             {"loai": "choice", "nam": "int", "chuc_vu": "text", "nguoi_ky": "text"}),
        Form("province report", lambda c: {"loai": "province_report", "ky": c.period.code, "the_thuc": "dang"},
             {"ky": "choice", "the_thuc": "lenient"})]),
    "ward_documents": Endpoint("truong.nhatrang", _at("a_draft"), [
        Form("self-assessment", lambda c: {"nguoi_ky": "Trần Văn C"}, {"nguoi_ky": "text"})]),
    "workbook_upload": Endpoint("pv01.khanhhoa", lambda c: {"pk": c.kh.pk, "year": 2026}, [
        Form("upload", lambda c: {}, {}, files=lambda c: {"tep": SimpleUploadedFile("so-lieu.xlsx", c.workbook)})],
        hostile_files=_workbooks),
    "workbook_confirm": Endpoint("pv01.khanhhoa", lambda c: {"pk": c.pending.pk}, [
        Form("confirm", lambda c: {"digest": c.pending.digest}, {"digest": "choice"})],
        watch=_rows("workbooks.PendingImport", "pending")),
    "workbook_cancel": Endpoint("pv01.khanhhoa", lambda c: {"pk": c.pending.pk}, [Form("cancel", lambda c: {}, {})]),
    # --- the browser's own reports --------------------------------------------------------------------------------------
    "csp_report": Endpoint(None, lambda c: {}, [Form("report", lambda c: {"csp-report": "{}"}, {"csp-report": "text"})]),
}


def _listed(case) -> str:
    """The first document version 2 lists for TC01 (a reason is given for a listed document only)."""
    from frameworks import registry

    return registry.compiled(case.a_draft.framework).criterion("TC01").evidence[0]


# URL names that take writes but are not sent form data by this suite: each with the reason.
SKIPPED = {
    # The JSON API's one write: sent hostile JSON by test_api_change_values (not a form view).
    "api-v1:change_values": "JSON API (PATCH); covered by test_api_change_values",
    # django-ninja's generated documentation and root: functools.partial views without a method decorator, GET only.
    "api-v1:openapi-json": "read-only OpenAPI schema (GET)",
    "api-v1:openapi-view": "read-only Swagger page (GET)",
    "api-v1:api-root": "read-only API root (GET)",
}
