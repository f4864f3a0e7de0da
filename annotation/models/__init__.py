"""Domain model (ARCHITECTURE.md): projects and people, videos, tasks, masklets, jobs, review, accounts,
quality (QA flags, ground truth)."""

from annotation.models.accounts import Account, ApiToken, Invitation
from annotation.models.analytics import Interaction, InteractionKind
from annotation.models.delivery import Export, Webhook, WebhookDelivery
from annotation.models.jobs import Job
from annotation.models.masklets import FrameMask, Masklet, Prompt
from annotation.models.projects import Label, Membership, Project
from annotation.models.provenance import ModelProvenance
from annotation.models.quality import GroundTruth, QAFlag
from annotation.models.review import ReviewComment, ReviewIssue
from annotation.models.tasks import Task, TaskComment, TaskTransition
from annotation.models.videos import Video

__all__ = [
    "Account",
    "ApiToken",
    "Invitation",
    "Export",
    "FrameMask",
    "Interaction",
    "InteractionKind",
    "GroundTruth",
    "Job",
    "Label",
    "Masklet",
    "Membership",
    "ModelProvenance",
    "Project",
    "Prompt",
    "QAFlag",
    "ReviewComment",
    "ReviewIssue",
    "Task",
    "TaskComment",
    "TaskTransition",
    "Video",
    "Webhook",
    "WebhookDelivery",
]
