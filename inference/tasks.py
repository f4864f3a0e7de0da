"""Celery tasks of the inference workers. Each takes an id and calls the bridge (inference/bridge/).

Queues: `interactive` (segment_prompt: a click answered synchronously), `batch` (propagation,
automatic masklets, concept prompts), and beside each the queue of the model the worker holds
(`interactive.model.<name>`, `batch.model.<name>`: annotation/jobs/workers.py); ingest, delivery and the job reconciler live in annotation/tasks.py. The
model is loaded once per worker process: when a solo or threads worker on a model queue is
ready, else (prefork children) on first use, after the fork.
"""

from __future__ import annotations

import logging
from typing import Any

from celery import current_app, shared_task
from celery.signals import celeryd_after_setup, worker_ready
from django.conf import settings

from annotation.jobs.runner import JOB_TASK_OPTIONS, run_job_task
from annotation.jobs.workers import worker_provenance_set
from inference.bridge.automask import automasklets_job
from inference.bridge.clicks import answer_prompt
from inference.bridge.concepts import concepts_job
from inference.bridge.engine import (
    backend,
    config_model_info,
    engine_config,
    model_info,
    provenance,
    with_provenance,
)
from inference.bridge.propagation import propagation_job
from inference.engine.base import EngineError
from inference.engine.provenance import config_provenance

log = logging.getLogger(__name__)

MODEL_QUEUES = {"interactive", "batch"}


@shared_task(name="inference.tasks.segment_prompt", acks_late=False, bind=True)
def segment_prompt(self: Any, prompt_id: int, model: str | None = None) -> dict[str, Any]:
    """Answer a click: the mask of its masklet on its frame, stored (see `bridge.clicks.answer_prompt`);
    this worker then receives the video's next clicks (those routed to `model`, when a role chose one)."""
    return answer_prompt(prompt_id=prompt_id, worker=self.request.hostname, model=model)


@shared_task(name="inference.tasks.run_propagation", **JOB_TASK_OPTIONS)
def run_propagation(self: Any, job_id: int) -> str:
    return run_job_task(self, job_id, with_provenance(propagation_job), user_errors=(EngineError,))


@shared_task(name="inference.tasks.run_automasklets", **JOB_TASK_OPTIONS)
def run_automasklets(self: Any, job_id: int) -> str:
    """SA-V data engine: automatic masks on a key frame, then propagation of each through the video."""
    return run_job_task(self, job_id, with_provenance(automasklets_job), user_errors=(EngineError,))


@shared_task(name="inference.tasks.run_concepts", **JOB_TASK_OPTIONS)
def run_concepts(self: Any, job_id: int) -> str:
    """A text prompt: every instance of a noun phrase through a frame range, as proposal masklets."""
    return run_job_task(self, job_id, with_provenance(concepts_job), user_errors=(EngineError,))


# The exit status of a model worker whose backend cannot load (sysexits.h EX_CONFIG).
EXIT_BACKEND_UNLOADABLE = 78


def preload_backend(*, in_this_process: bool = True) -> tuple[dict[str, Any], dict[str, Any]]:
    """Load the model now rather than on the first click and return what it runs (provenance)
    and the named model it holds (`bridge.engine.model_info`).

    A prefork pool loads the model in its children after the fork, so its parent only checks
    the configuration (the checkpoint is read and hashed) and announces that. Raises EngineError
    (naming the checkpoint file) when the configured backend cannot load."""
    if not in_this_process:
        config = engine_config()
        return config_provenance(config), config_model_info(config)
    loaded = backend()
    log.info("inference backend ready: %s (model %s)", loaded.label, model_info(loaded)["name"])
    return provenance(), model_info(loaded)


@celeryd_after_setup.connect
def _check_backend_at_start(sender: Any = None, instance: Any = None, **kwargs: Any) -> None:
    """A worker on a model queue loads its backend before it consumes anything and announces
    what it runs; one whose backend cannot load (MASKLET_BACKEND=sam2 without a loadable
    checkpoint, a missing or broken checkpoint file) exits with EXIT_BACKEND_UNLOADABLE and the
    reason, rather than serving masks of another backend than the one configured."""
    try:
        queues = set(instance.app.amqp.queues.consume_from or instance.app.amqp.queues)
    except AttributeError:
        queues = set()
    if not queues & MODEL_QUEUES:
        return
    pool = getattr(instance, "pool_cls", None)
    prefork = "prefork" in f"{getattr(pool, '__module__', '')} {pool}"
    try:
        runs, holds = preload_backend(in_this_process=not prefork)
        worker_provenance_set(runs, model=holds)
    except EngineError as error:
        config = engine_config()
        hint = "" if config.checkpoint or config.resolved_backend != "sam2" else (
            " (set MASKLET_SAM2_CHECKPOINT to the checkpoint file)"
        )
        message = f"inference backend cannot start, worker exits: {error}{hint}"
        log.critical(message)
        raise SystemExit(EXIT_BACKEND_UNLOADABLE) from error


@worker_ready.connect
def _on_worker_ready(sender: Any = None, **kwargs: Any) -> None:
    """A worker that starts asks for one reconciler pass once a dead predecessor's lock has
    lapsed: its jobs resume even where no beat runs. The pass is the one beat runs
    (annotation.tasks.reconcile_jobs). (Its model loaded before, in _check_backend_at_start.)"""
    wait = settings.MASKLET["JOB_LOCK_TTL"] + 1
    current_app.send_task("annotation.tasks.reconcile_jobs", countdown=wait, expires=wait + 60)
