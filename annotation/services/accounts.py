"""Accounts: API tokens, passwords, accounts with a one-time password, invitations into a project.

Passwords pass Django's validators (AUTH_PASSWORD_VALIDATORS) wherever a person sets one; a
rejected password is a 400 naming the rule it breaks."""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from annotation.models import Account, ApiToken, Invitation, Membership, Project
from annotation.models.projects import Role
from annotation.realtime.publish import notify_membership_changed
from annotation.selectors.accounts import invitation_digest
from annotation.services.errors import Conflict, InvalidInput, NotFound

TOKEN_NAME_MAX = 100


# --- API tokens ---------------------------------------------------------------------------------


def token_create(*, user: Any, name: str = "") -> tuple[ApiToken, str]:
    """A new API token for the user, valid REST_KNOX["TOKEN_TTL"]; returns the row and the key,
    which is stored only as its digest and so can be shown this once."""
    return ApiToken.objects.create(user=user, name=name[:TOKEN_NAME_MAX])


def token_revoke(*, token: ApiToken) -> None:
    token.delete()


def tokens_revoke_all(*, user: Any) -> int:
    """Revoke every API token of the user; returns how many there were."""
    count, _ = ApiToken.objects.filter(user_id=user.pk).delete()
    return count


# --- logins -------------------------------------------------------------------------------------


def tokens_purge_expired(*, now: Any = None) -> int:
    """Delete every expired API token (Celery beat runs it; a request presenting an expired token
    deletes that one at once): the number deleted."""
    deleted, _ = ApiToken.objects.filter(expiry__lt=now or timezone.now()).delete()
    return deleted


def login_failures_forget(*, username: str, ip_address: str | None) -> None:
    """After a successful login: forget the failed logins of this username from this address (a
    person's own typos), and only those, so a login to one account never clears the failures
    counted against another account or against the address itself for other names."""
    AccessAttempt.objects.filter(username=username, ip_address=ip_address).delete()


# --- passwords ----------------------------------------------------------------------------------


def _validate_password(password: str, user: Any) -> None:
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        raise InvalidInput("password: " + " ".join(error.messages), extra={"errors": {"password": error.messages}}) from error


@transaction.atomic
def password_change(*, user: Any, new_password: str, keep_token: ApiToken | None = None) -> None:
    """Set the user's password (the caller checked the current one), lift a one-time password's
    restriction, and revoke the user's API tokens but `keep_token` (the one the change was made
    with): whoever knew the old password, a one-time one included, keeps no token made with it.
    Other sessions end by themselves (Django checks each session against the password hash)."""
    _validate_password(new_password, user)
    user.set_password(new_password)
    user.save(update_fields=["password"])
    Account.objects.filter(user=user).update(password_change_required=False)
    ApiToken.objects.filter(user_id=user.pk).exclude(pk=getattr(keep_token, "pk", None)).delete()


def _new_user(*, username: str, password: str, validate_password: bool = True) -> Any:
    """A new active user (Django's username rules; the password validators unless told not to,
    for a generated one-time password)."""
    User = get_user_model()
    user = User(username=username)
    try:
        user.full_clean(exclude=["password"])
    except ValidationError as error:
        raise InvalidInput(
            "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items()),
            extra={"errors": error.message_dict},
        ) from error
    if validate_password:
        _validate_password(password, user)
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError as error:  # a concurrent sign-up with the same name
        raise InvalidInput(f"username: the username {username!r} is taken") from error
    return user


def _one_time_password() -> str:
    return secrets.token_urlsafe(12)


@transaction.atomic
def account_create(*, created_by: Any, username: str, project: Project | None = None, role: str | None = None) -> tuple[Any, str]:
    """Create an account with a one-time password (returned once) that must be changed at first
    login; with a project, the new user joins it with `role`."""
    if project is not None and role not in Role.values:
        raise InvalidInput(f"role must be one of {', '.join(Role.values)}")
    password = _one_time_password()
    user = _new_user(username=username, password=password, validate_password=False)
    Account.objects.create(user=user, password_change_required=True, created_by=created_by)
    if project is not None:
        Membership.objects.create(project=project, user=user, role=role)
        notify_membership_changed(project_id=project.pk, user_id=user.pk)
    return user, password


# --- invitations --------------------------------------------------------------------------------


def invitation_create(*, project: Project, role: str, created_by: Any, note: str = "") -> tuple[Invitation, str]:
    """A single-use invitation into the project with a role, valid MASKLET["INVITATION_TTL_HOURS"];
    returns the row and the secret key of its link (stored only as a digest)."""
    if role not in Role.values:
        raise InvalidInput(f"role must be one of {', '.join(Role.values)}")
    key = secrets.token_urlsafe(32)
    hours = settings.MASKLET["INVITATION_TTL_HOURS"]
    invitation = Invitation.objects.create(
        project=project, role=role, note=note[:200], created_by=created_by,
        digest=invitation_digest(key), expires_at=timezone.now() + timedelta(hours=hours),
    )
    return invitation, key


def invitation_revoke(*, invitation: Invitation) -> None:
    if invitation.accepted_at is not None:
        raise Conflict("this invitation was already accepted")
    invitation.delete()


def _claim(invitation: Invitation) -> Invitation:
    """Lock the invitation row and check it can still be used (single use, not expired)."""
    locked = Invitation.objects.select_for_update().filter(pk=invitation.pk).first()
    if locked is None:
        raise NotFound("no such invitation")
    if locked.accepted_at is not None:
        raise Conflict("this invitation was already used")
    if locked.expires_at <= timezone.now():
        raise Conflict("this invitation has expired: ask the project's manager for a new one")
    return locked


def _join(invitation: Invitation, user: Any) -> Membership:
    membership, created = Membership.objects.get_or_create(
        project_id=invitation.project_id, user=user, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    notify_membership_changed(project_id=invitation.project_id, user_id=user.pk)
    return membership


@transaction.atomic
def invitation_accept(*, invitation: Invitation, username: str, password: str) -> Any:
    """Create the invited person's account (username and password of their choice) and add it
    to the project with the invitation's role; the invitation cannot be used again."""
    invitation = _claim(invitation)
    user = _new_user(username=username, password=password)
    _join(invitation, user)
    return user


@transaction.atomic
def invitation_accept_as(*, invitation: Invitation, user: Any) -> Membership:
    """An existing, logged-in user joins the project through the invitation (a member already
    keeps the role they have)."""
    invitation = _claim(invitation)
    return _join(invitation, user)
