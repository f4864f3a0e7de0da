"""Celery tasks of the cpu queue (ingest, exports, imports, QA: each takes a job id and calls a
service; webhook deliveries; the expiry of old export files) and the job reconciler, which Celery
beat runs on the interactive queue."""

from __future__ import annotations

from typing import Any

from celery import shared_task
from django.conf import settings

from annotation.jobs import workers as _workers  # noqa: F401  (every worker announces its queues)
from annotation.jobs.runner import JOB_TASK_OPTIONS, JobContext, run_job_task
from annotation.models import Job


@shared_task(name="annotation.tasks.ingest_video", **JOB_TASK_OPTIONS)
def ingest_video(self: Any, job_id: int) -> str:
    from annotation.services.ingest import video_ingest, video_ingest_settle

    def body(job: Job, ctx: JobContext) -> dict:
        return video_ingest(video=job.video, ctx=ctx)

    status = run_job_task(self, job_id, body)
    video_ingest_settle(job_id=job_id)  # e.g. cancelled while queued: the body never ran
    return status


@shared_task(name="annotation.tasks.run_export", **JOB_TASK_OPTIONS)
def run_export(self: Any, job_id: int) -> str:
    from annotation.services.exports import export_run

    def body(job: Job, ctx: JobContext) -> dict:
        return export_run(job=job, ctx=ctx)

    return run_job_task(self, job_id, body)


@shared_task(name="annotation.tasks.run_import", **JOB_TASK_OPTIONS)
def run_import(self: Any, job_id: int) -> str:
    from annotation.services.imports import import_run

    def body(job: Job, ctx: JobContext) -> dict:
        return import_run(job=job, ctx=ctx)

    return run_job_task(self, job_id, body)


@shared_task(name="annotation.tasks.run_qa", **JOB_TASK_OPTIONS)
def run_qa(self: Any, job_id: int) -> str:
    from annotation.services.quality import qa_run

    def body(job: Job, ctx: JobContext) -> dict:
        return qa_run(job=job, ctx=ctx)

    return run_job_task(self, job_id, body)


# Routed to the interactive queue (config/settings/base.py): its worker only ever answers clicks,
# so a pass never waits behind an hour of ingest or export, and it costs a few indexed queries.
# Not acknowledged late: a pass lost with its worker is simply the next period's.
@shared_task(name="annotation.tasks.reconcile_jobs", acks_late=False)
def reconcile_jobs() -> dict[str, list[int]]:
    """Resume dead workers' jobs, send again queued jobs whose message was lost (annotation/jobs/recovery.py)."""
    from annotation.jobs.recovery import reconcile_jobs as reconcile

    return reconcile().as_dict()


@shared_task(
    name="annotation.tasks.deliver_webhook",
    bind=True,
    autoretry_for=(Exception,),
    max_retries=settings.MASKLET["WEBHOOK_MAX_RETRIES"],
    retry_backoff=settings.MASKLET["WEBHOOK_BACKOFF"],
    retry_backoff_max=settings.MASKLET["WEBHOOK_BACKOFF_MAX"],
    retry_jitter=False,
)
def deliver_webhook(self: Any, delivery_id: int) -> str:
    """POST one webhook delivery (annotation/services/webhooks.py); a failed attempt is retried by
    Celery with exponential backoff (retry_backoff), the last one is logged as failed."""
    from annotation.services.webhooks import webhook_deliver

    return webhook_deliver(delivery_id=delivery_id, final=self.request.retries >= self.max_retries)


@shared_task(name="annotation.tasks.expire_exports", acks_late=False)
def expire_exports() -> list[int]:
    """Delete export files older than MASKLET EXPORT_TTL_HOURS; Celery beat runs it periodically."""
    from annotation.services.exports_log import exports_expire

    return exports_expire()


@shared_task(name="annotation.tasks.purge_expired_tokens", acks_late=False)
def purge_expired_tokens() -> int:
    """Delete expired API tokens; Celery beat runs it periodically."""
    from annotation.services.accounts import tokens_purge_expired

    return tokens_purge_expired()
