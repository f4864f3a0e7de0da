"""Run a Job inside a Celery task: lock, start, progress, cancellation, failure, finish.

Celery tasks stay thin (take an id, call `run_job` with a service function). The runner makes a
job safe to deliver twice (late acknowledgement, recovery of a dead worker's job): a second
delivery finds the job finished, or held by a live worker's lock, and leaves it alone.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

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
    job: Job
    owner: str
    extra_user_errors: tuple[type[BaseException], ...] = field(default_factory=tuple)

    def cancelled(self) -> bool:
        return job_services.job_is_cancelled(job_id=self.job.pk)

    def check_cancel(self) -> None:
        if self.cancelled():
            raise JobCancelled

    def progress(self, progress: float, *, frame: int | None = None, checkpoint: dict | None = None) -> None:
        job_services.job_lock_refresh(job_id=self.job.pk, owner=self.owner)
        job_services.job_progress(job=self.job, progress=progress, frame=frame, checkpoint=checkpoint)


def run_job(job_id: int, body: Callable[[Job, JobContext], dict[str, Any] | None], *, task_id: str | None = None,
            user_errors: tuple[type[BaseException], ...] = ()) -> str:
    """Run `body(job, ctx)`; its return value becomes the job's result. Returns the final status."""
    job = Job.objects.filter(pk=job_id).select_related("video", "project").first()
    if job is None or job.is_finished:
        return "gone" if job is None else job.status
    owner = f"{socket.gethostname()}:{os.getpid()}:{task_id or '-'}"
    if not job_services.job_lock_acquire(job_id=job.pk, owner=owner):
        log.info("job %s is held by a live worker; leaving it", job.pk)
        return "busy"
    try:
        if job.cancel_requested:
            return job_services.job_finish(job=job, status=JobStatus.CANCELLED).status
        job = job_services.job_start(job=job)
        ctx = JobContext(job=job, owner=owner)
        try:
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
        job_services.job_lock_release(job_id=job.pk, owner=owner)


def orphaned_jobs() -> list[Job]:
    """Jobs marked running whose worker's lock has lapsed: their worker died."""
    return [
        job
        for job in Job.objects.filter(status=JobStatus.RUNNING)
        if not job_services.job_lock_held(job_id=job.pk)
    ]


def recover_orphaned_jobs() -> list[int]:
    """Queue every orphaned job again; it resumes from its checkpoint."""
    recovered = []
    for job in orphaned_jobs():
        if job.kind in job_services.JOB_TASKS:
            job_services.job_enqueue(job=job)
            recovered.append(job.pk)
    if recovered:
        log.warning("re-queued jobs of dead workers: %s", recovered)
    return recovered
