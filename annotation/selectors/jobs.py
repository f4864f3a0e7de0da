"""Jobs as project members see them, and the file a finished export wrote."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Case, Count, IntegerField, OuterRef, QuerySet, Subquery, When

from annotation.models import Job, Video
from annotation.models.jobs import KIND_QUEUES, JobKind, JobStatus
from annotation.permissions import visible_projects
from annotation.selectors.base import get_or_404

if TYPE_CHECKING:
    from annotation.permissions import AnyUser

# A video's job list shows this many; older jobs stay reachable by id.
VIDEO_JOBS_SHOWN = 50


def kinds_by_queue() -> dict[str, list[str]]:
    """The job kinds that wait on each Celery queue."""
    queues: dict[str, list[str]] = {}
    for kind, queue in KIND_QUEUES.items():
        queues.setdefault(queue, []).append(str(kind))
    return queues


def kinds_sharing_queue_with(kind: str) -> list[str]:
    return kinds_by_queue()[KIND_QUEUES[kind]]


def queued_up_to(job_id: Any, kinds: list[str]) -> Subquery:
    """Expression: how many jobs of `kinds` wait (`queued`) with an id up to `job_id`. For a
    waiting job and the kinds of its queue this is its place in line, 1 = the next to start: a
    queue is one first-in, first-out list in Redis, so jobs start in id order."""
    return Subquery(
        Job.objects.filter(status=JobStatus.QUEUED, kind__in=kinds, pk__lte=job_id)
        .order_by()
        .values("status")
        .annotate(n=Count("pk"))
        .values("n"),
        output_field=IntegerField(),
    )


def jobs_for(user: AnyUser) -> QuerySet[Job]:
    """The user's jobs, each with `queue_position`: its place among the jobs waiting on its queue
    (1 = next), or None once it runs or has finished."""
    return Job.objects.filter(project__in=visible_projects(user)).select_related("provenance").annotate(
        queue_position=Case(
            *(
                When(status=JobStatus.QUEUED, kind__in=kinds, then=queued_up_to(OuterRef("pk"), kinds))
                for kinds in kinds_by_queue().values()
            ),
            default=None,
            output_field=IntegerField(),
        )
    )


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
