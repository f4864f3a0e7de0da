"""Tasks as project members see them, and a user's own queue."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q, QuerySet

from annotation.models import Project, Task
from annotation.permissions import visible_projects
from annotation.selectors.base import get_or_404

if TYPE_CHECKING:
    from annotation.permissions import AnyUser


def tasks_for(user: AnyUser) -> QuerySet[Task]:
    """The user's tasks with their video and people joined and `masklet_count` (the video's)."""
    return (
        Task.objects.filter(project__in=visible_projects(user))
        .select_related("video", "assignee", "reviewer")
        .annotate(masklet_count=Count("video__masklets", distinct=True))
    )


def tasks_of(user: AnyUser, project: Project) -> QuerySet[Task]:
    return tasks_for(user).filter(project=project)


def my_tasks(user: AnyUser) -> QuerySet[Task]:
    """The user's queue: tasks the user is assigned to or reviews."""
    return tasks_for(user).filter(Q(assignee=user) | Q(reviewer=user))


def task_get(user: AnyUser, pk: Any) -> Task:
    return get_or_404(tasks_for(user), pk, "task")
