"""What the map adds to a user's roles is kept until the map changes (accounts.scope._map_paths): one query for the
roles on every request, the lineage walk only after a reorganization's event; a role given is seen at once."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.test.utils import CaptureQueriesContext
from django.db import connection

from accounts.models import Role, RoleAssignment
from accounts.scope import scope_for
from audit.models import record
from kieumau.testing import BaseTestCase
from units.models import Lineage


def fresh(user):
    """The same person on a new request (scope_for keeps its answer on the user object for one request)."""
    return get_user_model().objects.get(pk=user.pk)


class KeptScopeTests(BaseTestCase):
    def test_the_lineage_is_walked_once_until_the_map_changes(self):
        self.assertFalse(scope_for(fresh(self.outsider)).sees(self.ward))
        user = fresh(self.outsider)
        with CaptureQueriesContext(connection) as kept:
            scope_for(user)
        self.assertEqual(len(kept), 2, [q["sql"] for q in kept])  # the roles, and the version of the map
        # A reorganization: Khánh Hòa's land goes into Bình Dương, with the event every reorganization writes (it
        # names no unit). Bình Dương's staff now read the history of the land they took over.
        Lineage.objects.create(predecessor=self.province, successor=self.other_province, kind=Lineage.Kind.MERGE,
                               effective_date=dt.date(2025, 7, 1))
        record(None, "units.reorganized", Lineage, data={"test": True})
        self.assertTrue(scope_for(fresh(self.outsider)).sees(self.ward))

    def test_a_role_given_is_seen_at_once(self):
        self.assertFalse(scope_for(fresh(self.outsider)).sees(self.ward))
        RoleAssignment.objects.create(user=self.outsider, unit=self.city, role=Role.SUPERVISOR)
        scope = scope_for(fresh(self.outsider))
        self.assertTrue(scope.sees(self.ward))
        self.assertEqual(scope.roles_on(self.ward), {Role.SUPERVISOR})
