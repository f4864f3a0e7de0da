"""A person's API tokens and password; accounts and invitations made by managers and site admins."""

from __future__ import annotations

from django.contrib.auth import update_session_auth_hash
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from annotation import permissions as policy
from annotation.api.account_serializers import (
    AccountIn,
    AccountOut,
    ApiTokenOut,
    InvitationAcceptIn,
    InvitationIn,
    InvitationOut,
    InvitationPublicOut,
    JoinedOut,
    NewInvitationOut,
    NewTokenOut,
    PasswordChangeIn,
    RevokedOut,
    TokenIn,
)
from annotation.api.serializers import DetailOut
from annotation.api.views.auth import check_credentials
from annotation.api.views.base import RETRY_AFTER, error_responses, parse, require
from annotation.models import ApiToken
from annotation.selectors import accounts as account_selectors
from annotation.selectors import projects as project_selectors
from annotation.services import accounts as account_services
from annotation.services.errors import InvalidInput

MANAGERS_ONLY = "Only the project's managers can invite people or create accounts in it."


def _token_out(token: ApiToken, request: Request) -> dict:
    current = isinstance(request.auth, ApiToken) and request.auth.pk == token.pk
    return ApiTokenOut({**{f: getattr(token, f) for f in ("id", "name", "token_key", "created", "expiry", "last_used")}, "current": current}).data


class TokenListView(APIView):
    """Your API tokens: list them, make one (for a script or the CLI), or revoke them all."""

    @extend_schema(responses={200: ApiTokenOut(many=True), **error_responses(401, 403)})
    def get(self, request: Request) -> Response:
        return Response([_token_out(t, request) for t in account_selectors.tokens_of(request.user)])

    @extend_schema(request=TokenIn, responses={201: NewTokenOut, **error_responses(400, 401, 403)})
    def post(self, request: Request) -> Response:
        data = parse(TokenIn, request)
        token, key = account_services.token_create(user=request.user, name=data["name"] or "API token")
        out = {"id": token.pk, "token": key, "name": token.name, "created": token.created, "expiry": token.expiry}
        return Response(NewTokenOut(out).data, status=status.HTTP_201_CREATED)

    @extend_schema(operation_id="auth_tokens_revoke_all", responses={200: RevokedOut, **error_responses(401, 403)})
    def delete(self, request: Request) -> Response:
        return Response(RevokedOut({"revoked": account_services.tokens_revoke_all(user=request.user)}).data)


class TokenDetailView(APIView):
    @extend_schema(responses={204: None, **error_responses(401, 403, 404)})
    def delete(self, request: Request, pk: int) -> Response:
        account_services.token_revoke(token=account_selectors.token_get(request.user, pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class PasswordView(APIView):
    """Change your password (the current one is checked, and failures count toward the login
    lockout); lifts the restriction of a one-time password; revokes your other API tokens and
    ends your other sessions."""

    allowed_before_password_change = True

    @extend_schema(request=PasswordChangeIn, parameters=[RETRY_AFTER], responses={200: DetailOut, **error_responses(400, 401, 403, 429)})
    def post(self, request: Request) -> Response:
        data = parse(PasswordChangeIn, request)
        try:
            check_credentials(request, request.user.get_username(), data["current_password"])
        except InvalidInput as error:
            raise InvalidInput("current_password: this is not your current password.") from error
        token = request.auth if isinstance(request.auth, ApiToken) else None
        account_services.password_change(user=request.user, new_password=data["new_password"], keep_token=token)
        if request.auth is None:  # a session: stay logged in with the new password
            update_session_auth_hash(request._request, request.user)
        return Response({"detail": "Password changed."})


class UserCreateView(APIView):
    """Create an account with a one-time password (shown once; changed at first login): a
    project's managers into their project with a role, site admins with or without a project."""

    @extend_schema(request=AccountIn, responses={201: AccountOut, **error_responses(400, 401, 403, 404)})
    def post(self, request: Request) -> Response:
        data = parse(AccountIn, request)
        project = None
        if data["project"] is not None:
            project = project_selectors.project_get(request.user, data["project"])
            require(policy.can_invite(request.user, project), MANAGERS_ONLY)
            if not data["role"]:
                raise InvalidInput("role: give the new member's role in the project.")
        else:
            require(policy.can_create_accounts(request.user), "Give a project you manage: only site admins create accounts outside projects.")
        user, password = account_services.account_create(
            created_by=request.user, username=data["username"], project=project, role=data["role"]
        )
        return Response(AccountOut({"id": user.pk, "username": user.get_username(), "one_time_password": password}).data, status=status.HTTP_201_CREATED)


class InvitationListView(APIView):
    """A project's pending invitations (managers), and new ones: single-use links with a role."""

    @extend_schema(responses={200: InvitationOut(many=True), **error_responses(401, 403, 404)})
    def get(self, request: Request, pk: int) -> Response:
        project = project_selectors.project_get(request.user, pk)
        require(policy.can_invite(request.user, project), MANAGERS_ONLY)
        return Response(InvitationOut(account_selectors.invitations_pending(project), many=True).data)

    @extend_schema(request=InvitationIn, responses={201: NewInvitationOut, **error_responses(400, 401, 403, 404)})
    def post(self, request: Request, pk: int) -> Response:
        project = project_selectors.project_get(request.user, pk)
        require(policy.can_invite(request.user, project), MANAGERS_ONLY)
        invitation, key = account_services.invitation_create(project=project, created_by=request.user, **parse(InvitationIn, request))
        out = NewInvitationOut(invitation).data
        out["url"] = request.build_absolute_uri(f"/invitations/{key}")
        return Response(out, status=status.HTTP_201_CREATED)


class InvitationDetailView(APIView):
    @extend_schema(responses={204: None, **error_responses(401, 403, 404, 409)})
    def delete(self, request: Request, pk: int, invitation_id: int) -> Response:
        project = project_selectors.project_get(request.user, pk)
        require(policy.can_invite(request.user, project), MANAGERS_ONLY)
        account_services.invitation_revoke(invitation=account_selectors.invitation_get(project, invitation_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


class InvitationAcceptView(APIView):
    """An invitation link: what it invites to (anyone holding it), and its acceptance: a new
    account (username and password) joins the project, or a logged-in user joins as themselves."""

    permission_classes = [AllowAny]

    @extend_schema(responses={200: InvitationPublicOut, **error_responses(404)})
    def get(self, request: Request, key: str) -> Response:
        return Response(InvitationPublicOut(account_selectors.invitation_by_key(key)).data)

    @extend_schema(request=InvitationAcceptIn, responses={201: JoinedOut, **error_responses(400, 403, 404, 409)})
    def post(self, request: Request, key: str) -> Response:
        invitation = account_selectors.invitation_by_key(key)
        data = parse(InvitationAcceptIn, request)
        if data.get("username") or data.get("password"):
            if not data.get("username") or not data.get("password"):
                raise InvalidInput("give both a username and a password for the new account")
            user = account_services.invitation_accept(invitation=invitation, username=data["username"], password=data["password"])
        elif request.user.is_authenticated:
            account_services.invitation_accept_as(invitation=invitation, user=request.user)
            user = request.user
        else:
            raise InvalidInput("give a username and a password for your new account, or log in first")
        membership = user.memberships.get(project_id=invitation.project_id)
        out = {"id": user.pk, "username": user.get_username(), "project": invitation.project_id, "role": membership.role}
        return Response(JoinedOut(out).data, status=status.HTTP_201_CREATED)
