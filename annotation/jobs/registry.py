"""Which Celery task runs each kind of job, and on which queue.

`job_enqueue` sends a job's id to its kind's task; recovery re-queues only kinds listed here.
The queues match config/settings/base.py's CELERY_TASK_ROUTES (a test checks they agree).
"""

from __future__ import annotations

from dataclasses import dataclass

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
}

# Kinds never queued as jobs: a click (segment) is answered at once on the interactive queue by
# inference.tasks.segment_prompt, which takes the prompt's id.
NOT_QUEUED: frozenset[str] = frozenset({JobKind.SEGMENT})


def job_route(kind: str) -> JobRoute:
    """The task and queue of a job kind; KeyError for a kind that is never queued."""
    return JOB_KINDS[kind]
