"""Whatever a user types into the cells: never a server error, never a write on error, and what is accepted is
stored exactly as the entry form would store it."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from accounts.scope import scope_for
from assessments.models import Assessment
from engine.inputs import parse_one
from kieumau import clock
from workbooks import wards, writer
from workbooks.models import PendingImport

from .support import YEAR, WorkbookCase, fill, typed

text = st.text(max_size=30).filter(lambda s: not ILLEGAL_CHARACTERS_RE.search(s))
numbers_as_text = st.one_of(st.integers(-10**13, 10**13).map(str), st.decimals(-10**6, 10**13, places=6).map(str),
                            st.sampled_from(["1.234", "12,5", "1.234,56", "0,0001", " 7 ", "1e3", "٣", "１２", "-0", "#N/A"]))
cell = st.one_of(st.none(), st.booleans(), st.integers(-10**13, 10**13),
                 st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15),
                 text, numbers_as_text, st.just(dt.datetime(2026, 1, 2)))
TYPES = {"so_cbcs": "int", "so_cbcs_htt": "int", "dien_tich_dat_m2": "num", "dang_bo_phuong_htxs": "bool"}


def _expected(type_: str, value):
    """What the entry form's parser makes of a cell, or None when blank, or ValueError."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str):
        value = value.strip()
    return parse_one(type_, value)


class CellValues(WorkbookCase, HypothesisTestCase):  # each example in its own transaction
    _template = None

    def template(self) -> bytes:
        if CellValues._template is None:
            rows = [r for r in wards.province_land(self.province, YEAR, scope_for(self.staff)) if r.visible]
            CellValues._template = writer.build("Tỉnh Khánh Hòa", self.province, YEAR, rows, generated_at=clock.now())
        return CellValues._template

    @settings(max_examples=60)
    @given(st.fixed_dictionaries({code: cell for code in TYPES}))
    def test_any_cell_values(self, values):
        data = fill(self.template(), {(self.ward.pk, code): value for code, value in values.items()})
        before = self.counts()
        response = self.upload(data)
        self.assertIn(response.status_code, (302, 400))
        if response.status_code == 400:
            self.assertEqual(self.counts(), before)
            return
        pending = PendingImport.objects.filter(owner=self.staff).first()
        if pending is None:  # valid and nothing to change: every cell blank
            self.assertEqual(self.counts(), before)
            return
        confirmed = self.as_(self.staff).post(reverse("workbook_confirm", args=[pending.pk]), {"digest": pending.digest})
        self.assertEqual(confirmed.status_code, 302)
        stored = typed(Assessment.objects.get(unit=self.ward, year=YEAR).values)
        expected = {}
        for code, value in values.items():
            parsed = _expected(TYPES[code], value)  # accepted files parse, so this cannot raise
            if parsed is not None:
                expected[code] = parsed
        self.assertEqual(stored, expected)

    @settings(max_examples=30)
    @given(st.integers(0, 10**6), st.data(),
           st.decimals(0, 10**9, places=4).map(lambda d: d.normalize()), st.sampled_from([True, False, "Có", "Không", "có"]))
    def test_valid_figures_in_any_spelling_round_trip(self, total, data, area, yes_no):
        part = data.draw(st.integers(0, total))
        spelled = data.draw(st.sampled_from([total, str(total), f"{total:,}".replace(",", ".")]))
        comma = f"{area:f}".replace(".", ",")  # Vietnamese spelling: "0.016" alone would read as 16 (dots group)
        area_cell = data.draw(st.sampled_from([comma, float(area)])) if area == float(area) else comma
        values = {"so_cbcs": spelled, "so_cbcs_htt": part, "dien_tich_dat_m2": area_cell, "dang_bo_phuong_htxs": yes_no}
        response = self.upload(fill(self.template(), {(self.ward.pk, c): v for c, v in values.items()}))
        self.assertEqual(response.status_code, 302)
        pending = PendingImport.objects.get(owner=self.staff)
        self.as_(self.staff).post(reverse("workbook_confirm", args=[pending.pk]), {"digest": pending.digest})
        stored = typed(Assessment.objects.get(unit=self.ward, year=YEAR).values)
        self.assertEqual(stored, {"so_cbcs": total, "so_cbcs_htt": part, "dien_tich_dat_m2": _expected("num", comma),
                                  "dang_bo_phuong_htxs": yes_no in (True, "Có", "có")})
