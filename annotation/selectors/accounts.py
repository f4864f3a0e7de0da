"""Reads about accounts: a user's API tokens, invitations, whether a password must change."""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from annotation.models import Account, ApiToken, Invitation, Project


def password_change_required(user: Any) -> bool:
    """True while the user holds a one-time password a manager handed out."""
    if not getattr(user, "is_authenticated", False):
        return False
    relation = get_user_model().masklet_account.related
    if isinstance(user, get_user_model()) and relation.is_cached(user):  # loaded with the API token (ApiTokenManager)
        account = relation.get_cached_value(user)
        return bool(account is not None and account.password_change_required)
    return Account.objects.filter(user_id=user.pk, password_change_required=True).exists()


def tokens_of(user: Any) -> QuerySet[ApiToken]:
    """The user's API tokens that have not expired, newest first."""
    now = timezone.now()
    return ApiToken.objects.filter(user_id=user.pk).exclude(expiry__lt=now).order_by("-created", "-id")


def token_get(user: Any, pk: Any) -> ApiToken:
    """One of the user's tokens; 404 for another person's token or an unknown id."""
    try:
        return ApiToken.objects.get(user_id=user.pk, pk=int(pk))
    except (ValueError, TypeError, ApiToken.DoesNotExist) as error:
        raise Http404("no such token") from error


def invitation_digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def invitations_pending(project: Project) -> QuerySet[Invitation]:
    """Invitations to the project that can still be accepted."""
    return (
        Invitation.objects.filter(project=project, accepted_at__isnull=True, expires_at__gt=timezone.now())
        .select_related("created_by")
        .order_by("-created_at", "-id")
    )


def invitation_get(project: Project, pk: Any) -> Invitation:
    try:
        return Invitation.objects.get(project=project, pk=int(pk))
    except (ValueError, TypeError, Invitation.DoesNotExist) as error:
        raise Http404("no such invitation") from error


def invitation_by_key(key: str) -> Invitation:
    """The invitation a link names, used or not; 404 for a key that names none."""
    invitation = (
        Invitation.objects.select_related("project", "created_by").filter(digest=invitation_digest(key)).first()
    )
    if invitation is None:
        raise Http404("no such invitation")
    return invitation
