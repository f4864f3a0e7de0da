"""Which Celery task runs each kind of job, and on which queue.

`job_enqueue` sends a job's id to its kind's task; recovery re-queues only kinds listed here.
The queues match config/settings/base.py's CELERY_TASK_ROUTES (a test checks they agree). A job
whose role chose a model (params "model", annotation/jobs/routing.py) goes to that model's queue
beside its kind's shared queue (`job_queue`), and so does every later send (recovery).
"""

from __future__ import annotations

from dataclasses import dataclass

from annotation.jobs.workers import MODEL_QUEUE_BASES, model_queue
from annotation.models import Job
from annotation.models.jobs import JobKind


@dataclass(frozen=True)
class JobRoute:
    task: str  # Celery task name; the task takes the job's id
    queue: str  # "cpu" (ingest, delivery) or "batch" (GPU work)


JOB_KINDS: dict[str, JobRoute] = {
    JobKind.INGEST: JobRoute("annotation.tasks.ingest_video", "cpu"),
    JobKind.EXPORT: JobRoute("annotation.tasks.run_export", "cpu"),
    JobKind.IMPORT: JobRoute("annotation.tasks.run_import", "cpu"),
    JobKind.QA: JobRoute("annotation.tasks.run_qa", "cpu"),
    JobKind.PROPAGATE: JobRoute("inference.tasks.run_propagation", "batch"),
    JobKind.AUTOMASK: JobRoute("inference.tasks.run_automasklets", "batch"),
    JobKind.CONCEPT: JobRoute("inference.tasks.run_concepts", "batch"),
}

# Kinds never queued as jobs: a click (segment) is answered at once on the interactive queue by
# inference.tasks.segment_prompt, which takes the prompt's id.
NOT_QUEUED: frozenset[str] = frozenset({JobKind.SEGMENT})


def job_route(kind: str) -> JobRoute:
    """The task and queue of a job kind; KeyError for a kind that is never queued."""
    return JOB_KINDS[kind]


def job_queue(job: Job) -> str:
    """The queue `job` is sent to: its model's queue when its role chose one, else its kind's."""
    queue = job_route(job.kind).queue
    model = (job.params or {}).get("model")
    return model_queue(queue, str(model)) if model and queue in MODEL_QUEUE_BASES else queue
