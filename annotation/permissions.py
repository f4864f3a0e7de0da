"""The one permission policy of Masklet: views, list filtering and websocket consumers all ask here.

Rules:
- a user outside a project learns nothing of it: its objects are filtered out of every list and
  answer 404 (selectors scope every query by `visible_projects`);
- managers do everything inside their project;
- annotators edit masks, masklets and run jobs only in videos of tasks assigned to them that are
  open for work (new, in progress or rejected);
- reviewers verify or reject masklets, accept or reject tasks, and file review issues;
- a task's conversation (its activity feed) belongs to its assignee, its reviewer and the managers;
- a job is cancelled by its author or the project's managers;
- site admins (Django's `is_staff`, e.g. made by `manage.py createsuperuser`) know every user and
  create accounts without a project; everyone else learns only the usernames of people who share a
  project with them;
- only managers (of any project) and site admins may list users, to pick members;
- a project's managers invite people into it (links, or accounts with a one-time password).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from annotation.models import Job, Membership, Project, Task, Video
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
