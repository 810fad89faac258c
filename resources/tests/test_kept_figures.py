"""The registers' figures on the entry form, kept until the ward's land has an event (assessments.derived.provided_for
with a version): asked once, and never shown stale after a register's write, a norm changed in the admin or a day."""

from __future__ import annotations

import datetime as dt
from unittest import mock

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from emulation import services as emulation
from emulation.indicators import Registers
from feedback.indicators import CitizenFeedback
from kieumau import clock
from resources import services
from resources.indicators import Resources
from resources.models import LandNorm

from .base import ResourcesTestCase
from .test_indicators import HQ


def counting(cls):
    """Patch ``cls.values`` to count its calls (and still answer)."""
    real = cls.values
    calls = []

    def values(self, unit, year):
        calls.append((unit.pk, year))
        return real(self, unit, year)

    return mock.patch.object(cls, "values", values), calls


class KeptFiguresTest(ResourcesTestCase):
    def setUp(self):
        super().setUp()
        self.url = reverse("enter_figures", args=[self.ward.pk, 2026])
        self.web = self.as_(self.officer)

    def land(self) -> str:
        """The work land's figure as the entry form shows it (its input's value)."""
        html = self.web.get(self.url).content.decode()
        start = html.index('name="dien_tich_dat_m2"')
        tag = html[html.rindex("<", 0, start):html.index(">", start)]
        return tag.split('value="')[1].split('"')[0] if 'value="' in tag else ""

    def test_asked_once_then_after_each_write_on_the_wards_land(self):
        patch, calls = counting(Resources)
        feedback_patch, feedback_calls = counting(CitizenFeedback)
        with patch, feedback_patch:
            self.assertEqual(self.land(), "")
            self.assertEqual(self.land(), "")
            self.assertEqual(len(calls), 1)
            self.assertEqual(len(feedback_calls), 2)  # its forwarding moves a figure of a ward it does not name
            services.save_headquarters(self.ward, self.officer, HQ)
            self.assertEqual(self.land(), "750,5")
            self.assertEqual(len(calls), 2)
            norm = LandNorm.objects.get(province=self.province, ward_kind="loai-2")
            self.assertEqual(self.land(), "750,5")
            self.assertEqual(len(calls), 2)
            # a norm changed in the admin names no unit: it still moves the ward's version
            admin = Client()
            admin.force_login(get_user_model().objects.create_superuser("root", "root@example.vn", "x"))
            page = reverse("admin:resources_landnorm_change", args=[norm.pk])
            form = {"province": norm.province_id, "ward_kind": norm.ward_kind, "work_land_m2": "900",
                    "living_land_m2": str(norm.living_land_m2), "source": norm.source}
            self.assertEqual(admin.post(page, form).status_code, 302)
            self.web.get(self.url)
            self.assertEqual(len(calls), 3)
            self.assertIn("định mức 900 m²", self.web.get(self.url).content.decode())
            self.assertEqual(len(calls), 3)

    def test_a_new_day_asks_again(self):
        patch, calls = counting(Resources)
        with patch:
            self.web.get(self.url)
            self.web.get(self.url)
            with clock.fixed_at(dt.datetime(2026, 11, 24, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))):
                self.web.get(self.url)
        self.assertEqual(len(calls), 2)

    def test_another_wards_write_leaves_it_kept_and_a_model_moves_it(self):
        patch, calls = counting(Registers)
        with patch:
            self.assertNotIn('data-provided="so_mo_hinh_tu_quan"', self.web.get(self.url).content.decode())
            services.save_headquarters(self.ward2, self.officer, HQ)  # another ward of the province
            self.web.get(self.url)
            self.assertEqual(len(calls), 1)
            emulation.add_model(self.ward, self.officer, kind="self_managed", name="Tổ tự quản khu phố 3",
                                started_on=dt.date(2025, 1, 1))
            html = self.web.get(self.url).content.decode()
            self.assertEqual(len(calls), 2)
        self.assertIn('data-provided="so_mo_hinh_tu_quan"', html)
