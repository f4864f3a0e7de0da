"""Input and output serializers of the account endpoints (tokens, passwords, accounts, invitations)."""

from __future__ import annotations

from rest_framework import serializers

from annotation.api.serializers import LoginIn
from annotation.models.projects import Role


class TokenIn(serializers.Serializer):
    name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")


class LoginTokenIn(LoginIn):
    """Credentials, and a name to recognise the token by in the token list."""

    name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")


class NewTokenOut(serializers.Serializer):
    """A token just made: `token` is the key, shown this once (only its digest is stored)."""

    id = serializers.IntegerField(read_only=True)
    token = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    created = serializers.DateTimeField(read_only=True)
    expiry = serializers.DateTimeField(read_only=True, allow_null=True)


class ApiTokenOut(serializers.Serializer):
    """A token as its owner lists it: never the key, only its first characters (`prefix`)."""

    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    prefix = serializers.CharField(read_only=True, source="token_key", help_text="the key's first characters")
    created = serializers.DateTimeField(read_only=True)
    expiry = serializers.DateTimeField(read_only=True, allow_null=True)
    last_used = serializers.DateTimeField(read_only=True, allow_null=True)
    current = serializers.BooleanField(read_only=True, help_text="the token this request was made with")


class RevokedOut(serializers.Serializer):
    revoked = serializers.IntegerField(read_only=True)


class PasswordChangeIn(serializers.Serializer):
    current_password = serializers.CharField(trim_whitespace=False)
    new_password = serializers.CharField(trim_whitespace=False)


class AccountIn(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    project = serializers.IntegerField(required=False, allow_null=True, default=None, help_text="project to join (managers must give one they manage)")
    role = serializers.ChoiceField(choices=Role.choices, required=False, allow_null=True, default=None)


class AccountOut(serializers.Serializer):
    """A new account: `one_time_password` is shown this once and must be changed at first login."""

    id = serializers.IntegerField(read_only=True)
    username = serializers.CharField(read_only=True)
    one_time_password = serializers.CharField(read_only=True)


class InvitationIn(serializers.Serializer):
    role = serializers.ChoiceField(choices=Role.choices)
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="", help_text="who it is for (shown to managers)")


class InvitationOut(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    role = serializers.ChoiceField(choices=Role.choices, read_only=True)
    note = serializers.CharField(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    expires_at = serializers.DateTimeField(read_only=True)
    created_by = serializers.CharField(read_only=True, source="created_by.username", allow_null=True, default=None)


class NewInvitationOut(InvitationOut):
    """An invitation just made: `url` is the single-use link, shown this once."""

    url = serializers.CharField(read_only=True)


class InvitationPublicOut(serializers.Serializer):
    """What an invitation link tells whoever holds it."""

    project_name = serializers.CharField(read_only=True, source="project.name")
    role = serializers.ChoiceField(choices=Role.choices, read_only=True)
    expires_at = serializers.DateTimeField(read_only=True)
    invited_by = serializers.CharField(read_only=True, source="created_by.username", allow_null=True, default=None)


class InvitationAcceptIn(serializers.Serializer):
    """A new account's username and password; empty when a logged-in user joins as themselves."""

    username = serializers.CharField(max_length=150, required=False)
    password = serializers.CharField(required=False, trim_whitespace=False)


class JoinedOut(serializers.Serializer):
    id = serializers.IntegerField(read_only=True, help_text="the user's id")
    username = serializers.CharField(read_only=True)
    project = serializers.IntegerField(read_only=True)
    role = serializers.ChoiceField(choices=Role.choices, read_only=True)

