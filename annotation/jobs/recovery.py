"""Jobs of dead workers: rows still marked running whose lock has lapsed, queued again so they
resume from their checkpoint (`inference.tasks.recover_orphaned_jobs` runs this when a worker
starts)."""

from __future__ import annotations

import logging

from annotation.jobs.locks import JobLock
from annotation.jobs.registry import JOB_KINDS
from annotation.models import Job
from annotation.models.jobs import JobStatus
from annotation.services import jobs as job_services

log = logging.getLogger(__name__)


def orphaned_jobs() -> list[Job]:
    """Jobs marked running whose worker's lock has lapsed: their worker died."""
    return [job for job in Job.objects.filter(status=JobStatus.RUNNING) if not JobLock.is_held(job.pk)]


def recover_orphaned_jobs() -> list[int]:
    """Queue every orphaned job again; it resumes from its checkpoint."""
    recovered = []
    for job in orphaned_jobs():
        if job.kind in JOB_KINDS:
            job_services.job_enqueue(job=job)
            recovered.append(job.pk)
    if recovered:
        log.warning("re-queued jobs of dead workers: %s", recovered)
    return recovered
