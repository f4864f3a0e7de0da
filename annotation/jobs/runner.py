"""Run a Job inside a Celery task: lock, start, heartbeat, progress, cancellation, failure, finish.

Celery tasks stay thin (take an id, call `run_job` with a job body). The runner makes a job safe
to deliver twice (late acknowledgement, recovery of a dead worker's job): a second delivery
finds the job finished, or held by a live worker's lock, and leaves it alone. While the body
runs, the heartbeat keeps the lock alive however long one step takes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from annotation.jobs.heartbeat import heartbeat
from annotation.jobs.locks import JobLock
from annotation.models import Job
from annotation.models.jobs import JobStatus
from annotation.services import jobs as job_services
from annotation.services.errors import ServiceError

log = logging.getLogger(__name__)


class JobCancelled(Exception):
    """Raised inside a job body when someone asked the job to stop."""


class JobFailed(Exception):
    """A failure whose message is meant for the user (bad input, missing model, ...)."""


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
        return job_services.job_is_cancelled(job_id=self.job.pk)

    def check_cancel(self) -> None:
        if self.cancelled():
            raise JobCancelled

    def progress(self, progress: float, *, frame: int | None = None, checkpoint: dict | None = None) -> None:
        """Record progress (0..1), the frame reached and where to resume; refreshes the lock."""
        self.lock.refresh()
        job_services.job_progress(job=self.job, progress=progress, frame=frame, checkpoint=checkpoint)


JobBody = Callable[[Job, JobContext], dict[str, Any] | None]


def run_job(job_id: int, body: JobBody, *, task_id: str | None = None,
            user_errors: tuple[type[BaseException], ...] = ()) -> str:
    """Run `body(job, ctx)`; its return value becomes the job's result. Returns the final status."""
    job = Job.objects.filter(pk=job_id).select_related("video", "project").first()
    if job is None or job.is_finished:
        return "gone" if job is None else job.status
    lock = JobLock.for_worker(job.pk, task_id)
    if not lock.acquire():
        log.info("job %s is held by a live worker; leaving it", job.pk)
        return "busy"
    try:
        if job.cancel_requested:
            return job_services.job_finish(job=job, status=JobStatus.CANCELLED).status
        job = job_services.job_start(job=job)
        ctx = JobContext(job=job, lock=lock)
        try:
            with heartbeat(lock):
                result = body(job, ctx)
        except JobCancelled:
            return job_services.job_finish(job=job, status=JobStatus.CANCELLED).status
        except USER_ERRORS + user_errors as error:
            message = error.message if isinstance(error, ServiceError) else str(error)
            log.info("job %s failed: %s", job.pk, message)
            return job_services.job_finish(job=job, status=JobStatus.FAILED, error=message).status
        except Exception as error:
            log.exception("job %s crashed", job.pk)
            return job_services.job_finish(
                job=job, status=JobStatus.FAILED, error=f"internal error ({type(error).__name__}); see the worker log"
            ).status
        return job_services.job_finish(job=job, status=JobStatus.SUCCEEDED, result=result or {}).status
    finally:
        lock.release()
