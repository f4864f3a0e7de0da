"""Celery tasks of the inference workers. Each takes an id and calls the bridge (inference/bridge/).

Queues: `interactive` (segment_prompt: a click answered synchronously), `batch` (propagation,
automatic masklets); ingest, delivery and the job reconciler live in annotation/tasks.py. The
model is loaded once per worker process: when a solo or threads worker on a model queue is
ready, else (prefork children) on first use, after the fork.
"""

from __future__ import annotations

import logging
from typing import Any

from celery import current_app, shared_task
from celery.signals import worker_ready
from django.conf import settings

from annotation.jobs.runner import JOB_TASK_OPTIONS, run_job_task
from inference.bridge.automask import automasklets_job
from inference.bridge.clicks import answer_prompt
from inference.bridge.engine import backend
from inference.bridge.propagation import propagation_job
from inference.engine.base import EngineError

log = logging.getLogger(__name__)

MODEL_QUEUES = {"interactive", "batch"}


@shared_task(name="inference.tasks.segment_prompt", acks_late=False, bind=True)
def segment_prompt(self: Any, prompt_id: int) -> dict[str, Any]:
    """Answer a click: the mask of its masklet on its frame, stored (see `bridge.clicks.answer_prompt`);
    this worker then receives the video's next clicks."""
    return answer_prompt(prompt_id=prompt_id, worker=self.request.hostname)


@shared_task(name="inference.tasks.run_propagation", **JOB_TASK_OPTIONS)
def run_propagation(self: Any, job_id: int) -> str:
    return run_job_task(self, job_id, propagation_job, user_errors=(EngineError,))


@shared_task(name="inference.tasks.run_automasklets", **JOB_TASK_OPTIONS)
def run_automasklets(self: Any, job_id: int) -> str:
    """SA-V data engine: automatic masks on a key frame, then propagation of each through the video."""
    return run_job_task(self, job_id, automasklets_job, user_errors=(EngineError,))


def _consumes_model_queues(consumer: Any) -> bool:
    try:
        names = {queue.name for queue in consumer.task_consumer.queues}
    except AttributeError:
        return True
    return bool(names & MODEL_QUEUES)


def preload_backend() -> None:
    """Load the model now rather than on the first click; a broken checkpoint only logs here
    (each task then fails with the checkpoint's message)."""
    try:
        loaded = backend()
    except EngineError as error:
        log.error("inference backend not loaded: %s", error)
        return
    log.info("inference backend ready: %s", loaded.label)


@worker_ready.connect
def _on_worker_ready(sender: Any = None, **kwargs: Any) -> None:
    """A worker that starts loads its model (solo/threads pools run tasks in this process) and
    asks for one reconciler pass once a dead predecessor's lock has lapsed: its jobs resume even
    where no beat runs. The pass is the one beat runs (annotation.tasks.reconcile_jobs)."""
    pool = type(getattr(sender, "pool", None)).__module__
    if _consumes_model_queues(sender) and not pool.endswith("prefork"):
        preload_backend()
    wait = settings.MASKLET["JOB_LOCK_TTL"] + 1
    current_app.send_task("annotation.tasks.reconcile_jobs", countdown=wait, expires=wait + 60)
