"""How the OpenAPI schema (/api/schema/) documents what the views do not spell out one by one.

- Error answers: every operation lists the 4xx it can give, each with the error body of
  annotation/api/errors.py (`Error`), from one rule set instead of sixty decorators:
  400 for operations that read a body or query parameters; 401 for all that authenticate (a bad
  token is refused even where anyone may ask); 403 for those that need a signed-in user and for
  writes (the policy refuses, or a session's CSRF check fails); 404 for paths that name an
  object; 409 for writes outside /api/auth/ (state conflicts: a finished job, a stale mask
  version, a duplicate label, a video not ready…); 413 for bodies (UploadLimitMiddleware); 429
  for throttled views; 503 for all (a busy database pool, a click no worker answered). A code a
  view documents itself (e.g. the mask edit's 409 with the current mask) is kept.
- Project settings: the typed schema of annotation/project_settings.py (pydantic), turned into
  OpenAPI 3.0 components.
"""

from __future__ import annotations

from typing import Any, Literal

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from pydantic.json_schema import model_json_schema
from rest_framework import permissions

from annotation.project_settings import ProjectSettings

UNSAFE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
BODY_METHODS = ("POST", "PUT", "PATCH")

ERROR_DESCRIPTIONS = {
    "400": "Bad input: `detail` says what is wrong; `errors` names the fields.",
    "401": "No valid credentials (a token or a session).",
    "403": "Not allowed: `detail` says who may do this.",
    "404": "No such object, or it belongs to a project you are not a member of.",
    "409": "The request conflicts with the current state (see `detail`).",
    "413": "The request body is larger than the upload limit.",
    "429": "Too many attempts: wait for the time the Retry-After header gives.",
    "503": "Busy (every database connection in use, or no worker answered a click in time): try again.",
}


# The body of every error answer (annotation/api/errors.py); `errors` only for bad input.
ERROR_SCHEMA = {
    "type": "object",
    "description": "The body of every error answer.",
    "properties": {
        "detail": {"type": "string", "description": "what went wrong, in words a user understands"},
        "errors": {
            "type": "object",
            "additionalProperties": {},
            "description": "for bad input: each field's messages, nested as the input is "
            "(e.g. settings.postprocess.open_px)",
        },
    },
    "required": ["detail"],
}


class AutoSchema(SpectacularAutoSchema):
    def _error_codes(self) -> list[str]:
        view = self.view
        signed_in = not all(isinstance(p, permissions.AllowAny) for p in view.get_permissions())
        codes = []
        has_query = any(
            getattr(p, "location", "query") == "query" for p in self.get_override_parameters()
        ) or bool(self._get_filter_parameters())
        if self.method in BODY_METHODS or has_query:
            codes.append("400")
        if signed_in or view.get_authenticators():  # a bad or expired token is a 401 even where anyone may ask
            codes.append("401")
        if signed_in or self.method in UNSAFE_METHODS:
            codes.append("403")
        if "{" in self.path:
            codes.append("404")
        if self.method in UNSAFE_METHODS and not self.path.startswith("/api/auth/"):
            codes.append("409")
        if self.method in BODY_METHODS:
            codes.append("413")
        if view.get_throttles():
            codes.append("429")
        codes.append("503")  # config/middleware.py (any request), services.errors.Unavailable (clicks)
        return codes

    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)
        component = ResolvedComponent(name="Error", type=ResolvedComponent.SCHEMA, object="Error", schema=ERROR_SCHEMA)
        self.registry.register_on_missing(component)
        error = component.ref
        for code in self._error_codes():
            responses.setdefault(
                code,
                {"description": ERROR_DESCRIPTIONS[code], "content": {"application/json": {"schema": error}}},
            )
        return responses


def _openapi_30(schema: Any) -> Any:
    """pydantic's JSON Schema (2020-12) in OpenAPI 3.0 words: `X | None` becomes `nullable`."""
    if isinstance(schema, list):
        return [_openapi_30(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    schema = {key: _openapi_30(value) for key, value in schema.items() if key != "title"}
    options = schema.get("anyOf")
    if options and {"type": "null"} in options:
        rest = [option for option in options if option != {"type": "null"}]
        schema.pop("anyOf")
        schema.update(rest[0] if len(rest) == 1 else {"anyOf": rest})
        schema["nullable"] = True
    return schema


class ProjectSettingsFieldExtension(OpenApiSerializerFieldExtension):
    """`ProjectSettingsField` as the components of annotation/project_settings.py."""

    target_class = "annotation.api.serializers.ProjectSettingsField"

    def get_name(self) -> str:
        return "ProjectSettings"

    def map_serializer_field(self, auto_schema: Any, direction: Any) -> dict[str, Any]:
        mode: Literal["validation", "serialization"] = "validation" if direction == "request" else "serialization"
        schema = model_json_schema(ProjectSettings, ref_template="#/components/schemas/{model}", mode=mode)
        for name, sub_schema in schema.pop("$defs", {}).items():
            auto_schema.registry.register_on_missing(
                ResolvedComponent(name=name, type=ResolvedComponent.SCHEMA, object=name, schema=_openapi_30(sub_schema))
            )
        schema = _openapi_30(schema)
        # A project stores only its overrides: every key may be left out (defaults apply).
        schema.pop("required", None)
        return schema
