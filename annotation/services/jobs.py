"""Jobs: long work run by Celery workers, with progress, cancellation and resumption.

These services write Job rows (create, enqueue after commit, start, progress, finish, cancel,
and the reconciler's two repairs: send again a queued job whose message was lost, queue again a
running job whose worker died). How a worker runs a job (its lock, heartbeat, the registry of
kinds, the reconciler) lives in `annotation/jobs/`.

Fencing: a worker's writes name the attempt it runs (`attempt`, the job's `attempts` after its
`job_start`); once the job was queued again, cancelled, or started by another worker, they raise
`JobLockLost` and change nothing, in the same transaction as the masks a batch stores.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from celery import current_app
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from annotation.jobs.locks import JobLock, JobLockLost
from annotation.jobs.registry import JOB_KINDS, job_queue, job_route
from annotation.models import Job, Project, Video
from annotation.models.jobs import FINISHED_STATUSES, JobKind, JobStatus
from annotation.realtime.publish import publish
from annotation.services.errors import Conflict
from annotation.services.webhooks import webhooks_emit


def _send_after_commit(job: Job) -> None:
    route = job_route(job.kind)
    queue = job_queue(job)
    job_id = job.pk
    transaction.on_commit(lambda: current_app.send_task(route.task, args=[job_id], queue=queue))


def job_enqueue(*, job: Job) -> None:
    """Send the job to its queue once the current transaction commits; record when (enqueued_at)."""
    job.enqueued_at = timezone.now()
    Job.objects.filter(pk=job.pk).update(enqueued_at=job.enqueued_at)
    _send_after_commit(job)


@transaction.atomic
def job_create(
    *, project: Project, kind: str, user: Any = None, video: Video | None = None, params: dict | None = None
) -> Job:
    job = Job.objects.create(
        project=project, video=video, kind=kind, params=params or {}, created_by=user, enqueued_at=timezone.now()
    )
    _send_after_commit(job)
    return job


# Kinds whose progress and end are not announced on the video's channel: a QA run follows every
# burst of edits, and announces its result itself ("qa.updated", services/quality.py).
SILENT_KINDS = frozenset({JobKind.QA})


def _progress_event(job: Job, frame: int | None) -> None:
    if job.video_id is None or job.kind in SILENT_KINDS:
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


def job_start(*, job: Job) -> Job | None:
    """Mark a job running (again, when resumed) and count the attempt: the job's `attempts`
    afterwards names this attempt in its fenced writes. None when the job finished meanwhile
    (cancelled while the worker was taking it)."""
    started = Job.objects.filter(pk=job.pk, status__in=(JobStatus.QUEUED, JobStatus.RUNNING)).update(
        status=JobStatus.RUNNING, started_at=job.started_at or timezone.now(), attempts=F("attempts") + 1
    )
    job.refresh_from_db()
    if not started:
        return None
    _progress_event(job, None)
    return job


def _current_attempt(job_id: int, attempt: int) -> Q:
    return Q(pk=job_id, status=JobStatus.RUNNING, attempts=attempt)


def job_progress(
    *, job: Job, progress: float, frame: int | None = None, checkpoint: dict | None = None,
    attempt: int | None = None,
) -> None:
    """Record progress (0..1) and where to resume; announce it to the video's watchers.

    With `attempt`, only while that attempt still runs the job; otherwise `JobLockLost` (inside
    a transaction, the caller's other writes roll back with it).
    """
    job.progress = max(0.0, min(1.0, progress))
    fields: dict[str, Any] = {"progress": job.progress}
    if checkpoint is not None:
        job.checkpoint = checkpoint
        fields["checkpoint"] = checkpoint
    rows = Job.objects.filter(_current_attempt(job.pk, attempt) if attempt is not None else Q(pk=job.pk))
    if not rows.update(**fields) and attempt is not None:
        raise JobLockLost(f"job {job.pk}: attempt {attempt} no longer runs it")
    _progress_event(job, frame)


def job_is_cancelled(*, job_id: int) -> bool:
    return Job.objects.filter(pk=job_id, cancel_requested=True).exists()


@transaction.atomic
def job_finish(
    *, job: Job, status: str, error: str = "", result: dict | None = None, attempt: int | None = None
) -> Job:
    """Finish a job (nothing changes if it already finished). With `attempt`, only while that
    attempt still runs it; otherwise `JobLockLost`."""
    job = Job.objects.select_for_update().get(pk=job.pk)
    if job.status in FINISHED_STATUSES:
        return job
    if attempt is not None and (job.status != JobStatus.RUNNING or job.attempts != attempt):
        raise JobLockLost(f"job {job.pk}: attempt {attempt} no longer runs it")
    job.status = status
    job.error = error
    if result is not None:
        job.result = result
    if status == JobStatus.SUCCEEDED:
        job.progress = 1.0
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "error", "result", "progress", "finished_at"])
    _finish_webhooks(job)
    if status == JobStatus.SUCCEEDED and job.video_id is not None:
        from annotation.services import quality  # imports this module

        if job.kind in quality.QA_AFTER:
            quality.qa_schedule(video=job.video, user=job.created_by)
    if job.video_id is not None and job.kind not in SILENT_KINDS:
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
    """Ask a job to stop. A running job whose worker lives stops within one frame; a queued job,
    or a running one whose worker died (no live lock), is cancelled at once.

    A job cancelled at once is still sent to its task once, which finds it finished and only
    settles what its kind leaves behind (an ingest's video becomes failed, its upload deleted),
    on a worker rather than in this request.
    """
    job = Job.objects.select_for_update().get(pk=job.pk)
    if job.status in FINISHED_STATUSES:
        raise Conflict(f"the job has already finished ({job.status})")
    job.cancel_requested = True
    job.save(update_fields=["cancel_requested"])
    # A worker taking the job now waits on this row lock in job_start, then finds it finished.
    if job.status == JobStatus.QUEUED or not JobLock.is_held(job.pk):
        job = job_finish(job=job, status=JobStatus.CANCELLED)
        if job.kind in JOB_KINDS:
            _send_after_commit(job)
    return job


def job_requeue_lost(*, job_id: int, sent_before: datetime) -> bool:
    """Send a queued job to its queue again when it was last sent before `sent_before`: its
    message is presumed lost (see annotation/jobs/recovery.py). True when sent; a job that
    started, finished or was sent again meanwhile (another reconciler) is left alone."""
    lost = Q(enqueued_at__lt=sent_before) | Q(enqueued_at__isnull=True, created_at__lt=sent_before)
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(lost, pk=job_id, status=JobStatus.QUEUED).first()
        if job is None:
            return False
        job_enqueue(job=job)
    return True


def job_recover_orphan(*, job_id: int) -> str | None:
    """A running job whose worker died (its lock lapsed): queued again, to resume from its
    checkpoint ("queued"), or cancelled when someone had asked it to stop ("cancelled"). None
    when the job is not an orphan (finished, or its lock is held)."""
    with transaction.atomic():
        # The row lock first: a worker that takes the job's lock after the check below then
        # waits in job_start until this commits, and runs the job queued here.
        job = Job.objects.select_for_update().filter(pk=job_id, status=JobStatus.RUNNING).first()
        if job is None or JobLock.is_held(job_id):
            return None
        if job.cancel_requested:
            job_finish(job=job, status=JobStatus.CANCELLED)
            _send_after_commit(job)
            return JobStatus.CANCELLED
        job.status = JobStatus.QUEUED
        job.save(update_fields=["status"])
        job_enqueue(job=job)
    return JobStatus.QUEUED


def _finish_webhooks(job: Job) -> None:
    """job.failed for any failed job; export.finished for an export, whatever its outcome."""
    if job.status == JobStatus.FAILED:
        webhooks_emit(job.project_id, "job.failed", {
            "job": job.pk, "kind": job.kind, "video": job.video_id, "error": job.error,
        })
    if job.kind == JobKind.EXPORT:
        result = job.result or {}
        webhooks_emit(job.project_id, "export.finished", {
            "job": job.pk, "status": job.status, "format": (job.params or {}).get("format"),
            "masklets": result.get("masklets"), "size_bytes": result.get("size_bytes"),
            "download_url": result.get("download_url") if job.status == JobStatus.SUCCEEDED else None,
            "error": job.error,
        })
