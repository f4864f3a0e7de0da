"""Domain model (ARCHITECTURE.md): projects and people, videos, tasks, masklets, jobs, review, accounts,
quality (QA flags, ground truth)."""

from annotation.models.accounts import Account, ApiToken, Invitation
from annotation.models.jobs import Job
from annotation.models.masklets import FrameMask, Masklet, Prompt
from annotation.models.projects import Label, Membership, Project
from annotation.models.quality import GroundTruth, QAFlag
from annotation.models.review import ReviewComment, ReviewIssue
from annotation.models.tasks import Task, TaskTransition
from annotation.models.videos import Video

__all__ = [
    "Account",
    "ApiToken",
    "Invitation",
    "FrameMask",
    "GroundTruth",
    "Job",
    "Label",
    "Masklet",
    "Membership",
    "Project",
    "Prompt",
    "QAFlag",
    "ReviewComment",
    "ReviewIssue",
    "Task",
    "TaskTransition",
    "Video",
]
