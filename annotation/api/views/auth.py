"""Token and session authentication, the current user, and the service status."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import authenticate, login, logout
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import ensure_csrf_cookie
from drf_spectacular.utils import extend_schema
from rest_framework.authentication import SessionAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from annotation import permissions as policy
from annotation.api.serializers import DetailOut, LoginIn, MeOut, StatusOut, TokenOut, UserOut
from annotation.api.views.base import parse, require
from annotation.jobs.workers import queues_provenance
from annotation.selectors import users as user_selectors
from annotation.selectors.status import status_summary
from annotation.services.errors import InvalidInput


def _check_credentials(request: Request):  # type: ignore[no-untyped-def]
    data = parse(LoginIn, request)
    user = authenticate(request._request, username=data["username"], password=data["password"])
    if user is None or not user.is_active:
        # 400 from both login endpoints (DRF would answer 403 here and 401 there): bad input.
        raise InvalidInput("Wrong username or password.")
    return user


class TokenView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(request=LoginIn, responses={200: TokenOut})
    def post(self, request: Request) -> Response:
        user = _check_credentials(request)
        token, _ = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})


class TokenAliasView(TokenView):
    """`/api/auth/token/` with a trailing slash, for clients that add one; documented once, without it."""

    @extend_schema(exclude=True)
    def post(self, request: Request) -> Response:
        return super().post(request)


@method_decorator(ensure_csrf_cookie, name="dispatch")
class CsrfView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses={200: DetailOut})
    def get(self, request: Request) -> Response:
        return Response({"detail": "CSRF cookie set."})


class LoginView(APIView):
    """Session login for the browser app, which sends the CSRF token on every unsafe request."""

    permission_classes = [AllowAny]

    @extend_schema(request=LoginIn, responses={200: UserOut})
    def post(self, request: Request) -> Response:
        # DRF exempts anonymous requests from CSRF; a login needs it too (no login CSRF).
        SessionAuthentication().enforce_csrf(request)
        user = _check_credentials(request)
        login(request._request, user)
        return Response({"id": user.pk, "username": user.get_username()})


class LogoutView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(request=None, responses={200: DetailOut})
    def post(self, request: Request) -> Response:
        logout(request._request)
        return Response({"detail": "Logged out."})


class MeView(APIView):
    @extend_schema(responses={200: MeOut})
    def get(self, request: Request) -> Response:
        return Response({"id": request.user.pk, "username": request.user.get_username(), "is_staff": request.user.is_staff})


class UsersView(APIView):
    """Active users (id, username), to pick members, assignees and reviewers."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: UserOut(many=True)})
    def get(self, request: Request) -> Response:
        require(policy.can_list_users(request.user), "Only project managers can list users.")
        return Response(UserOut(user_selectors.users_list(), many=True).data)


class StatusView(APIView):
    """Which inference backends serve this installation, per queue, as the live workers announce
    them (backend, model, checkpoint SHA-256, device, dtype); `backend_label` is what answers clicks."""

    permission_classes = [AllowAny]

    @extend_schema(responses={200: StatusOut})
    def get(self, request: Request) -> Response:
        status = {**status_summary(queues_provenance()), "version": settings.SPECTACULAR_SETTINGS["VERSION"]}
        return Response(StatusOut(status).data)
