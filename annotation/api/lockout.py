"""The answer to a login refused by django-axes' lockout: 429, Retry-After, the API's error body."""

from __future__ import annotations

import math
from typing import Any

from axes.helpers import get_cool_off
from django.http import HttpRequest, JsonResponse


def lockout_seconds(request: HttpRequest) -> int:
    """Seconds until a locked-out login may be tried again: the lockout counts from the last
    failure, and the refused attempt that asks is that failure (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT)."""
    cool_off = get_cool_off(request)
    return max(1, math.ceil(cool_off.total_seconds())) if cool_off else 1


def lockout_message(seconds: int) -> str:
    return f"Too many failed logins for this account or from this address: try again in {seconds} seconds."


def lockout_response(request: HttpRequest, original_response: Any = None, credentials: Any = None) -> JsonResponse:
    """AXES_LOCKOUT_CALLABLE: every locked-out login, whichever view it reached."""
    seconds = lockout_seconds(request)
    response = JsonResponse({"detail": lockout_message(seconds)}, status=429)
    response["Retry-After"] = str(seconds)
    return response
