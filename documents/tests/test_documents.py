import datetime as dt
import io
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from docx import Document

from assessments import workflow
from assessments.models import AppraisalVote, Assessment
from audit.models import AuditEvent
from documents import dates, gather, letters, nd30, services, writers
from documents.models import GeneratedDocument
from kieumau.testing import FixedNow
from reporting.tests.support import ReportingTestCase

from .docx_checks import problems

MEDIA = tempfile.mkdtemp(prefix="kieumau-docs-")


def run_queued_documents() -> int:
    """What the worker does with the queued documents: each queued job's task, once. (The worker command itself closes
    the database connection between jobs, which a TestCase's transaction on PostgreSQL does not survive; the browser
    journey runs the real worker.)"""
    from django_tasks_db.models import DBTaskResult

    jobs = list(DBTaskResult.objects.filter(task_path="documents.tasks.make_document"))
    for job in jobs:
        services.make(*job.args_kwargs["args"])
        job.delete()
    return len(jobs)


def test_date_line_pads_days_below_10_and_the_first_two_months():
    assert dates.date_line(dt.date(2026, 2, 5)) == "ngày 05 tháng 02 năm 2026"
    assert dates.date_line(dt.date(2026, 1, 31)) == "ngày 31 tháng 01 năm 2026"
    assert dates.date_line(dt.date(2026, 3, 9)) == "ngày 09 tháng 3 năm 2026"
    assert dates.date_line(dt.date(2026, 11, 23)) == "ngày 23 tháng 11 năm 2026"


def test_place_names_drop_the_kind_of_unit_except_where_the_name_needs_it():
    assert dates.place("Tỉnh Khánh Hòa") == "Khánh Hòa"
    assert dates.place("Thành phố Hồ Chí Minh") == "Thành phố Hồ Chí Minh"
    assert dates.place("Thành phố Đà Nẵng") == "Đà Nẵng"
    assert dates.place("Phường Nha Trang") == "Nha Trang"
    assert dates.place("Phường 1") == "Phường 1"


@override_settings(MEDIA_ROOT=MEDIA)
class DocumentsTest(FixedNow, ReportingTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.assessment = Assessment.objects.create(unit=cls.ward, year=2026, framework=cls.framework, status=workflow.APPRAISED,
                                                   meets_standard=True, recommendation="Đề nghị công nhận.")
        AppraisalVote.objects.create(assessment=cls.assessment, member=cls.council, vote="approve", comment="Đủ điều kiện.")
        cls.council.first_name, cls.council.last_name = "Văn An", "Nguyễn"
        cls.council.save()

    def _province_report(self, form=nd30.STATE) -> bytes:
        p = services.boards.period(self.program, "2026-H1")
        return services.province_report_bytes(self.program, p, self.province, form=form,
                                              signer={"title": "PHÓ GIÁM ĐỐC", "authority": "KT. GIÁM ĐỐC", "name": "Trần Văn B"})

    def test_every_document_keeps_the_decree_30_format(self):
        council = gather.council(self.province, 2026)
        day = dt.date(2026, 2, 5)
        made = {
            "province report": (self._province_report(), {}),
            "province report, Party format": (self._province_report(nd30.PARTY_FORMAT), {"party": True}),
            "decision": (writers.decision(council, letters.for_province(self.province, day, name="Trần Văn B")), {}),
            "minutes": (writers.minutes(council, letters.for_council(self.province, day, secretary="Lê C", chair="Trần Văn B")),
                        {"signers": 2}),
            "self-assessment": (writers.self_assessment(gather.self_assessment(self.assessment),
                                                        letters.for_ward(self.ward, self.province, day, name="Phạm D")), {}),
        }
        for name, (content, how) in made.items():
            with self.subTest(name):
                self.assertEqual(problems(content, **how), [])

    def test_the_checker_finds_a_broken_format(self):
        content = self._province_report()
        doc = Document(io.BytesIO(content))
        doc.sections[0].left_margin = nd30.Mm(20)
        doc.tables[0].rows[0].cells[1].paragraphs[0].runs[0].font.bold = False
        out = io.BytesIO()
        doc.save(out)
        found = problems(out.getvalue())
        self.assertTrue(any("lề trái" in f for f in found), found)
        self.assertTrue(any("Quốc hiệu" in f for f in found), found)

    def test_the_report_says_what_the_period_holds(self):
        doc = Document(io.BytesIO(self._province_report()))
        text = "\n".join(p.text for p in doc.paragraphs)
        self.assertIn("Khánh Hòa, ngày 23 tháng 11 năm 2026", "\n".join(p.text for p in doc.tables[0].rows[0].cells[1].paragraphs))
        self.assertIn("6 tháng đầu năm 2026", text)
        self.assertIn("IV. TÌNH HÌNH BÁO CÁO CỦA CÁC CƠ QUAN", text)
        self.assertIn("Sở Tài chính", "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells))
        self.assertIn("V. Ý KIẾN, PHẢN ÁNH CỦA NGƯỜI DÂN", text)

    def test_the_decision_lists_the_recommended_wards(self):
        council = gather.council(self.province, 2026)
        doc = Document(io.BytesIO(writers.decision(council, letters.for_province(self.province, dt.date(2026, 11, 23)))))
        cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
        self.assertIn("Phường Vĩnh Nguyên", cells)
        self.assertIn("Điều 1. Công nhận 1 phường", "\n".join(p.text for p in doc.paragraphs))

    def test_the_minutes_name_members_and_votes(self):
        council = gather.council(self.province, 2026)
        doc = Document(io.BytesIO(writers.minutes(council, letters.for_council(self.province, dt.date(2026, 11, 23)))))
        text = "\n".join(p.text for p in doc.paragraphs)
        self.assertIn("Văn An Nguyễn", text)
        self.assertIn("đề nghị công nhận: 1", text)
        self.assertIn("Đủ điều kiện.", text)

    def test_report_command_writes_the_file_and_refuses_unknown_codes_with_exit_2(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "bao-cao.docx"
            call_command("report", "56", "--period", "2026-H1", "--output", str(out), stdout=io.StringIO())
            self.assertEqual(problems(out.read_bytes()), [])
            for args in (["99", "--period", "2026-H1"], ["56", "--period", "2026-H7"]):
                with self.assertRaises(CommandError) as e:
                    call_command("report", *args, "--output", str(Path(tmp) / "x.docx"))
                self.assertEqual(e.exception.returncode, 2)
                self.assertIn("Không lập được báo cáo", str(e.exception))
                self.assertFalse((Path(tmp) / "x.docx").exists())

    def test_page_queues_and_the_worker_makes_the_file_with_progress_and_audit(self):
        c = self.as_(self.staff)
        with self.captureOnCommitCallbacks(execute=True):
            r = c.post(f"/van-ban/tinh/{self.province.pk}/", {"loai": "province_report", "ky": "2026-H1", "the_thuc": "party",
                                                             "chuc_vu": "bí thư", "nguoi_ky": "Trần Văn B"})
        self.assertEqual(r.status_code, 302)
        doc = GeneratedDocument.objects.get()
        self.assertEqual((doc.state, doc.form, doc.signer["title"]), ("queued", "party", "BÍ THƯ"))
        self.assertContains(c.get(f"/van-ban/{doc.pk}/trang-thai/"), 'hx-trigger="every 2s"')
        self.assertEqual(c.get(f"/van-ban/{doc.pk}/tai/").status_code, 404)  # not made yet
        self.assertEqual(run_queued_documents(), 1)
        doc.refresh_from_db()
        self.assertEqual((doc.state, doc.done_steps, doc.total_steps), ("done", 7, 7))
        self.assertTrue(doc.data_version and len(doc.digest) == 64)
        r = c.get(f"/van-ban/{doc.pk}/tai/")
        self.assertEqual(r.status_code, 200)
        self.assertIn("attachment", r["Content-Disposition"])
        self.assertEqual(problems(b"".join(r.streaming_content), party=True), [])
        actions = list(AuditEvent.objects.filter(object_type="documents.generateddocument").values_list("action", flat=True))
        self.assertEqual(sorted(actions), ["document.generated", "document.requested"])
        self.assertContains(c.get(f"/van-ban/tinh/{self.province.pk}/"), "Tải về")

    def test_a_failure_is_kept_on_the_row(self):
        doc = GeneratedDocument.objects.create(kind="province_report", unit=self.province, period="2026-H7", program=self.program,
                                               requested_by=self.staff)
        self.assertEqual(services.make(doc.pk), "failed")
        doc.refresh_from_db()
        self.assertIn("2026-H7", doc.error)

    def test_access(self):
        url = f"/van-ban/tinh/{self.province.pk}/"
        self.assertEqual(self.as_(self.staff).get(url).status_code, 200)
        r = self.as_(self.supervisor).get(url)
        self.assertEqual(r.status_code, 200)
        self.assertNotContains(r, "Lập báo cáo")
        self.assertEqual(self.as_(self.supervisor).post(url, {"loai": "decision", "nam": "2026"}).status_code, 403)
        self.assertEqual(self.as_(self.outsider).get(url).status_code, 404)
        self.assertEqual(self.as_(self.staff).put(url).status_code, 405)
        self.assertEqual(self.as_(self.staff).get(f"/van-ban/tinh/{self.ward.pk}/").status_code, 404)
        self.client.logout()
        self.assertEqual(self.client.get(url).status_code, 302)
        doc = GeneratedDocument.objects.create(kind="decision", unit=self.province, year=2026, requested_by=self.staff)
        self.assertEqual(self.as_(self.outsider).get(f"/van-ban/{doc.pk}/trang-thai/").status_code, 404)
        self.assertEqual(self.as_(self.outsider).get(f"/van-ban/{doc.pk}/tai/").status_code, 404)
        self.assertEqual(self.as_(self.staff).post(f"/van-ban/{doc.pk}/tai/").status_code, 405)

    def test_bad_input_writes_nothing_and_says_why(self):
        url = f"/van-ban/tinh/{self.province.pk}/"
        c = self.as_(self.staff)
        for data, message in (({"loai": "x"}, "Hãy chọn loại văn bản"), ({"loai": "province_report", "ky": "1999"}, "Kỳ báo cáo"),
                              ({"loai": "decision", "nam": "2099"}, "Hãy chọn năm"),
                              ({"loai": "decision", "nam": "2026", "nguoi_ky": "<b>x</b>"}, "họ tên người ký")):
            r = c.post(url, data)
            self.assertContains(r, message, status_code=400)
        self.assertFalse(GeneratedDocument.objects.exists())

    def test_ward_page(self):
        url = f"/van-ban/don-vi/{self.ward.pk}/2026/"
        c = self.as_(self.chief)
        self.assertEqual(c.get(url).status_code, 200)
        with self.captureOnCommitCallbacks(execute=True):
            self.assertEqual(c.post(url, {"nguoi_ky": ""}).status_code, 302)
        self.assertEqual(run_queued_documents(), 1)
        doc = GeneratedDocument.objects.get(kind="self_assessment")
        self.assertEqual(doc.state, "done")
        self.assertEqual(self.as_(self.supervisor).post(url).status_code, 403)
        self.assertEqual(self.as_(self.other_chief).get(url).status_code, 404)
        self.assertEqual(c.get(f"/van-ban/don-vi/{self.ward.pk}/2019/").status_code, 404)
        self.assertEqual(c.delete(url).status_code, 405)


needs_office = pytest.mark.skipif(not shutil.which("soffice") and os.environ.get("CI") != "true",
                                  reason="LibreOffice (soffice) not installed: apt-get install -y libreoffice-writer-nogui")


@needs_office
@override_settings(MEDIA_ROOT=MEDIA)
class RenderToPdfTest(FixedNow, ReportingTestCase):
    """Each document opens in an office suite: LibreOffice renders it to PDF pages."""

    def test_libreoffice_renders_every_document(self):
        self.assertIsNotNone(shutil.which("soffice"), "CI=true: LibreOffice must be installed (.ci/run installs it)")
        p = services.boards.period(self.program, "2026-H1")
        council = gather.council(self.province, 2026)
        day = dt.date(2026, 11, 23)
        files = {"report": services.province_report_bytes(self.program, p, self.province),
                 "party": services.province_report_bytes(self.program, p, self.province, form=nd30.PARTY_FORMAT),
                 "decision": writers.decision(council, letters.for_province(self.province, day)),
                 "minutes": writers.minutes(council, letters.for_council(self.province, day)),
                 "self-assessment": writers.self_assessment(gather.self_assessment(Assessment.objects.create(
                     unit=self.ward, year=2026, framework=self.framework)), letters.for_ward(self.ward, self.province, day))}
        with tempfile.TemporaryDirectory() as tmp:
            for name, content in files.items():
                Path(tmp, f"{name}.docx").write_bytes(content)
            subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp}/profile", "--convert-to", "pdf",
                            "--outdir", tmp, *[str(Path(tmp, f"{n}.docx")) for n in files]],
                           check=True, capture_output=True, timeout=240)
            for name in files:
                pdf = Path(tmp, f"{name}.pdf").read_bytes()
                self.assertTrue(pdf.startswith(b"%PDF") and pdf.rstrip().endswith(b"%%EOF"), name)
                self.assertGreater(len(pdf), 20_000, name)  # pages with text and, in the reports, the chart
