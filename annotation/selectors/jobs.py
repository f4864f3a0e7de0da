"""Jobs as project members see them, and the file a finished export wrote."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from annotation.models import Job, Video
from annotation.models.jobs import JobKind, JobStatus
from annotation.permissions import visible_projects
from annotation.selectors.base import get_or_404

if TYPE_CHECKING:
    from annotation.permissions import AnyUser

# A video's job list shows this many; older jobs stay reachable by id.
VIDEO_JOBS_SHOWN = 50


def jobs_for(user: AnyUser) -> QuerySet[Job]:
    return Job.objects.filter(project__in=visible_projects(user))


def jobs_of_video(user: AnyUser, video: Video) -> QuerySet[Job]:
    """The video's latest `VIDEO_JOBS_SHOWN` jobs, newest first."""
    return jobs_for(user).filter(video=video)[:VIDEO_JOBS_SHOWN]


def job_get(user: AnyUser, pk: Any) -> Job:
    return get_or_404(jobs_for(user), pk, "job")


def export_file_name(job: Job) -> str | None:
    """The storage name of the file a succeeded export job wrote, or None for any other job."""
    name = (job.result or {}).get("path")
    if job.kind != JobKind.EXPORT or job.status != JobStatus.SUCCEEDED or not name:
        return None
    return name
