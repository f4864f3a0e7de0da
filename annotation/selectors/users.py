"""People who can be picked as members, assignees and reviewers."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import QuerySet


def users_list() -> QuerySet:
    """Active users by username."""
    return get_user_model().objects.filter(is_active=True).order_by("username")
