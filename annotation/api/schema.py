"""OpenAPI descriptions of our authentication classes (drf-spectacular extensions): the token
scheme keeps its name `tokenAuth` (`Authorization: Token <key>`), the session scheme is Django's."""

from __future__ import annotations

from typing import Any

from drf_spectacular.authentication import SessionScheme
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object


class MaskletTokenScheme(OpenApiAuthenticationExtension):
    target_class = "annotation.api.authentication.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict:
        return build_bearer_security_scheme_object(header_name="Authorization", token_prefix=self.target.authenticate_header(None))


class MaskletSessionScheme(SessionScheme):
    target_class = "annotation.api.authentication.SessionAuthentication"
