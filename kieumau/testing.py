"""Shared test fixtures: a small unit tree, the shipped framework, and personas.

Personas: ``staff`` (program staff on province A), ``officer`` (ward officer
on ward A1), ``supervisor`` (read-only on province A), ``outsider`` (program
staff on province B).
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.test import TestCase

from accounts.models import Role, RoleAssignment
from frameworks.registry import DATA_DIR, load_file
from units.models import Level, Unit

PASSWORD = "Test-password-2026"


def make_unit(code, name, level, parent=None, kind=None, **kw) -> Unit:
    kind = kind or {Level.PROVINCE: "Tỉnh", Level.DISTRICT: "Thành phố", Level.COMMUNE: "Phường"}[level]
    unit = Unit(code=code, name=name, level=level, parent=parent, kind=kind, **kw)
    unit.save()
    return unit


class BaseTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.framework = load_file(DATA_DIR / "bca-5764-2021.yaml").framework
        cls.province = make_unit("56", "Tỉnh Khánh Hòa", Level.PROVINCE)
        cls.city = make_unit("568", "Thành phố Nha Trang", Level.DISTRICT, cls.province)
        cls.ward = make_unit("22375", "Phường Vĩnh Nguyên", Level.COMMUNE, cls.city)
        cls.ward2 = make_unit("22378", "Phường Phước Long", Level.COMMUNE, cls.city)
        cls.commune = make_unit("22400", "Xã Vĩnh Lương", Level.COMMUNE, cls.city, kind="Xã")
        cls.gone = make_unit("22999", "Phường Cũ", Level.COMMUNE, cls.city, valid_until=dt.date(2022, 1, 1))
        cls.other_province = make_unit("74", "Tỉnh Bình Dương", Level.PROVINCE)
        cls.other_city = make_unit("721", "Thành phố Thủ Dầu Một", Level.DISTRICT, cls.other_province)
        cls.other_ward = make_unit("25741", "Phường Phú Cường", Level.COMMUNE, cls.other_city)
        cls.staff = cls.user("staff", Role.PROGRAM_STAFF, cls.province)
        cls.officer = cls.user("officer", Role.WARD_OFFICER, cls.ward)
        cls.supervisor = cls.user("supervisor", Role.SUPERVISOR, cls.province)
        cls.outsider = cls.user("outsider", Role.PROGRAM_STAFF, cls.other_province)
        cls.chief = cls.user("chief", Role.WARD_CHIEF, cls.ward)
        cls.reviewer = cls.user("reviewer", Role.REVIEWER, cls.province)
        cls.city_reviewer = cls.user("city_reviewer", Role.REVIEWER, cls.city)
        cls.council = cls.user("council", Role.COUNCIL_MEMBER, cls.province)
        cls.approver = cls.user("approver", Role.APPROVER, cls.province)
        cls.other_chief = cls.user("other_chief", Role.WARD_CHIEF, cls.other_ward)

    @classmethod
    def user(cls, username, role, unit):
        user = get_user_model().objects.create_user(username, password=PASSWORD, email=f"{username}@example.vn")
        RoleAssignment.objects.create(user=user, unit=unit, role=role)
        return user


class FixedNow:
    """Mixin: the test acts at ``NOW`` (the date the coordination tests are written for), restored after each test."""

    NOW = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))

    def setUp(self):
        super().setUp()
        from kieumau import clock

        fixed = clock.fixed_at(self.NOW)
        fixed.__enter__()
        self.addCleanup(fixed.__exit__, None, None, None)

    def as_(self, user):
        self.client.force_login(user)
        return self.client
