"""Jobs: long work run by Celery workers, with progress, cancellation and resumption.

These services write Job rows (create, enqueue after commit, start, progress, finish, cancel).
How a worker runs a job (its lock, heartbeat, the registry of kinds, recovery of a dead
worker's job) lives in `annotation/jobs/`.
"""

from __future__ import annotations

from typing import Any

from celery import current_app
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from annotation.jobs.registry import job_route
from annotation.models import Job, Project, Video
from annotation.models.jobs import FINISHED_STATUSES, JobStatus
from annotation.realtime.publish import publish
from annotation.services.errors import Conflict


def job_enqueue(*, job: Job) -> None:
    """Send the job to its queue once the current transaction commits."""
    route = job_route(job.kind)
    job_id = job.pk
    transaction.on_commit(lambda: current_app.send_task(route.task, args=[job_id], queue=route.queue))


@transaction.atomic
def job_create(
    *, project: Project, kind: str, user: Any = None, video: Video | None = None, params: dict | None = None
) -> Job:
    job = Job.objects.create(project=project, video=video, kind=kind, params=params or {}, created_by=user)
    job_enqueue(job=job)
    return job


def _progress_event(job: Job, frame: int | None) -> None:
    if job.video_id is None:
        return
    publish(
        {
            "type": "job.progress",
            "video": job.video_id,
            "job": job.pk,
            "kind": job.kind,
            "progress": round(job.progress, 4),
            "frame": frame,
        }
    )


def job_start(*, job: Job) -> Job:
    """Mark a job running (again, when resumed); count the attempt."""
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, started_at=job.started_at or timezone.now(), attempts=F("attempts") + 1
    )
    job.refresh_from_db()
    _progress_event(job, None)
    return job


def job_progress(
    *, job: Job, progress: float, frame: int | None = None, checkpoint: dict | None = None
) -> None:
    """Record progress (0..1) and where to resume; announce it to the video's watchers."""
    job.progress = max(0.0, min(1.0, progress))
    fields: dict[str, Any] = {"progress": job.progress}
    if checkpoint is not None:
        job.checkpoint = checkpoint
        fields["checkpoint"] = checkpoint
    Job.objects.filter(pk=job.pk).update(**fields)
    _progress_event(job, frame)


def job_is_cancelled(*, job_id: int) -> bool:
    return Job.objects.filter(pk=job_id, cancel_requested=True).exists()


@transaction.atomic
def job_finish(*, job: Job, status: str, error: str = "", result: dict | None = None) -> Job:
    job = Job.objects.select_for_update().get(pk=job.pk)
    if job.status in FINISHED_STATUSES:
        return job
    job.status = status
    job.error = error
    if result is not None:
        job.result = result
    if status == JobStatus.SUCCEEDED:
        job.progress = 1.0
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "error", "result", "progress", "finished_at"])
    if job.video_id is not None:
        publish(
            {
                "type": "job.finished",
                "video": job.video_id,
                "job": job.pk,
                "kind": job.kind,
                "status": job.status,
                "error": job.error,
            }
        )
    return job


@transaction.atomic
def job_cancel(*, job: Job) -> Job:
    """Ask a job to stop. A queued job is cancelled at once; a running one within one frame."""
    job = Job.objects.select_for_update().get(pk=job.pk)
    if job.status in FINISHED_STATUSES:
        raise Conflict(f"the job has already finished ({job.status})")
    job.cancel_requested = True
    job.save(update_fields=["cancel_requested"])
    if job.status == JobStatus.QUEUED:
        job = job_finish(job=job, status=JobStatus.CANCELLED)
    return job
