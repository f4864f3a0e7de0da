"""Websocket authentication: an API token (scripts, the SDK) or the session cookie (browsers).

A token may come as an `Authorization: Token <key>` header, a `?token=<key>` query parameter, or a
`Sec-WebSocket-Protocol` entry: the client offers the subprotocols `["masklet", "token.<key>"]`
(browsers cannot set headers on a websocket) and the server answers with `masklet`. A token is
never ambient (a page must hold it to send it), so token clients need no Origin header.

The session cookie is ambient: a page on another site could open a socket with the visitor's
cookie (cross-site websocket hijacking). So the cookie is used only when the handshake's Origin is
one of ALLOWED_HOSTS, the check of Channels' AllowedHostsOriginValidator, applied to cookie auth
only. A foreign Origin is refused (close code 4403) without looking the session up; a handshake
without Origin and without a token is a client with no credentials (4401).

The middleware only decides who the user is. The consumer accepts every handshake and then closes
a refused one with its code (annotation.realtime.consumers), because a refusal before accepting is
an HTTP 403 that browsers report as a bare network error and keep retrying.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlparse

from channels.auth import AuthMiddlewareStack
from channels.db import database_sync_to_async
from channels.middleware import BaseMiddleware
from channels.security.websocket import AllowedHostsOriginValidator
from django.contrib.auth.models import AnonymousUser

SUBPROTOCOL = "masklet"
TOKEN_SUBPROTOCOL_PREFIX = "token."

UNAUTHORIZED = 4401  # no credentials, or bad ones
FORBIDDEN = 4403  # not a member, no such video, or a cookie sent from a foreign origin


def user_for_token(key: str) -> Any:
    """The active user of an API token that exists and has not expired (the API's own check:
    knox's digest comparison), unless they must first change a one-time password."""
    from rest_framework.exceptions import AuthenticationFailed

    from annotation.api.authentication import TokenAuthentication
    from annotation.selectors.accounts import password_change_required

    try:
        user, _token = TokenAuthentication().authenticate_credentials(key.encode("utf-8"))
    except AuthenticationFailed:
        return None
    return None if password_change_required(user) else user


_user_for_token = database_sync_to_async(user_for_token)


@database_sync_to_async
def _must_change_password(user: Any) -> bool:
    from annotation.selectors.accounts import password_change_required

    return password_change_required(user)


class PasswordChangeGate(BaseMiddleware):
    """After the session middleware: a user who still holds a one-time password is refused (4403),
    as the API refuses them everything but the password change."""

    async def __call__(self, scope: dict, receive: Any, send: Any) -> Any:
        user = scope.get("user")
        if user is not None and user.is_authenticated and await _must_change_password(user):
            scope = {**scope, "user": AnonymousUser(), "auth_refusal": FORBIDDEN}
        return await self.inner(scope, receive, send)


def token_from_scope(scope: dict[str, Any]) -> str | None:
    """The API token the handshake carries (header, query string, subprotocol), or None."""
    for name, value in scope.get("headers", []):
        if name == b"authorization" and value[:6].lower() == b"token ":
            return value[6:].decode("latin-1").strip()
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    if query.get("token"):
        return query["token"][0]
    for subprotocol in scope.get("subprotocols", []):
        if subprotocol.startswith(TOKEN_SUBPROTOCOL_PREFIX):
            return subprotocol[len(TOKEN_SUBPROTOCOL_PREFIX) :]
    return None


def _origin(scope: dict[str, Any]) -> str | None:
    for name, value in scope.get("headers", []):
        if name == b"origin":
            return value.decode("latin-1")
    return None


class WebsocketAuthMiddleware(BaseMiddleware):
    """Sets scope["user"] (AnonymousUser when refused) and, for a refusal that is not about
    missing credentials, scope["auth_refusal"] (a close code)."""

    def __init__(self, inner: Any) -> None:
        super().__init__(inner)
        self.with_session = AuthMiddlewareStack(PasswordChangeGate(inner))
        # Channels' own same-host check, used as a predicate (its middleware would answer HTTP 403).
        self.origins = AllowedHostsOriginValidator(inner)

    async def __call__(self, scope: dict, receive: Any, send: Any) -> Any:
        scope = dict(scope)
        key = token_from_scope(scope)
        if key is not None:
            scope["user"] = (await _user_for_token(key) if key else None) or AnonymousUser()
            return await self.inner(scope, receive, send)
        origin = _origin(scope)
        if origin is None:
            scope["user"] = AnonymousUser()
            return await self.inner(scope, receive, send)
        if not self.origins.valid_origin(urlparse(origin)):
            scope["user"] = AnonymousUser()
            scope["auth_refusal"] = FORBIDDEN
            return await self.inner(scope, receive, send)
        return await self.with_session(scope, receive, send)


def AuthStack(inner: Any) -> Any:  # noqa: N802 - mirrors channels' AuthMiddlewareStack
    return WebsocketAuthMiddleware(inner)
