"""A province with a program (reporting.tests.support), a roadmap, a recognized ward and draft assessments."""

from __future__ import annotations

import atexit
import datetime as dt
import shutil
import tempfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from assessments import services
from assessments.models import Recognition, RecognitionReview
from assessments.tests.helpers import GOOD, GOOD_PREV
from reporting.tests.support import ReportingTestCase
from roadmaps.models import Plan, PlanTarget

from .base import ApiTestCase

MEDIA = tempfile.mkdtemp(prefix="kieumau-api-tests-")  # the recognition's scanned decision is written here
atexit.register(shutil.rmtree, MEDIA, ignore_errors=True)


@override_settings(MEDIA_ROOT=MEDIA)
class ProgramCase(ApiTestCase, ReportingTestCase):
    @classmethod
    def setUpTestData(cls):
        with override_settings(MEDIA_ROOT=MEDIA):
            super().setUpTestData()
            cls.plan = Plan.objects.create(province=cls.province, title="Lộ trình thử", source="NQ 01", base_units=2,
                                           start_year=2023, end_year=2030)
            PlanTarget.objects.create(plan=cls.plan, year=2025, kind="count", value=1)
            PlanTarget.objects.create(plan=cls.plan, year=2030, kind="percent", value=100)
            recognized = services.save_figures(cls.ward2, 2024, GOOD, GOOD_PREV, cls.staff, revision=0).assessment
            recognized.status = "recognized"
            recognized.save()
            cls.recognition = Recognition.objects.create(
                assessment=recognized, unit=cls.ward2, year=2024, decision_number="12/QĐ-CAT", decision_date=dt.date(2024, 12, 20),
                signer="Giám đốc", decision_file=SimpleUploadedFile("qd.pdf", b"%PDF-1.4"), recognized_by=cls.approver)
            RecognitionReview.objects.create(recognition=cls.recognition, year=2025, outcome="maintained", reviewed_by=cls.approver)
            cls.draft = services.save_figures(cls.ward, 2026, GOOD, GOOD_PREV, cls.officer, revision=0).assessment
            cls.other_draft = services.save_figures(cls.other_ward, 2026, GOOD, GOOD_PREV, cls.other_chief, revision=0).assessment
