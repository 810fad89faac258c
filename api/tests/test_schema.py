"""The live schema against the app, in process: schemathesis generates requests from /api/v1/openapi.json (with a
program staff's token) and checks every answer — no server error, documented status codes, content types and bodies
that match the schema. Half the generated paths are pointed at records that exist, so 200 answers are checked too.
Also: the docs page loads nothing from the internet."""

from __future__ import annotations

import re

import schemathesis
from schemathesis.specs.openapi.checks import positive_data_acceptance
from django.contrib.staticfiles import finders
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from api import tokens

from .dataset import ProgramCase

EXAMPLES = 25  # per operation; the ten operations run in about half a minute


class SchemaTests(ProgramCase):
    def real_parameters(self) -> dict:
        """Parameters (of the path or the query) naming records of the dataset, by name."""
        return {"code": ["56", "22375", "22378", "568"], "assessment_id": [self.draft.pk, self.other_draft.pk],
                "province": ["56", "74"], "version": [1], "period": ["2025-H1", "2025", "SK2025"], "year": [2024, 2026]}

    def test_every_operation_conforms_to_the_schema(self):
        # Django closes the database connection at each request's end; its test client stops that so a test's
        # transaction survives its requests, and so must we (PostgreSQL would lose the test's data otherwise).
        for signal in (request_started, request_finished):
            signal.disconnect(close_old_connections)
            self.addCleanup(signal.connect, close_old_connections)
        token = tokens.create(self.staff, "schemathesis")[1]
        schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler())
        real = self.real_parameters()
        operations = [result.ok() for result in schema.get_all_operations()]
        self.assertEqual(len(operations), 10)
        for operation in operations:
            @settings(max_examples=EXAMPLES, phases=[Phase.explicit, Phase.generate], derandomize=True, database=None,
                      suppress_health_check=list(HealthCheck))
            @given(case=operation.as_strategy(), pick=st.data())
            def check(case, pick):
                for params in (case.path_parameters, case.query):
                    for name in list(params or {}):
                        if name in real and pick.draw(st.booleans()):
                            params[name] = pick.draw(st.sampled_from(real[name]))
                if "version" in (case.path_parameters or {}):
                    case.path_parameters["code"] = "bca-5764-2021"
                if isinstance(case.body, dict) and "revision" in case.body and pick.draw(st.booleans()):
                    case.body["revision"] = self.draft.__class__.objects.get(pk=self.draft.pk).revision
                # a figure the framework does not know is refused (422) though the schema cannot say which codes exist
                lenient = [positive_data_acceptance] if case.method == "PATCH" else []
                case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, excluded_checks=lenient)

            with self.subTest(operation=operation.label):
                check()

    def test_the_docs_load_nothing_from_the_internet(self):
        r = self.client.get("/api/v1/docs")
        self.assertEqual(r.status_code, 200)
        html = r.content.decode()
        self.assertEqual(re.findall(r"https?://", html), [])
        self.assertIn('"validatorUrl": null', html)  # Swagger UI would fetch a badge from validator.swagger.io
        for asset in re.findall(r'(?:src|href)="/static/([^"]+)"', html):
            self.assertIsNotNone(finders.find(asset), asset)
        schema = self.client.get("/api/v1/openapi.json").json()
        self.assertEqual(schema["components"]["securitySchemes"]["TokenAuth"], {"type": "http", "scheme": "bearer"})
        self.assertIn("/api/v1/units/{code}", schema["paths"])
