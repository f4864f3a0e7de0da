"""Tasks as project members see them, and a user's own queue."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from annotation.models import FrameMask, Project, Task, TaskComment, TaskTransition
from annotation.permissions import visible_projects
from annotation.selectors.base import get_or_404

if TYPE_CHECKING:
    from annotation.permissions import AnyUser


def _annotated_frames_in_range() -> Subquery:
    """Distinct frames of the task's range where some masklet of its video has a non-empty mask."""
    masks = (
        FrameMask.objects.filter(
            masklet__video_id=OuterRef("video_id"),
            area__gt=0,
            frame__gte=OuterRef("frame_start"),
            frame__lte=OuterRef("last_frame"),
        )
        .order_by()
        .values("masklet__video_id")
        .annotate(n=Count("frame", distinct=True))
        .values("n")
    )
    return Subquery(masks, output_field=IntegerField())


def tasks_for(user: AnyUser) -> QuerySet[Task]:
    """The user's tasks with their video and people joined, `masklet_count` (the video's) and
    progress: `annotated_frames` of `frame_total` frames in the task's range."""
    return (
        Task.objects.filter(project__in=visible_projects(user))
        .select_related("video", "assignee", "reviewer")
        .annotate(
            masklet_count=Count("video__masklets", distinct=True),
            last_frame=Coalesce("frame_end", F("video__frame_count") - 1),
        )
        .annotate(
            annotated_frames=Coalesce(_annotated_frames_in_range(), Value(0)),
            frame_total=F("last_frame") - F("frame_start") + 1,
        )
    )


def tasks_of(user: AnyUser, project: Project) -> QuerySet[Task]:
    return tasks_for(user).filter(project=project)


def my_tasks(user: AnyUser) -> QuerySet[Task]:
    """The user's queue: tasks the user is assigned to or reviews."""
    return tasks_for(user).filter(Q(assignee=user) | Q(reviewer=user))


def task_get(user: AnyUser, pk: Any) -> Task:
    return get_or_404(tasks_for(user), pk, "task")


def task_activity(task: Task) -> list[dict[str, Any]]:
    """The task's history, oldest first: its creation, every state change and every comment, with
    who and when (`kind` is "created", "transition" or "comment")."""
    entries: list[dict[str, Any]] = [
        {"kind": "created", "action": "", "from_state": "", "to_state": "new", "user": None, "text": "", "created_at": task.created_at}
    ]
    for t in TaskTransition.objects.filter(task=task).select_related("user"):
        entries.append({
            "kind": "transition", "action": t.action, "from_state": t.from_state, "to_state": t.to_state,
            "user": t.user.get_username() if t.user else None, "text": t.comment, "created_at": t.created_at,
        })
    for c in TaskComment.objects.filter(task=task).select_related("author"):
        entries.append({
            "kind": "comment", "action": "", "from_state": "", "to_state": "",
            "user": c.author.get_username() if c.author else None, "text": c.text, "created_at": c.created_at,
        })
    entries.sort(key=lambda e: e["created_at"])
    return entries

