"""Accounts: API tokens (hashed at rest, expiring), accounts that must change a one-time password,
and invitations into a project."""

from __future__ import annotations

from django.conf import settings as django_settings
from django.db import models
from knox.models import AbstractAuthToken, AuthTokenManager

from annotation.models.projects import Project, Role


class ApiTokenManager(AuthTokenManager):
    """knox's manager (`create` returns the row and the key)."""

    def get_queryset(self) -> models.QuerySet[ApiToken]:
        # knox finds the presented token with `.select_related("user")`; the user's Account comes
        # in the same query, so the one-time-password check costs no query of its own.
        return super().get_queryset().select_related("user__masklet_account")


class ApiToken(AbstractAuthToken):
    """An API token (django-rest-knox's model, KNOX_TOKEN_MODEL): only its SHA-512 digest and its
    first characters (`token_key`, to find the row) are stored; the key is shown once, at creation.
    A numeric id (instead of knox's digest primary key) names a token in URLs without revealing
    its digest; `name` and `last_used` help its owner recognise it."""

    id = models.BigAutoField(primary_key=True)
    digest = models.CharField(max_length=128, unique=True)
    name = models.CharField(max_length=100, blank=True, default="")
    last_used = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenManager()

    class Meta:
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return f"{self.token_key}… ({self.user_id})"


class Account(models.Model):
    """What Masklet keeps about a user beyond django.contrib.auth's User: whether the password is
    a one-time password a manager handed out, to be changed before anything else."""

    user = models.OneToOneField(
        django_settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="masklet_account"
    )
    password_change_required = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        django_settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"account of {self.user_id}"


class Invitation(models.Model):
    """A single-use, expiring link into a project with a role. Only the SHA-256 digest of the
    link's secret is stored; the link is shown once, to the manager who made it."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="invitations")
    role = models.CharField(max_length=16, choices=Role.choices)
    digest = models.CharField(max_length=64, unique=True)
    note = models.CharField(max_length=200, blank=True, default="")
    created_by = models.ForeignKey(
        django_settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        django_settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"invitation {self.pk} to {self.project_id} as {self.role}"
