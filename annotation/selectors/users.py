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


def user_known_to(user: Any, other: int | str) -> bool:
    """Whether `user` may learn of the user with this id or username: they share a project, or
    `user` is a site admin (anyone else is invited, or given an account, instead)."""
    lookup = {"pk": other} if isinstance(other, int) else {"username": other}
    return users_list(user).filter(**lookup).exists()
