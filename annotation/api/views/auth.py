"""Token and session authentication, the current user, and the service status.

Logins are throttled by django-axes (AUTHENTICATION_BACKENDS, AXES_* settings): `authenticate()`
gets the request so that failures count per username and per client address, and a locked-out
login answers 429 with Retry-After (annotation/api/lockout.py)."""

from __future__ import annotations

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.signals import user_logged_in
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import ensure_csrf_cookie
from drf_spectacular.utils import extend_schema
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import Throttled
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from annotation import permissions as policy
from annotation.api.account_serializers import LoginTokenIn, NewTokenOut
from annotation.api.lockout import lockout_message, lockout_seconds
from annotation.api.serializers import DetailOut, LoginIn, MeOut, SessionOut, StatusOut, UserOut
from annotation.api.views.base import RETRY_AFTER, error_responses, parse, require
from annotation.jobs.routing import roles_status
from annotation.jobs.workers import queues_provenance
from annotation.models import ApiToken
from annotation.selectors import accounts as account_selectors
from annotation.selectors import users as user_selectors
from annotation.selectors.status import status_summary
from annotation.services import accounts as account_services
from annotation.services.errors import InvalidInput


def check_credentials(request: Request, username: str, password: str):  # type: ignore[no-untyped-def]
    """The active user these credentials name; 400 when wrong, 429 while axes locks them out."""
    user = authenticate(request._request, username=username, password=password)
    if getattr(request._request, "axes_locked_out", False):
        seconds = lockout_seconds(request._request)
        raise Throttled(wait=seconds, detail=lockout_message(seconds))
    if user is None or not user.is_active:
        # 400 from both login endpoints (DRF would answer 403 here and 401 there): bad input.
        raise InvalidInput("Wrong username or password.")
    account_services.login_failures_forget(username=username, ip_address=get_client_ip_address(request._request))
    return user


class TokenView(APIView):
    """Log in for an API token (scripts, the SDK and CLI). Each login makes a new token, valid
    REST_KNOX["TOKEN_TTL"] (MASKLET_TOKEN_TTL_HOURS); the key is shown only in this answer."""

    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(request=LoginTokenIn, parameters=[RETRY_AFTER], responses={200: NewTokenOut, **error_responses(400, 429)})
    def post(self, request: Request) -> Response:
        data = parse(LoginTokenIn, request)
        user = check_credentials(request, data["username"], data["password"])
        # What a session login signals (django.contrib.auth sets last_login, axes logs the access).
        user_logged_in.send(sender=type(user), request=request._request, user=user)
        token, key = account_services.token_create(user=user, name=data["name"] or "API login")
        return Response(NewTokenOut({"id": token.pk, "token": key, "name": token.name, "created": token.created, "expiry": token.expiry}).data)


class TokenAliasView(TokenView):
    """`/api/auth/token/` with a trailing slash, for clients that add one; documented once, without it."""

    @extend_schema(exclude=True)
    def post(self, request: Request) -> Response:
        return super().post(request)


@method_decorator(ensure_csrf_cookie, name="dispatch")
class CsrfView(APIView):
    permission_classes = [AllowAny]
    allowed_before_password_change = True

    @extend_schema(responses={200: DetailOut})
    def get(self, request: Request) -> Response:
        return Response({"detail": "CSRF cookie set."})


class LoginView(APIView):
    """Session login for the browser app, which sends the CSRF token on every unsafe request."""

    permission_classes = [AllowAny]
    allowed_before_password_change = True

    @extend_schema(request=LoginIn, parameters=[RETRY_AFTER], responses={200: UserOut, **error_responses(400, 403, 429)})
    def post(self, request: Request) -> Response:
        # DRF exempts anonymous requests from CSRF; a login needs it too (no login CSRF).
        SessionAuthentication().enforce_csrf(request)
        data = parse(LoginIn, request)
        user = check_credentials(request, data["username"], data["password"])
        login(request._request, user)
        return Response({"id": user.pk, "username": user.get_username()})


class LogoutView(APIView):
    """End the session, and revoke the API token the request was made with."""

    permission_classes = [AllowAny]
    allowed_before_password_change = True

    @extend_schema(request=None, responses={200: DetailOut, **error_responses(401, 403)})
    def post(self, request: Request) -> Response:
        if isinstance(request.auth, ApiToken):
            account_services.token_revoke(token=request.auth)
        logout(request._request)
        return Response({"detail": "Logged out."})


class MeView(APIView):
    allowed_before_password_change = True

    @extend_schema(responses={200: MeOut, **error_responses(401, 403)})
    def get(self, request: Request) -> Response:
        return Response(MeOut(_me(request.user)).data)


def _me(user) -> dict:  # type: ignore[no-untyped-def]
    return {
        "id": user.pk, "username": user.get_username(), "is_staff": user.is_staff,
        "password_change_required": account_selectors.password_change_required(user),
    }


class SessionView(APIView):
    """Who is logged in, if anyone: `{"user": null}` when nobody is (never a 401), so the browser app
    learns it on every page load without an error; `/api/auth/me/` keeps answering 401 to scripts."""

    permission_classes = [AllowAny]
    allowed_before_password_change = True

    @extend_schema(responses={200: SessionOut})
    def get(self, request: Request) -> Response:
        return Response(SessionOut({"user": _me(request.user) if request.user.is_authenticated else None}).data)


class UsersView(APIView):
    """Active users (id, username) who share a project with you, to pick members, assignees and
    reviewers; site admins see every user."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: UserOut(many=True), **error_responses(401, 403)})
    def get(self, request: Request) -> Response:
        require(policy.can_list_users(request.user), "Only project managers can list users.")
        return Response(UserOut(user_selectors.users_list(request.user), many=True).data)


class StatusView(APIView):
    """Which inference backends serve this installation, per queue, as the live workers announce
    them (backend, model, checkpoint SHA-256, device, dtype); `backend_label` is what answers clicks;
    `roles`: the model mapped to each role and whether a live worker serves it."""

    permission_classes = [AllowAny]
    allowed_before_password_change = True

    @extend_schema(responses={200: StatusOut})
    def get(self, request: Request) -> Response:
        status = {
            **status_summary(queues_provenance()), "roles": roles_status(),
            "version": settings.SPECTACULAR_SETTINGS["VERSION"],
        }
        return Response(StatusOut(status).data)
