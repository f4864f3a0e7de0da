"""Tasks and their state machine: new → in_progress → submitted → accepted | rejected → in_progress."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from annotation.models import Membership, Project, Task, TaskComment, TaskTransition, Video
from annotation.models.projects import Role
from annotation.models.tasks import TaskState
from annotation.realtime.publish import publish
from annotation.services.errors import Conflict, InvalidInput
from annotation.services.webhooks import webhooks_emit

# action -> (states it may start from, state it leads to)
TASK_TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "start": ((TaskState.NEW, TaskState.REJECTED), TaskState.IN_PROGRESS),
    "submit": ((TaskState.IN_PROGRESS,), TaskState.SUBMITTED),
    "accept": ((TaskState.SUBMITTED,), TaskState.ACCEPTED),
    "reject": ((TaskState.SUBMITTED,), TaskState.REJECTED),
}


def _member_with_role(project: Project, user_id: int | None, roles: tuple[str, ...], what: str) -> Any:
    if user_id is None:
        return None
    membership = Membership.objects.filter(project=project, user_id=user_id).select_related("user").first()
    if membership is None or membership.role not in roles:
        raise InvalidInput(f"the {what} must be a project member with role {' or '.join(roles)}")
    return membership.user


def _check_range(video: Video, frame_start: int, frame_end: int | None) -> None:
    last = video.frame_count - 1
    if frame_start < 0 or (video.frame_count and frame_start > last):
        raise InvalidInput(f"frame_start must be between 0 and {last}")
    if frame_end is not None and (frame_end < frame_start or (video.frame_count and frame_end > last)):
        raise InvalidInput(f"frame_end must be between frame_start and {last}")


@transaction.atomic
def task_create(
    *,
    project: Project,
    video: Video,
    frame_start: int = 0,
    frame_end: int | None = None,
    assignee: int | None = None,
    reviewer: int | None = None,
) -> Task:
    if video.project_id != project.pk:
        raise InvalidInput("the video belongs to another project")
    _check_range(video, frame_start, frame_end)
    task = Task.objects.create(
        project=project,
        video=video,
        frame_start=frame_start,
        frame_end=frame_end,
        assignee=_member_with_role(project, assignee, (Role.ANNOTATOR, Role.MANAGER), "assignee"),
        reviewer=_member_with_role(project, reviewer, (Role.REVIEWER, Role.MANAGER), "reviewer"),
    )
    publish({"type": "review.changed", "video": video.pk, "issue": None, "task": task.pk, "masklet": None})
    return task


@transaction.atomic
def task_update(*, task: Task, **fields: Any) -> Task:
    task = Task.objects.select_for_update().get(pk=task.pk)
    if "assignee" in fields:
        task.assignee = _member_with_role(task.project, fields["assignee"], (Role.ANNOTATOR, Role.MANAGER), "assignee")
    if "reviewer" in fields:
        task.reviewer = _member_with_role(task.project, fields["reviewer"], (Role.REVIEWER, Role.MANAGER), "reviewer")
    if "frame_start" in fields or "frame_end" in fields:
        task.frame_start = fields.get("frame_start", task.frame_start)
        task.frame_end = fields.get("frame_end", task.frame_end)
        _check_range(task.video, task.frame_start, task.frame_end)
    task.save()
    publish({"type": "review.changed", "video": task.video_id, "issue": None, "task": task.pk, "masklet": None})
    return task


@transaction.atomic
def task_transition(*, task: Task, action: str, user: Any, comment: str = "") -> Task:
    """Apply `action`; an action the current state does not allow raises Conflict (409)."""
    if action not in TASK_TRANSITIONS:
        raise InvalidInput(f"action must be one of {', '.join(TASK_TRANSITIONS)}")
    task = Task.objects.select_for_update().get(pk=task.pk)
    sources, target = TASK_TRANSITIONS[action]
    if task.state not in sources:
        raise Conflict(f"a task that is {task.state} cannot be {action}ed" if action != "submit" else f"a task that is {task.state} cannot be submitted")
    if action == "reject" and not comment.strip():
        raise InvalidInput("say why the task is rejected (comment)")
    TaskTransition.objects.create(task=task, action=action, from_state=task.state, to_state=target, user=user, comment=comment)
    task.state = target
    task.save(update_fields=["state", "updated_at"])
    publish({"type": "review.changed", "video": task.video_id, "issue": None, "task": task.pk, "masklet": None})
    if action in ("submit", "accept", "reject"):
        webhooks_emit(task.project_id, f"task.{target}", {
            "task": task.pk, "video": task.video_id, "frame_start": task.frame_start, "frame_end": task.frame_end,
            "state": target, "by": getattr(user, "username", None), "comment": comment,
        })
    return task


def task_delete(*, task: Task) -> None:
    task.delete()


@transaction.atomic
def task_comment_create(*, task: Task, author: Any, text: str) -> TaskComment:
    """Add a message to the task's conversation; the task's members see it live (review.changed)."""
    text = text.strip()
    if not text:
        raise InvalidInput("write something (text)")
    if len(text) > 5000:
        raise InvalidInput("a comment has at most 5000 characters")
    comment = TaskComment(task=task, author=author, text=text)
    comment.full_clean()
    comment.save()
    publish({"type": "review.changed", "video": task.video_id, "issue": None, "task": task.pk, "masklet": None})
    return comment

