"""Shared view plumbing: parse input with a serializer, answer 403 through the policy."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request

from annotation import permissions as policy


def parse(serializer_class: type[serializers.Serializer], request: Request, *, partial: bool = False) -> dict[str, Any]:
    serializer = serializer_class(data=request.data, partial=partial)
    serializer.is_valid(raise_exception=True)
    data = dict(serializer.validated_data)
    if partial:  # only the fields the caller sent
        data = {k: v for k, v in data.items() if k in request.data}
    return data


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)



ERROR_DESCRIPTIONS = {
    400: "Invalid input: `detail` says what, `errors` names the fields.",
    401: "No credentials, or a token that is wrong, expired or revoked.",
    403: "Not allowed (or a one-time password still to be changed).",
    404: "No such object, or not one you can see.",
    409: "The request conflicts with the object's state.",
    410: "Gone: the export file expired (MASKLET_EXPORT_TTL_HOURS); the record stays.",
    429: "Too many failed logins: wait the seconds of the Retry-After header.",
}

# The header of a 429 answer (add to extend_schema's parameters next to error_responses(429)).
RETRY_AFTER = OpenApiParameter(
    "Retry-After", OpenApiTypes.INT, OpenApiParameter.HEADER, response=[429], description="seconds to wait"
)


def error_responses(*codes: int) -> dict[int, OpenApiResponse]:
    """OpenAPI answers for these error codes, each with the API's error body (annotation/api/errors.py):
    the `Error` component annotation/api/openapi.py registers for every operation."""
    return {code: OpenApiResponse(ERROR_BODY, description=ERROR_DESCRIPTIONS[code]) for code in codes}


ERROR_BODY = {"$ref": "#/components/schemas/Error"}
def require_frames(user: Any, video: Any, frames: Iterable[int]) -> None:
    """403 naming the user's task ranges when a frame lies outside them (annotators only)."""
    refusal = policy.frame_write_refusal(user, video, frames)
    if refusal is not None:
        raise PermissionDenied(refusal)
