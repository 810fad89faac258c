"""Helpers for the workbook tests: download a template, fill it as a user would (openpyxl), upload it, count rows."""

from __future__ import annotations

from io import BytesIO

from django.urls import reverse
from openpyxl import load_workbook

from assessments.models import Assessment, CriterionResult
from audit.models import AuditEvent
from kieumau.testing import BaseTestCase, FixedNow
from workbooks import layout
from workbooks.models import PendingImport

YEAR = 2026


class WorkbookCase(FixedNow, BaseTestCase):
    def download(self, user=None, province=None, year=YEAR) -> bytes:
        response = self.as_(user or self.staff).get(reverse("workbook_template", args=[(province or self.province).pk, year]))
        self.assertEqual(response.status_code, 200, response.content[:300])
        return response.content

    def upload(self, data: bytes, user=None, province=None, year=YEAR, name="so-lieu.xlsx"):
        from django.core.files.uploadedfile import SimpleUploadedFile

        url = reverse("workbook_upload", args=[(province or self.province).pk, year])
        return self.as_(user or self.staff).post(url, {"tep": SimpleUploadedFile(name, data)})

    def counts(self) -> tuple:
        return (Assessment.objects.count(), AuditEvent.objects.count(), CriterionResult.objects.count(),
                PendingImport.objects.count(), sorted(Assessment.objects.values_list("unit_id", "revision")))

    def cell(self, data: bytes, unit, key: str, sheet: str = "Dữ liệu") -> str:
        """Where a ward's figure sits in a workbook ("M6")."""
        book = load_workbook(BytesIO(data))
        return f"{columns(book, sheet)[key]}{row_of(book, unit.pk, sheet)}"

    def assertRefused(self, data: bytes, *messages, user=None, name="so-lieu.xlsx"):
        """The upload is refused with each of ``messages`` on the page, and nothing at all is written."""
        before = self.counts()
        response = self.upload(data, user=user, name=name)
        self.assertEqual(response.status_code, 400)
        text = response.content.decode()
        for message in messages:
            self.assertIn(message, text)
        self.assertIn("Chưa lưu gì", text)
        self.assertEqual(self.counts(), before)
        return response


def typed(values: dict) -> dict:
    """The figures typed by people, without the counts the citizens' feedback register provides for every ward (the
    other registers provide nothing here: these tests keep no resources or emulation records)."""
    return {code: value for code, value in values.items() if not code.startswith("so_y_kien")}


def columns(book, sheet: str = "Dữ liệu") -> dict[str, str]:
    """Column key (code row) → letter."""
    return {str(c.value): c.column_letter for c in book[sheet][layout.CODE_ROW] if c.value}


def row_of(book, unit_id: int, sheet: str = "Dữ liệu") -> int:
    for row in book[sheet].iter_rows(min_row=layout.FIRST_ROW):
        if row[0].value == unit_id:
            return row[0].row
    raise AssertionError(f"no row for unit {unit_id}")


def fill(data: bytes, figures: dict, sheet: str = "Dữ liệu", edit=None) -> bytes:
    """``figures``: {(unit id, column key): value}; ``edit``: a function given the workbook for anything else."""
    book = load_workbook(BytesIO(data))
    cols = columns(book, sheet) if sheet in book.sheetnames else {}
    for (unit_id, key), value in figures.items():
        book[sheet][f"{cols[key]}{row_of(book, unit_id, sheet)}"] = value
    if edit:
        edit(book)
    out = BytesIO()
    book.save(out)
    return out.getvalue()
