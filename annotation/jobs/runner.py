"""Run a Job inside a Celery task: lock, start, heartbeat, progress, cancellation, failure, finish.

Celery tasks stay thin (take an id, call `run_job_task` with a job body). The runner makes a job
safe to deliver twice (late acknowledgement, a message sent again by the reconciler): a delivery
that finds the job finished does nothing; one that finds it held by a live worker's lock retries
later (`JobBusy`: that worker may be dead, its lock not yet lapsed), so it never runs the job
twice and never leaves a dead worker's job behind. While the body runs, the heartbeat keeps the
lock alive however long one step takes. A worker that lost its lock (`JobLockLost`) stops and
writes nothing more: the job belongs to whoever runs it now.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from annotation.jobs.heartbeat import heartbeat
from annotation.jobs.locks import JobLock, JobLockLost
from annotation.models import Job
from annotation.models.jobs import JobStatus
from annotation.services import jobs as job_services
from annotation.services.errors import ServiceError

log = logging.getLogger(__name__)


class JobCancelled(Exception):
    """Raised inside a job body when someone asked the job to stop."""


class JobFailed(Exception):
    """A failure whose message is meant for the user (bad input, missing model, ...)."""


class JobBusy(Exception):
    """The job's lock is held by another worker: deliver it again in `retry_in` seconds."""

    def __init__(self, job_id: int, retry_in: float) -> None:
        super().__init__(f"job {job_id} is held by another worker; retry in {retry_in:.0f} s")
        self.job_id = job_id
        self.retry_in = retry_in


# What run_job returns when this worker lost the job to another attempt (it wrote nothing more).
LOST = "lost"


# Exceptions whose message is shown to the user as the job's error; others are internal errors.
USER_ERRORS: tuple[type[BaseException], ...] = (JobFailed, ServiceError, ValueError)


@dataclass
class JobContext:
    """What a job body gets: its job, the lock its worker holds, and ways to report progress and
    notice cancellation."""

    job: Job
    lock: JobLock
    extra_user_errors: tuple[type[BaseException], ...] = field(default_factory=tuple)

    def cancelled(self) -> bool:
        """Whether the body should stop: someone asked it to, or this worker lost the job."""
        return self.lock.lost or job_services.job_is_cancelled(job_id=self.job.pk)

    def check_cancel(self) -> None:
        if self.lock.lost:
            raise JobLockLost(f"job {self.job.pk}: the lock was lost")
        if job_services.job_is_cancelled(job_id=self.job.pk):
            raise JobCancelled

    def progress(self, progress: float, *, frame: int | None = None, checkpoint: dict | None = None) -> None:
        """Record progress (0..1), the frame reached and where to resume; refreshes the lock.
        Raises `JobLockLost` (and writes nothing) once this worker no longer holds the job."""
        self.lock.refresh()
        job_services.job_progress(
            job=self.job, progress=progress, frame=frame, checkpoint=checkpoint, attempt=self.job.attempts
        )


JobBody = Callable[[Job, JobContext], dict[str, Any] | None]


def run_job(job_id: int, body: JobBody, *, task_id: str | None = None,
            user_errors: tuple[type[BaseException], ...] = ()) -> str:
    """Run `body(job, ctx)`; its return value becomes the job's result. Returns the final status,
    or `LOST` when another attempt took the job over meanwhile. Raises `JobBusy` when another
    worker holds the job's lock."""
    job = Job.objects.filter(pk=job_id).select_related("video", "project").first()
    if job is None or job.is_finished:
        return "gone" if job is None else job.status
    lock = JobLock.for_worker(job.pk, task_id)
    if not lock.acquire():
        raise JobBusy(job.pk, retry_in=JobLock.seconds_left(job.pk) + 1)
    try:
        if job.cancel_requested:
            return job_services.job_finish(job=job, status=JobStatus.CANCELLED).status
        started = job_services.job_start(job=job)
        if started is None:  # cancelled while this worker was taking it
            return job.status
        return _run_body(started, lock, body, USER_ERRORS + user_errors)
    except JobLockLost:
        # A fenced write finds no row of this attempt both when another attempt took the job
        # over and when the job was deleted with its video or project: say which.
        if not Job.objects.filter(pk=job_id).exists():
            log.info("job %s was deleted while it ran; nothing more to do", job_id)
            return "gone"
        log.warning("job %s: this worker lost it to another attempt; it wrote nothing more", job_id)
        return LOST
    except Job.DoesNotExist:  # its video or project was deleted while it ran
        log.info("job %s was deleted while it ran; nothing more to do", job_id)
        return "gone"
    finally:
        lock.release()


def _run_body(job: Job, lock: JobLock, body: JobBody, user_errors: tuple[type[BaseException], ...]) -> str:
    """The body under the heartbeat, and the job's end written as this attempt (fenced)."""
    attempt = job.attempts
    ctx = JobContext(job=job, lock=lock)
    try:
        with heartbeat(lock):
            result = body(job, ctx)
    except Exception as error:
        if lock.lost:  # e.g. the engine stopped because ctx.cancelled() said so
            raise JobLockLost(f"job {job.pk}: the lock was lost") from error
        if isinstance(error, JobCancelled):
            return job_services.job_finish(job=job, status=JobStatus.CANCELLED, attempt=attempt).status
        if isinstance(error, user_errors):
            message = error.message if isinstance(error, ServiceError) else str(error)
            log.info("job %s failed: %s", job.pk, message)
            return job_services.job_finish(job=job, status=JobStatus.FAILED, error=message, attempt=attempt).status
        log.exception("job %s crashed", job.pk)
        return job_services.job_finish(
            job=job, status=JobStatus.FAILED, error=f"internal error ({type(error).__name__}); see the worker log",
            attempt=attempt,
        ).status
    return job_services.job_finish(job=job, status=JobStatus.SUCCEEDED, result=result or {}, attempt=attempt).status


# The options of every job task: bound (for retries), acknowledged only once the job ended (a
# worker killed mid-job leaves its message to be delivered again), retried without limit while
# another worker holds the job (Celery reads max_retries=None on the task as "no limit").
JOB_TASK_OPTIONS: dict[str, Any] = {"bind": True, "acks_late": True, "reject_on_worker_lost": True, "max_retries": None}


def run_job_task(task: Any, job_id: int, body: JobBody, *,
                 user_errors: tuple[type[BaseException], ...] = ()) -> str:
    """`run_job` for a Celery task declared with JOB_TASK_OPTIONS: a delivery that meets another
    worker's lock is retried when that lock would lapse (Celery retry with a countdown): the
    holder either finishes, and the retry then does nothing, or dies, and the retry resumes the job."""
    try:
        return run_job(job_id, body, task_id=task.request.id, user_errors=user_errors)
    except JobBusy as busy:
        log.info("%s", busy)
        raise task.retry(countdown=busy.retry_in) from None
