"""The one permission policy of Masklet: views, list filtering and websocket consumers all ask here.

Rules:
- a user outside a project learns nothing of it: its objects are filtered out of every list and
  answer 404 (selectors scope every query by `visible_projects`);
- managers do everything inside their project;
- annotators edit masks, masklets and run jobs only in videos of tasks assigned to them that are
  open for work (new, in progress or rejected);
- annotators write masks only on the frames of those tasks (task.frame_start..frame_end, inclusive;
  no end = to the video's last frame): `annotator_frame_ranges` names them, `frame_write_refusal`
  words the refusal;
- reviewers verify or reject masklets, accept or reject tasks, and file review issues;
- a review issue's text is changed by its author only; it is resolved or reopened by anyone who may
  comment on it (reviewers, managers and the video's annotators);
- a task's conversation (its activity feed) belongs to its assignee, its reviewer and the managers;
- a job is cancelled by its author or the project's managers;
- site admins (Django's `is_staff`, e.g. made by `manage.py createsuperuser`) know every user and
  create accounts without a project; everyone else learns only the usernames of people who share a
  project with them;
- only managers (of any project) and site admins may list users, to pick members;
- a project's managers invite people into it (links, or accounts with a one-time password).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from annotation.models import Job, Membership, Project, ReviewIssue, Task, Video
from annotation.models.projects import Role
from annotation.models.tasks import TaskState

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    AnyUser = AbstractBaseUser | AnonymousUser

WORKABLE_TASK_STATES = (TaskState.NEW, TaskState.IN_PROGRESS, TaskState.REJECTED)


def visible_projects(user: AnyUser) -> QuerySet[Project]:
    """Projects the user is a member of, in any role."""
    if not user.is_authenticated:
        return Project.objects.none()
    return Project.objects.filter(memberships__user=user)


def role_in(user: AnyUser, project: Project | int) -> str | None:
    """The user's role in the project, or None for an outsider."""
    if not user.is_authenticated:
        return None
    project_id = project if isinstance(project, int) else project.pk
    cache: dict[int, str | None] = user.__dict__.setdefault("_masklet_roles", {})
    if project_id not in cache:
        cache[project_id] = (
            Membership.objects.filter(project_id=project_id, user=user).values_list("role", flat=True).first()
        )
    return cache[project_id]


def is_member(user: AnyUser, project: Project | int) -> bool:
    return role_in(user, project) is not None


def can_manage(user: AnyUser, project: Project | int) -> bool:
    return role_in(user, project) == Role.MANAGER


def can_review(user: AnyUser, project: Project | int) -> bool:
    return role_in(user, project) in (Role.MANAGER, Role.REVIEWER)


def can_annotate(user: AnyUser, video: Video) -> bool:
    """Edit masks and masklets, click, propagate and run automatic masklets on this video."""
    role = role_in(user, video.project_id)
    if role == Role.MANAGER:
        return True
    if role != Role.ANNOTATOR:
        return False
    return Task.objects.filter(video=video, assignee=user, state__in=WORKABLE_TASK_STATES).exists()


def can_comment(user: AnyUser, video: Video) -> bool:
    """Reply to or resolve review issues: reviewers, managers, and the video's annotators."""
    role = role_in(user, video.project_id)
    if role in (Role.MANAGER, Role.REVIEWER):
        return True
    return role == Role.ANNOTATOR and Task.objects.filter(video=video, assignee=user).exists()


def can_edit_issue_text(user: AnyUser, issue: ReviewIssue) -> bool:
    """Only the issue's author rewrites what it says (the author stays the one who filed it)."""
    return user.is_authenticated and issue.author_id == user.pk and is_member(user, issue.video.project_id)


def can_resolve_issue(user: AnyUser, issue: ReviewIssue) -> bool:
    """Resolve or reopen: whoever may comment on the issue's video."""
    return can_comment(user, issue.video)


def annotator_frame_ranges(user: AnyUser, video: Video) -> list[tuple[int, int]] | None:
    """The frames (annotated-frame indices, both ends inclusive, merged and sorted) on which the
    user may write masks of this video; None: every frame (a manager)."""
    if role_in(user, video.project_id) == Role.MANAGER:
        return None
    last = max(video.frame_count - 1, 0)
    spans = sorted(
        (start, last if end is None else min(end, last))
        for start, end in Task.objects.filter(
            video=video, assignee=user, state__in=WORKABLE_TASK_STATES
        ).values_list("frame_start", "frame_end")
    )
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if start > end:
            continue
        if merged and start <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def describe_frame_ranges(ranges: Iterable[tuple[int, int]]) -> str:
    words = [f"{start}" if start == end else f"{start} to {end}" for start, end in ranges]
    return ", ".join(words) if words else "none"


def frame_write_refusal(user: AnyUser, video: Video, frames: Iterable[int]) -> str | None:
    """None when the user may write masks on every one of `frames`; else the 403 message, which
    names the frames the user's tasks allow."""
    ranges = annotator_frame_ranges(user, video)
    if ranges is None:
        return None
    # A frame outside the video is bad input, which the services answer with a 400.
    inside_video = {f for f in frames if 0 <= f < video.frame_count}
    outside = sorted(f for f in inside_video if not any(lo <= f <= hi for lo, hi in ranges))
    if not outside:
        return None
    shown = ", ".join(str(f) for f in outside[:5]) + (" …" if len(outside) > 5 else "")
    which = f"Frames {shown} are" if len(outside) > 1 else f"Frame {shown} is"
    return (
        f"{which} outside your tasks on this video: you may edit frames "
        f"{describe_frame_ranges(ranges)} only."
    )


def frame_bounds(user: AnyUser, video: Video, frame: int) -> tuple[int, int] | None:
    """The frames a propagation or automatic-masklet job started by the user on `frame` may
    write: the user's task range holding that frame (inclusive), None for no limit (a manager).
    A frame outside every range gives (frame, frame): callers ask `frame_write_refusal` first."""
    ranges = annotator_frame_ranges(user, video)
    if ranges is None:
        return None
    for lo, hi in ranges:
        if lo <= frame <= hi:
            return (lo, hi)
    return (frame, frame)


def can_transition_task(user: AnyUser, task: Task, action: str) -> bool:
    role = role_in(user, task.project_id)
    if role == Role.MANAGER:
        return True
    if action in ("start", "submit"):
        return role == Role.ANNOTATOR and task.assignee_id == user.pk
    if action in ("accept", "reject"):
        return role == Role.REVIEWER and task.reviewer_id in (None, user.pk)
    return False


def can_discuss_task(user: AnyUser, task: Task) -> bool:
    """Read and write a task's activity feed: its assignee, its reviewer and the project's managers."""
    if not user.is_authenticated:
        return False
    return can_manage(user, task.project_id) or user.pk in (task.assignee_id, task.reviewer_id)


def can_set_masklet_status(user: AnyUser, video: Video, status: str) -> bool:
    """Reviewers verify and reject; annotators send back to draft or ask for verification."""
    if status in ("verified", "rejected"):
        return can_review(user, video.project_id)
    return can_annotate(user, video)


def can_cancel_job(user: AnyUser, job: Job) -> bool:
    return can_manage(user, job.project_id) or (user.is_authenticated and job.created_by_id == user.pk)


def is_site_admin(user: AnyUser) -> bool:
    """Site admins are Django staff (`is_staff`): they see every user and create accounts anywhere."""
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def can_list_users(user: AnyUser) -> bool:
    """Managers pick people for their projects; other users learn no user names."""
    if not user.is_authenticated:
        return False
    return is_site_admin(user) or Membership.objects.filter(user=user, role=Role.MANAGER).exists()


def can_invite(user: AnyUser, project: Project | int) -> bool:
    """Invite people into the project, or create accounts in it: its managers."""
    return can_manage(user, project)


def can_create_accounts(user: AnyUser) -> bool:
    """Create an account outside any project: site admins only (managers create them in a project)."""
    return is_site_admin(user)
