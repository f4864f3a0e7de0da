"""Domain model (ARCHITECTURE.md): projects and people, videos, tasks, masklets, jobs, review, accounts."""

from annotation.models.accounts import Account, ApiToken, Invitation
from annotation.models.jobs import Job
from annotation.models.masklets import FrameMask, Masklet, Prompt
from annotation.models.projects import Label, Membership, Project
from annotation.models.review import ReviewComment, ReviewIssue
from annotation.models.tasks import Task, TaskComment, TaskTransition
from annotation.models.videos import Video

__all__ = [
    "Account",
    "ApiToken",
    "Invitation",
    "FrameMask",
    "Job",
    "Label",
    "Masklet",
    "Membership",
    "Project",
    "Prompt",
    "ReviewComment",
    "ReviewIssue",
    "Task",
    "TaskComment",
    "TaskTransition",
    "Video",
]
