"""DRF authentication: django-rest-knox tokens (`Authorization: Token <key>`) and the browser's
session, both refusing every call but a few until a one-time password is changed."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone
from knox.auth import TokenAuthentication as KnoxTokenAuthentication
from knox.signals import token_expired
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from annotation.selectors import accounts as account_selectors

# A token's `last_used` is written at most once per this interval (not one write per request).
LAST_USED_RESOLUTION = timedelta(minutes=1)

PASSWORD_CHANGE_REQUIRED = (
    "Password change required: set a new password (POST /api/auth/password/) before anything else."
)


class PasswordChangeRequired(exceptions.PermissionDenied):
    default_detail = PASSWORD_CHANGE_REQUIRED
    default_code = "password_change_required"


def refuse_until_password_changed(request: Request, user: Any) -> None:
    """403 for a user who still holds a one-time password, except on the views that let them
    change it (the view's `allowed_before_password_change`: me, password change, logout)."""
    view = (request.parser_context or {}).get("view")
    if getattr(view, "allowed_before_password_change", False):
        return
    if account_selectors.password_change_required(user):
        raise PasswordChangeRequired()


class TokenAuthentication(KnoxTokenAuthentication):
    """knox's hashed, expiring tokens; records when each token was last used."""

    def _cleanup_token(self, auth_token: Any) -> bool:
        """Refuse (and delete) the presented token once it has expired. knox's own version also
        loads every other token of the user on each request to delete the expired ones: a query
        and a model per token on every API call; `tokens_purge_expired` (Celery beat) does that
        instead, and `tokens_of` never lists an expired token."""
        if auth_token.expiry is not None and auth_token.expiry < timezone.now():
            username = auth_token.user.get_username()
            auth_token.delete()
            token_expired.send(sender=type(self), username=username, source="auth_token")
            return True
        return False

    def validate_user(self, auth_token: Any) -> tuple[Any, Any]:
        user, token = super().validate_user(auth_token)
        now = timezone.now()
        if token.last_used is None or now - token.last_used >= LAST_USED_RESOLUTION:
            type(token).objects.filter(pk=token.pk).update(last_used=now)
            token.last_used = now
        return user, token

    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        result = super().authenticate(request)
        if result is not None:
            refuse_until_password_changed(request, result[0])
        return result


class SessionAuthentication(authentication.SessionAuthentication):
    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        result = super().authenticate(request)
        if result is not None:
            refuse_until_password_changed(request, result[0])
        return result


from annotation.api import schema as _schema  # noqa: E402,F401 - registers the OpenAPI descriptions above
