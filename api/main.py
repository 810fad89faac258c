"""The REST API at /api/v1/: schema at openapi.json, interactive docs at docs (Swagger UI from ninja's own static
files — no CDN: intranets have no internet). Every operation needs a personal access token (api.tokens)."""

from __future__ import annotations

from pathlib import Path

from ninja import NinjaAPI, Swagger
from ninja.renderers import JSONRenderer
from ninja.security import HttpBearer

from . import assessments_api, errors, program_api, tokens, units_api


class Renderer(JSONRenderer):
    json_dumps_params = {"ensure_ascii": False}  # Vietnamese names as they are, not \u escapes


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <token>``: the request acts as the token's owner, with their roles and scope."""

    def authenticate(self, request, token):
        user = tokens.authenticate(token.strip())
        if user is not None:
            request.user = user  # what the rest of the project reads (scope_for, audit rows)
        return user


api = NinjaAPI(
    title="KiểuMẫu API",
    version="1",
    description=(Path(__file__).parent / "openapi_description.md").read_text(encoding="utf-8"),
    auth=TokenAuth(),
    renderer=Renderer(),
    urls_namespace="api-v1",
    # validatorUrl off: Swagger UI would otherwise fetch a badge from validator.swagger.io
    docs=Swagger(settings={"validatorUrl": None, "persistAuthorization": False}),
)
errors.install(api)
api.add_router("", units_api.router)
api.add_router("", assessments_api.router)
api.add_router("", program_api.router)
