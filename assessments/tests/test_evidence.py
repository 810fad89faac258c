import shutil
import tempfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from assessments.models import Evidence
from audit.models import AuditEvent
from kieumau.testing import PASSWORD, BaseTestCase

from .helpers import form_data

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class EvidenceTests(BaseTestCase):
    def setUp(self):
        self.media = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.media, ignore_errors=True)
        override = override_settings(MEDIA_ROOT=self.media, EVIDENCE_MAX_BYTES=1024)
        override.enable()
        self.addCleanup(override.disable)
        self.client.login(username="officer", password=PASSWORD)
        self.client.post(reverse("enter_figures", args=[self.ward.pk, 2025]), form_data(revision=0))
        self.url = reverse("upload_evidence", args=[self.ward.pk, 2025])

    def upload(self, name="qd.pdf", content=PDF, criterion="TC01"):
        return self.client.post(self.url, {"criterion": criterion, "file": SimpleUploadedFile(name, content), "note": "QĐ"}, follow=True)

    def test_it_attaches_a_file_to_a_criterion_and_audits(self):
        r = self.upload()
        self.assertContains(r, "Đã lưu tệp minh chứng “qd.pdf”")
        e = Evidence.objects.get()
        self.assertEqual((e.criterion.code, e.size), ("TC01", len(PDF)))
        self.assertTrue(AuditEvent.objects.filter(action="evidence.uploaded").exists())
        download = self.client.get(reverse("download_evidence", args=[e.pk]))
        self.assertEqual(b"".join(download.streaming_content), PDF)

    def test_wrong_type_size_or_content_is_refused(self):
        self.assertContains(self.upload("x.exe", b"MZ..."), "Chỉ nhận tệp PDF")
        self.assertContains(self.upload("x.pdf", b"not a pdf"), "Nội dung tệp không khớp")
        self.assertContains(self.upload("x.pdf", b"%PDF" + b"0" * 2000), "Tệp quá lớn")
        self.assertContains(self.upload(criterion="TC99"), "Tiêu chí không tồn tại")
        self.assertFalse(Evidence.objects.exists())

    def test_outsiders_cannot_download(self):
        self.upload()
        e = Evidence.objects.get()
        self.client.login(username="outsider", password=PASSWORD)
        self.assertEqual(self.client.get(reverse("download_evidence", args=[e.pk])).status_code, 404)
        self.assertEqual(self.upload().status_code, 404)

    def test_read_only_roles_cannot_upload(self):
        self.client.login(username="supervisor", password=PASSWORD)
        self.assertEqual(self.client.post(self.url, {"criterion": "TC01"}).status_code, 403)

    def test_upload_rejects_get(self):
        self.assertEqual(self.client.get(self.url).status_code, 405)

    def test_a_long_name_keeps_its_extension_and_downloads_as_its_type(self):
        name = "Biên bản họp chi bộ công an phường " * 10 + ".pdf"
        self.assertGreater(len(name), 200)
        self.upload(name)
        e = Evidence.objects.get()
        self.assertLessEqual(len(e.original_name), 200)
        self.assertTrue(e.original_name.endswith(".pdf"))
        download = self.client.get(reverse("download_evidence", args=[e.pk]))
        self.assertEqual(download["Content-Type"], "application/pdf")
