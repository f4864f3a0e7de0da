"""Shared view plumbing: parse input with a serializer, answer 403 through the policy."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

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


def require_frames(user: Any, video: Any, frames: Iterable[int]) -> None:
    """403 naming the user's task ranges when a frame lies outside them (annotators only)."""
    refusal = policy.frame_write_refusal(user, video, frames)
    if refusal is not None:
        raise PermissionDenied(refusal)
