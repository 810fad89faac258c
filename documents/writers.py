"""The four documents, laid out in the Nghị định 30 format (documents.nd30) from what documents.gather read.

Each writer takes its facts and a ``Letter`` (who issues and signs, where and when) and returns the .docx bytes; a
``progress`` callback hears how far it got, for the background worker's progress bar.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from docx.shared import Mm

from engine.fmt import number
from frameworks import registry

from . import chart, gather, nd30
from .dates import date_line

PROGRAM_NAME = "Công an phường điển hình, kiểu mẫu về an ninh, trật tự và văn minh đô thị"
STATUS_TEXT = {"pass": "Đạt", "fail": "Không đạt", "missing": "Thiếu dữ liệu", "not_applicable": "Không áp dụng"}
VOTE_TEXT = {"approve": "Đề nghị công nhận", "reject": "Không đề nghị", "abstain": "Không biểu quyết"}


@dataclass
class Letter:
    """Who issues the document and signs it, where and when."""

    parent: str
    issuer: str
    issuer_short: str            # for the number's abbreviation: "CAT", "CAP", "ĐU"
    place: str
    day: dt.date
    signers: list[nd30.Signer]
    recipients: list[str] = field(default_factory=list)
    form: str = nd30.STATE


def _save(doc) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def number_line(letter: Letter, abbreviation: str) -> str:
    """"Số:      /BC-CAT" (the number is left for the văn thư to write at signing); the Party writes "Số     -BC/ĐU"."""
    if letter.form == nd30.PARTY_FORMAT:
        return f"Số        -{abbreviation}/{letter.issuer_short}"
    return f"Số:        /{abbreviation}-{letter.issuer_short}"


def _heading(letter: Letter, kind: str, abbreviation: str, summary: str) -> nd30.Heading:
    return nd30.Heading(letter.parent, letter.issuer, number_line(letter, abbreviation), letter.place,
                        date_line(letter.day), kind, summary, letter.form)


def _noop(_done: int, _total: int) -> None:
    return None


def province_report(r: gather.ProvinceReport, letter: Letter, progress=_noop) -> bytes:
    p, s = r.period, r.summary
    doc = nd30.new_document()
    when = p.title.removeprefix("Báo cáo ") if p.title.startswith("Báo cáo ") else p.title
    title = f"Kết quả xây dựng “{PROGRAM_NAME}”\n{when}"
    nd30.header_block(doc, _heading(letter, "BÁO CÁO", "BC", title))
    nd30.para(doc, f"Thực hiện {r.program.title}, {_issuer_name(letter)} báo cáo kết quả thực hiện trong kỳ "
                   f"từ ngày {p.window_from:%d/%m/%Y} đến ngày {p.window_to:%d/%m/%Y} như sau:")
    progress(1, 7)

    nd30.heading(doc, "I. KẾT QUẢ THỰC HIỆN LỘ TRÌNH")
    if s.roadmap is None:
        nd30.para(doc, "Tỉnh chưa có lộ trình xây dựng phường điển hình, kiểu mẫu được phê duyệt.")
    else:
        lines = [ln for ln in s.roadmap.lines if ln.year <= p.year]
        nd30.para(doc, f"Lộ trình giai đoạn {s.roadmap.plan.start_year}–{s.roadmap.plan.end_year}; trên địa bàn có "
                       f"{number(r.wards_in_land)} phường, xã trong kỳ báo cáo.")
        rows = [[str(ln.year), _n(_plan(ln)), _n(ln.actual_cumulative), _n(ln.actual_new), _line_status(ln.status)] for ln in lines]
        nd30.grid(doc, ["Năm", "Kế hoạch (lũy kế)", "Thực hiện (lũy kế)", "Công nhận mới", "Đánh giá"], rows,
                  [22, 38, 38, 32, 35], numeric=(1, 2, 3))
        png = chart.plan_actual_png([(str(ln.year), _plan(ln), ln.actual_cumulative) for ln in lines])
        doc.add_picture(io.BytesIO(png), width=Mm(150))
        doc.paragraphs[-1].alignment = 1
        nd30.para(doc, "Biểu đồ: số phường đạt chuẩn theo kế hoạch (cột nhạt) và thực hiện (cột đậm), lũy kế theo năm.",
                  italic=True, indent=False, align=1, size=12)
    progress(2, 7)

    nd30.heading(doc, "II. CÔNG NHẬN, DUY TRÌ VÀ THU HỒI DANH HIỆU")
    nd30.para(doc, f"Trong kỳ: công nhận mới {number(len(r.recognized))} phường; kiểm tra hằng năm: duy trì "
                   f"{number(len(r.maintained))}, nhắc nhở {number(len(r.warned))}, thu hồi {number(len(r.revoked))}.")
    if r.recognized:
        nd30.grid(doc, ["STT", "Phường", "Quyết định", "Ngày"],
                  [[str(i), rec.unit.name, rec.decision_number, f"{rec.decision_date:%d/%m/%Y}"] for i, rec in enumerate(r.recognized, 1)],
                  [14, 70, 48, 33], numeric=(0,))
    if r.revoked:
        nd30.grid(doc, ["STT", "Phường bị thu hồi", "Lý do"],
                  [[str(i), rv.recognition.unit.name, rv.reason] for i, rv in enumerate(r.revoked, 1)], [14, 60, 91], numeric=(0,))
    progress(3, 7)

    nd30.heading(doc, "III. CÁC TIÊU CHÍ THƯỜNG KHÔNG ĐẠT")
    if not r.missed:
        nd30.para(doc, "Chưa có kết quả đánh giá để tổng hợp." if r.results_year is None
                  else f"Năm {r.results_year}: {number(r.assessed)} phường được đánh giá, không có tiêu chí nào không đạt.")
    else:
        nd30.para(doc, f"Năm {r.results_year}, trong {number(r.assessed)} phường được đánh giá, các tiêu chí có nhiều phường "
                       "không đạt nhất:")
        nd30.grid(doc, ["Tiêu chí", "Nội dung", "Số phường không đạt"],
                  [[m.code, m.name, number(m.wards)] for m in r.missed], [20, 110, 35], numeric=(2,))
    progress(4, 7)

    nd30.heading(doc, "IV. TÌNH HÌNH BÁO CÁO CỦA CÁC CƠ QUAN, ĐƠN VỊ PHỐI HỢP")
    rates = s.board.rates
    from reporting import status

    counts = ", ".join(f"{status.LABELS[k].lower()} {number(rates.counts[k])}" for k in status.ALL if rates.counts[k])
    nd30.para(doc, f"Kỳ {p.code} (hạn nộp {p.deadline:%d/%m/%Y}): {number(len(s.board.rows))} cơ quan, đơn vị có nhiệm vụ "
                   f"báo cáo; {counts or 'chưa có số liệu'}.")
    late = [row for row in s.board.rows if row.status in (status.LATE, status.MISSING, status.RETURNED)]
    if late:
        nd30.grid(doc, ["STT", "Cơ quan, đơn vị", "Tình trạng"],
                  [[str(i), row.writer.name, row.label] for i, row in enumerate(late, 1)], [14, 106, 45], numeric=(0,))
    progress(5, 7)

    nd30.heading(doc, "V. Ý KIẾN, PHẢN ÁNH CỦA NGƯỜI DÂN VÀ MỨC ĐỘ HÀI LÒNG")
    f = r.feedback
    rated = r.satisfied + r.unsatisfied
    share = f" ({number(r.satisfied * 100 / rated, 1)}% người dân đánh giá hài lòng)" if rated else ""
    nd30.para(doc, f"Năm {p.year} đến ngày báo cáo: tiếp nhận {number(f.received)} ý kiến, phản ánh; đã giải quyết "
                   f"{number(f.resolved)} (đúng hạn {number(f.resolved_on_time)}); đang giải quyết {number(f.open)}; quá hạn "
                   f"{number(f.overdue)}. Người dân đánh giá: hài lòng {number(r.satisfied)}, chưa hài lòng "
                   f"{number(r.unsatisfied)}{share}.")
    progress(6, 7)

    nd30.heading(doc, "VI. KHÓ KHĂN, VƯỚNG MẮC VÀ ĐỀ XUẤT, KIẾN NGHỊ")
    if s.difficulties_open:
        for d in s.difficulties_open:
            nd30.para(doc, f"- {d.source}: {d.text}")
    else:
        nd30.para(doc, "Trong kỳ không có khó khăn, vướng mắc chưa được giải quyết.")
    nd30.para(doc, f"Trong kỳ tiếp nhận {number(s.difficulties_raised)} phản ánh khó khăn, đã trả lời {number(s.difficulties_answered)}.")
    nd30.closing(doc, nd30.Closing(letter.signers, letter.recipients))
    progress(7, 7)
    return _save(doc)


def _issuer_name(letter: Letter) -> str:
    """"CÔNG AN TỈNH KHÁNH HÒA" → "Công an tỉnh Khánh Hòa" in running text."""
    words = letter.issuer.split()
    kinds = {"CÔNG", "AN", "TỈNH", "THÀNH", "PHỐ", "PHƯỜNG", "XÃ", "ĐẢNG", "ỦY"}
    out, lead = [], True
    for w in words:
        if w in kinds and lead:
            out.append(w.capitalize() if not out else w.lower())
        else:
            lead = False
            out.append(w.capitalize())
    return " ".join(out)


def _plan(line) -> int | None:
    return line.target_cumulative_rebased if line.target_cumulative_rebased is not None else line.target_cumulative


def _n(value) -> str:
    return "" if value is None else number(value)


def _line_status(s: str) -> str:
    return {"met": "Đạt", "late": "Chậm", "upcoming": "Chưa đến", "none": ""}.get(s, s)


def decision(c: gather.Council, letter: Letter, progress=_noop) -> bytes:
    wards = gather.recommended(c)
    doc = nd30.new_document()
    nd30.header_block(doc, _heading(letter, "QUYẾT ĐỊNH", "QĐ",
                                    f"Về việc công nhận phường đạt tiêu chuẩn “{PROGRAM_NAME}” năm {c.year}"))
    nd30.para(doc, (letter.signers[0].title or "GIÁM ĐỐC").replace("PHÓ ", "") + " " + letter.issuer, bold=True, indent=False, align=1)
    for basis in ("Căn cứ Thông tư số 124/2021/TT-BCA ngày 28/12/2021 của Bộ trưởng Bộ Công an quy định về tổ chức, "
                  "hoạt động của Công an xã, phường, thị trấn;",
                  "Căn cứ Quyết định số 5764/QĐ-BCA-V05 ngày 12/8/2021 của Bộ trưởng Bộ Công an ban hành Bộ tiêu chí "
                  f"“{PROGRAM_NAME}”;",
                  f"Căn cứ kết quả thẩm định của Hội đồng thẩm định năm {c.year};",
                  "Theo đề nghị của Trưởng phòng Cảnh sát quản lý hành chính về trật tự xã hội."):
        nd30.para(doc, basis, italic=True)
    nd30.para(doc, "QUYẾT ĐỊNH:", bold=True, indent=False, align=1)
    nd30.para(doc, f"Điều 1. Công nhận {number(len(wards))} phường đạt tiêu chuẩn “{PROGRAM_NAME}” năm {c.year} "
                   "(có danh sách kèm theo).")
    nd30.para(doc, "Điều 2. Công an các phường được công nhận có trách nhiệm duy trì, giữ vững các tiêu chí; hằng năm được "
                   "kiểm tra, nếu không duy trì được thì bị thu hồi quyết định công nhận.")
    nd30.para(doc, "Điều 3. Quyết định có hiệu lực kể từ ngày ký. Trưởng phòng Cảnh sát quản lý hành chính về trật tự xã hội, "
                   "Trưởng Công an các phường có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.")
    progress(1, 2)
    nd30.closing(doc, nd30.Closing(letter.signers, letter.recipients or ["Như Điều 3;", "Bộ Công an (V05) (để báo cáo);",
                                                                         "UBND tỉnh (để báo cáo);", "Lưu: VT, PV01."]))
    doc.add_page_break()
    nd30.para(doc, "DANH SÁCH", bold=True, indent=False, align=1)
    nd30.para(doc, f"Phường đạt tiêu chuẩn “{PROGRAM_NAME}” năm {c.year}", bold=True, indent=False, align=1)
    nd30.para(doc, f"(Kèm theo Quyết định số        /QĐ-{letter.issuer_short} {date_line(letter.day)})", italic=True,
              indent=False, align=1)
    nd30.grid(doc, ["STT", "Phường", "Thuộc", "Tiêu chí đạt", "Kiến nghị của Hội đồng"],
              [[str(i), w.assessment.unit.name, _parent(w.assessment.unit), f"{w.met}/{w.total}", w.assessment.recommendation]
               for i, w in enumerate(wards, 1)], [12, 42, 38, 22, 51], numeric=(0, 3))
    progress(2, 2)
    return _save(doc)


def _parent(unit) -> str:
    return unit.parent.name if unit.parent_id else ""


def minutes(c: gather.Council, letter: Letter, progress=_noop) -> bytes:
    doc = nd30.new_document()
    nd30.header_block(doc, _heading(letter, "BIÊN BẢN", "BB",
                                    f"Thẩm định hồ sơ đề nghị công nhận phường đạt tiêu chuẩn\n“{PROGRAM_NAME}” năm {c.year}"))
    nd30.para(doc, f"Hôm nay, {date_line(letter.day)}, tại {_issuer_name(letter)}, Hội đồng thẩm định tiến hành thẩm định hồ "
                   f"sơ đề nghị công nhận của {number(len(c.wards))} phường.")
    nd30.heading(doc, "I. THÀNH PHẦN HỘI ĐỒNG")
    if c.members:
        for i, m in enumerate(c.members, 1):
            nd30.para(doc, f"{i}. {m.get_full_name() or m.username}")
    else:
        nd30.para(doc, "Chưa có thành viên Hội đồng được phân công trên hệ thống.")
    nd30.heading(doc, "II. KẾT QUẢ THẨM ĐỊNH VÀ BIỂU QUYẾT")
    for i, w in enumerate(c.wards, 1):
        a = w.assessment
        tally = ", ".join(f"{VOTE_TEXT[k].lower()}: {number(w.tally.get(k, 0))}" for k in VOTE_TEXT)
        nd30.para(doc, f"{i}. {a.unit.name} ({_parent(a.unit)}): đạt {w.met}/{w.total} tiêu chí. Biểu quyết — {tally}.", bold=True)
        for v in w.votes:
            comment = f" Ý kiến: {v.comment}" if v.comment else ""
            nd30.para(doc, f"- {v.member.get_full_name() or v.member.username}: {VOTE_TEXT.get(v.vote, v.vote)}.{comment}")
        if a.recommendation:
            nd30.para(doc, f"Kiến nghị của Hội đồng: {a.recommendation}", italic=True)
        progress(i, max(len(c.wards), 1))
    nd30.heading(doc, "III. KẾT LUẬN")
    nd30.para(doc, f"Hội đồng đề nghị công nhận {number(len(gather.recommended(c)))} phường đạt tiêu chuẩn năm {c.year}. "
                   "Biên bản được lập xong, đã đọc lại cho các thành viên cùng nghe và nhất trí ký tên.")
    nd30.closing(doc, nd30.Closing(letter.signers, letter.recipients or ["Giám đốc Công an tỉnh (để báo cáo);", "Lưu: hồ sơ Hội đồng."]))
    return _save(doc)


def self_assessment(sa: gather.SelfAssessment, letter: Letter, progress=_noop) -> bytes:
    a = sa.assessment
    fw = registry.compiled(a.framework)
    doc = nd30.new_document()
    nd30.header_block(doc, _heading(letter, "BÁO CÁO", "BC",
                                    f"Kết quả tự đánh giá theo Bộ tiêu chí “{PROGRAM_NAME}” năm {a.year}"))
    met = sum(1 for r in sa.result.criteria.values() if r.status == "pass")
    edition = fw.title if "phiên bản" in fw.title else f"{fw.title}, phiên bản {fw.version}"
    nd30.para(doc, f"Căn cứ Bộ tiêu chí ({edition}), {_issuer_name(letter)} tự đánh giá kết quả năm "
                   f"{a.year}: đạt {met}/{len(sa.result.criteria)} tiêu chí; "
                   + ("đủ điều kiện đề nghị công nhận." if sa.result.meets_standard else "chưa đủ điều kiện đề nghị công nhận."))
    nd30.heading(doc, "I. KẾT QUẢ THEO TỪNG TIÊU CHÍ")
    rows = []
    for c in fw.criteria:
        r = sa.result.criteria.get(c.code)
        figures = "; ".join(cond.explanation for cond in (r.conditions if r else []) if getattr(cond, "explanation", ""))
        rows.append([c.code, c.title, figures, STATUS_TEXT.get(r.status, r.status) if r else ""])
    nd30.grid(doc, ["Mã", "Tiêu chí", "Số liệu, căn cứ", "Kết quả"], rows, [14, 60, 66, 25], size=11)
    progress(1, 2)
    nd30.heading(doc, "II. DANH MỤC TÀI LIỆU, MINH CHỨNG KÈM THEO")
    if sa.evidence:
        nd30.grid(doc, ["STT", "Tiêu chí", "Tài liệu", "Tệp"],
                  [[str(i), e.criterion.code, e.document or e.note, e.original_name] for i, e in enumerate(sa.evidence, 1)],
                  [12, 20, 78, 55], size=11, numeric=(0,))
    else:
        nd30.para(doc, "Chưa có tài liệu minh chứng nào được đính kèm trên hệ thống.")
    nd30.closing(doc, nd30.Closing(letter.signers, letter.recipients or [
        "Công an tỉnh (Phòng PV01) (để thẩm định);", "Đảng ủy, UBND phường (để báo cáo);", "Lưu: VT."]))
    progress(2, 2)
    return _save(doc)
