"""Every error of the API as one JSON shape, naming the field at fault, in Vietnamese:

    {"detail": [{"field": "at", "location": "query", "code": "invalid", "message": "…"}]}

``field`` is the parameter or body field ("values.tc01_x" for a figure), or null when the error is about the whole
request (no token, not found, locked). Pydantic's own messages are English; each error type is worded here instead.
"""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError


class ErrorItem(Schema):
    field: str | None
    location: str | None = None  # "query", "path" or "body"
    code: str
    message: str


class ErrorOut(Schema):
    detail: list[ErrorItem]


class ApiError(Exception):
    """An error answered as ``ErrorOut`` with ``status``."""

    def __init__(self, status: int, code: str, message: str, field: str | None = None, location: str | None = None):
        super().__init__(message)
        self.status, self.items = status, [{"field": field, "location": location, "code": code, "message": message}]

    @classmethod
    def many(cls, status: int, items: list[dict]) -> "ApiError":
        error = cls(status, "", "")
        error.items = items
        return error


def not_found() -> ApiError:
    return ApiError(404, "not_found", _("Not found, or outside your scope."))


def forbidden(message: str | None = None) -> ApiError:
    return ApiError(403, "forbidden", message or _("Your role may read this but not change it."))


# pydantic error type → message (ctx values filled in)
MESSAGES = {
    "missing": gettext_lazy("This value is required."),
    "int_parsing": gettext_lazy("Enter a whole number."),
    "int_type": gettext_lazy("Enter a whole number."),
    "int_from_float": gettext_lazy("Enter a whole number."),
    "greater_than_equal": gettext_lazy("Must be at least %(ge)s."),
    "greater_than": gettext_lazy("Must be more than %(gt)s."),
    "less_than_equal": gettext_lazy("Must be at most %(le)s."),
    "less_than": gettext_lazy("Must be less than %(lt)s."),
    "string_too_long": gettext_lazy("At most %(max_length)s characters."),
    "string_too_short": gettext_lazy("At least %(min_length)s characters."),
    "string_type": gettext_lazy("Enter text."),
    "string_pattern_mismatch": gettext_lazy("Not in the expected form."),
    "date_parsing": gettext_lazy("Enter a date as YYYY-MM-DD, e.g. 2026-11-23."),
    "date_from_datetime_parsing": gettext_lazy("Enter a date as YYYY-MM-DD, e.g. 2026-11-23."),
    "date_type": gettext_lazy("Enter a date as YYYY-MM-DD, e.g. 2026-11-23."),
    "enum": gettext_lazy("Choose one of: %(expected)s."),
    "literal_error": gettext_lazy("Choose one of: %(expected)s."),
    "dict_type": gettext_lazy("Expected a JSON object."),
    "model_type": gettext_lazy("Expected a JSON object."),
    "model_attributes_type": gettext_lazy("Expected a JSON object."),
    "json_invalid": gettext_lazy("The body is not valid JSON."),
    "extra_forbidden": gettext_lazy("This field is not accepted here."),
    "bool_type": gettext_lazy("Enter true or false."),
    "bool_parsing": gettext_lazy("Enter true or false."),
}


def _message(error: dict) -> str:
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "value_error" and "error" in ctx:  # our own validators' messages (already worded)
        return str(ctx["error"])
    template = MESSAGES.get(kind)
    if template is None:
        return _("This value is not valid.")
    try:
        return str(template) % {k: v for k, v in ctx.items()}
    except (KeyError, TypeError, ValueError):
        return _("This value is not valid.")


def _where(loc) -> tuple[str | None, str | None]:
    """("body", "payload", "values", "x") → ("values.x", "body"); ("query", "at") → ("at", "query")."""
    parts = [str(p) for p in loc]
    location = parts.pop(0) if parts and parts[0] in ("query", "path", "body", "header", "cookie", "form") else None
    if location == "body" and parts and parts[0] == "payload":  # ninja names the body after the view's argument
        parts.pop(0)
    return (".".join(parts) or None), location


def validation_items(errors: list[dict]) -> list[dict]:
    out, seen = [], set()
    for error in errors:
        field, location = _where(error.get("loc", ()))
        if (field, location) in seen:  # one message per field is enough (a union reports each of its branches)
            continue
        seen.add((field, location))
        out.append({"field": field, "location": location, "code": error.get("type") or "invalid", "message": _message(error)})
    return out


def install(api) -> None:
    """Replace ninja's handlers: every error answers ``ErrorOut``."""

    def respond(request, status: int, items: list[dict], **headers):
        response = api.create_response(request, {"detail": items}, status=status)
        for key, value in headers.items():
            response[key] = value
        return response

    @api.exception_handler(ApiError)
    def _api_error(request, exc: ApiError):
        return respond(request, exc.status, exc.items)

    @api.exception_handler(ValidationError)
    def _validation(request, exc: ValidationError):
        return respond(request, 422, validation_items(exc.errors))

    @api.exception_handler(AuthenticationError)
    def _unauthorized(request, exc):
        message = _("A valid access token is required: send the header “Authorization: Bearer <token>”. Tokens are made on your account page; an expired or revoked token no longer works.")  # noqa: E501 - one msgid
        return respond(request, 401, [{"field": None, "location": "header", "code": "unauthorized", "message": message}],
                       **{"WWW-Authenticate": 'Bearer realm="kieumau"'})

    @api.exception_handler(Http404)
    def _not_found(request, exc):
        return respond(request, 404, not_found().items)

    @api.exception_handler(HttpError)
    def _http_error(request, exc: HttpError):
        if exc.status_code == 400:  # the one ninja raises itself: a body that is not JSON
            return respond(request, 400, [{"field": None, "location": "body", "code": "json_invalid",
                                           "message": str(MESSAGES["json_invalid"])}])
        return respond(request, exc.status_code, [{"field": None, "location": None, "code": "error", "message": str(exc)}])
