"""The reconciler: jobs that would otherwise wait forever are sent to their queue again.

Celery beat runs it every MASKLET["JOB_RECONCILE_PERIOD"] seconds (`annotation.tasks.reconcile_jobs`),
and every worker that starts runs it once, after a dead predecessor's lock has lapsed. Two
repairs, each safe to run twice or in two processes at once:

- A `running` job whose lock has lapsed belongs to a dead worker: it is queued again and
  resumes from its checkpoint (or is cancelled, when someone had asked it to stop). A slow job
  is never touched: its heartbeat keeps the lock alive however long one step takes.
- A `queued` job sent more than MASKLET["JOB_QUEUED_GRACE"] seconds ago and still not started
  has most likely lost its message (the web process died between saving the job and sending it;
  Redis restarted without persistence): it is sent again. The broker is not inspected: which
  messages a Redis broker holds cannot be read reliably (a message taken by a worker is in
  neither the queue nor the unacknowledged set for a moment). Instead every delivery is
  idempotent (`run_job`): a job that is no longer queued makes a second message do nothing, and
  a job held by a live worker makes it retry later, so a job that was merely waiting behind
  others costs one extra message per grace period, never a second run.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from annotation.jobs.locks import JobLock
from annotation.jobs.registry import JOB_KINDS
from annotation.models import Job
from annotation.models.jobs import JobStatus
from annotation.services import jobs as job_services

log = logging.getLogger(__name__)


@dataclass
class Reconciled:
    """Job ids the reconciler acted on."""

    resent: list[int] = field(default_factory=list)  # queued jobs whose message was presumed lost
    resumed: list[int] = field(default_factory=list)  # dead workers' jobs, queued again
    cancelled: list[int] = field(default_factory=list)  # dead workers' jobs someone had asked to stop

    def as_dict(self) -> dict[str, list[int]]:
        return {"resent": self.resent, "resumed": self.resumed, "cancelled": self.cancelled}


def queued_grace() -> float:
    """Seconds a queued job may wait after being sent before it counts as lost."""
    return float(settings.MASKLET["JOB_QUEUED_GRACE"])


def orphaned_jobs() -> list[Job]:
    """Jobs marked running whose worker's lock has lapsed: their worker died."""
    running = Job.objects.filter(status=JobStatus.RUNNING, kind__in=list(JOB_KINDS)).only("pk")
    return [job for job in running if not JobLock.is_held(job.pk)]


def lost_queued_jobs(sent_before: datetime) -> list[int]:
    """Queued jobs last sent before `sent_before`."""
    lost = Q(enqueued_at__lt=sent_before) | Q(enqueued_at__isnull=True, created_at__lt=sent_before)
    return list(Job.objects.filter(lost, status=JobStatus.QUEUED, kind__in=list(JOB_KINDS)).values_list("pk", flat=True))


def reconcile_jobs() -> Reconciled:
    """Resume dead workers' jobs and send again queued jobs whose message was lost."""
    done = Reconciled()
    for job in orphaned_jobs():
        outcome = job_services.job_recover_orphan(job_id=job.pk)
        if outcome == JobStatus.QUEUED:
            done.resumed.append(job.pk)
        elif outcome == JobStatus.CANCELLED:
            done.cancelled.append(job.pk)
    sent_before = timezone.now() - timedelta(seconds=queued_grace())
    for job_id in lost_queued_jobs(sent_before):
        if job_services.job_requeue_lost(job_id=job_id, sent_before=sent_before):
            done.resent.append(job_id)
    if done.resumed or done.cancelled:
        log.warning("jobs of dead workers: resumed %s, cancelled %s", done.resumed, done.cancelled)
    if done.resent:
        log.warning("queued jobs sent again (their message was not delivered in %.0f s): %s", queued_grace(), done.resent)
    return done
