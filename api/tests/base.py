"""The API's test base: the shared personas (kieumau.testing), a Ministry reader, and tokens for each."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from accounts.models import Role, RoleAssignment
from api import tokens
from kieumau.testing import PASSWORD, BaseTestCase, FixedNow

API = "/api/v1"


class ApiTestCase(FixedNow, BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.ministry = get_user_model().objects.create_user("ministry", password=PASSWORD)
        RoleAssignment.objects.create(user=cls.ministry, unit=None, role=Role.MINISTRY)

    def token_for(self, user) -> str:
        return tokens.create(user, "test")[1]

    def call(self, user_or_token, method: str, path: str, data=None, **extra):
        """A request with a Bearer token (a user gets a fresh one); the answer, its JSON read."""
        token = user_or_token if isinstance(user_or_token, str) else self.token_for(user_or_token)
        send = getattr(self.client, method.lower())
        kwargs = {"HTTP_AUTHORIZATION": f"Bearer {token}", **extra}
        if data is not None:
            kwargs.update(data=data, content_type="application/json")
        return send(API + path, **kwargs)


def fields(response) -> dict:
    """field → message of an error answer."""
    return {item["field"]: item["message"] for item in response.json()["detail"]}
