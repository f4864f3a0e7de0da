"""People who can be picked as members, assignees and reviewers."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from annotation.permissions import is_site_admin, visible_projects


def users_list(user: Any) -> QuerySet:
    """Active users by username that `user` may know of: those who share a project with them
    (themselves included); site admins know everyone."""
    users = get_user_model().objects.filter(is_active=True)
    if not is_site_admin(user):
        users = users.filter(memberships__project__in=visible_projects(user)).distinct()
    return users.order_by("username")


def user_visible(user: Any, other: Any) -> bool:
    """Whether `user` may learn of `other` (share a project with them, or be a site admin)."""
    return users_list(user).filter(pk=other.pk).exists() or other.pk == getattr(user, "pk", None)
