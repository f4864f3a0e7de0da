"""Celery tasks of the cpu queue: ingest, exports, imports. Each takes a job id and calls a service."""

from __future__ import annotations

from typing import Any

from celery import shared_task

from annotation.jobs.runner import JobContext, run_job
from annotation.models import Job


@shared_task(name="annotation.tasks.ingest_video", bind=True, acks_late=True, reject_on_worker_lost=True)
def ingest_video(self: Any, job_id: int) -> str:
    from annotation.services.ingest import video_ingest, video_ingest_settle

    def body(job: Job, ctx: JobContext) -> dict:
        return video_ingest(video=job.video, ctx=ctx)

    status = run_job(job_id, body, task_id=self.request.id)
    video_ingest_settle(job_id=job_id)  # e.g. cancelled while queued: the body never ran
    return status


@shared_task(name="annotation.tasks.run_export", bind=True, acks_late=True, reject_on_worker_lost=True)
def run_export(self: Any, job_id: int) -> str:
    from annotation.services.exports import export_run

    def body(job: Job, ctx: JobContext) -> dict:
        return export_run(job=job, ctx=ctx)

    return run_job(job_id, body, task_id=self.request.id)


@shared_task(name="annotation.tasks.run_import", bind=True, acks_late=True, reject_on_worker_lost=True)
def run_import(self: Any, job_id: int) -> str:
    from annotation.services.imports import import_run

    def body(job: Job, ctx: JobContext) -> dict:
        return import_run(job=job, ctx=ctx)

    return run_job(job_id, body, task_id=self.request.id)
