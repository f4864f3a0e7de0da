"""Projects as their members see them, their memberships, labels and settings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Count, OuterRef, QuerySet, Subquery

from annotation.models import Label, Membership, Project
from annotation.permissions import visible_projects
from annotation.project_settings import ProjectSettings, settings_from_stored
from annotation.selectors.base import get_or_404

if TYPE_CHECKING:
    from annotation.permissions import AnyUser

def project_settings(project: Project) -> ProjectSettings:
    """The project's parameters, typed, with defaults filled in (annotation/project_settings.py)."""
    return settings_from_stored(project.settings)


def projects_for(user: AnyUser) -> QuerySet[Project]:
    """The user's projects, each with `my_role` (the user's role in it) and `video_count`."""
    if not user.is_authenticated:
        return Project.objects.none()
    my_role = Membership.objects.filter(project=OuterRef("pk"), user=user).values("role")[:1]
    return (
        visible_projects(user)
        .distinct()
        .annotate(my_role=Subquery(my_role), video_count=Count("videos", distinct=True))
    )


def project_get(user: AnyUser, pk: Any) -> Project:
    return get_or_404(projects_for(user), pk, "project")


def memberships_of(project: Project) -> QuerySet[Membership]:
    return Membership.objects.filter(project=project).select_related("user")


def labels_of(project: Project) -> QuerySet[Label]:
    return Label.objects.filter(project=project)


def label_get(user: AnyUser, pk: Any) -> Label:
    return get_or_404(
        Label.objects.filter(project__in=visible_projects(user)).select_related("project"), pk, "label"
    )
