"""Which queues a live worker consumes right now, so that a click meets a 503 at once when nobody
serves the interactive queue instead of waiting out `INTERACTIVE_TIMEOUT`.

Each worker announces the queues it consumes every `WORKER_ANNOUNCE_PERIOD` seconds from a side
thread started when it is ready (a queue it stopped consuming, e.g. through Celery's
cancel_consumer, is withdrawn at the next beat); one not heard for `WORKER_TTL` seconds (killed,
paused, cut off) no longer counts. Redis holds one sorted set per queue: worker name → last heard.

Clicks of a video go to the interactive worker that answered the last one (it holds the video's
warm SAM 2 session, inference/bridge/sessions.py): every interactive worker also consumes its
own queue `interactive.<worker name>` (`worker_queue`), and Redis maps video → worker for
VIDEO_WORKER_TTL seconds (`video_worker_claim`). A click whose worker is no longer heard goes to
the shared `interactive` queue, and whichever worker answers it claims the video.

A worker on a model queue also announces its provenance: what it really runs (backend, model
config, checkpoint file and SHA-256, device, dtype, input size; inference/engine/provenance.py),
set once at start by inference/tasks.py through `worker_provenance_set`. It lives in one key per
worker (`masklet:worker:<name>`, JSON) that expires with the worker's announcements, and
`/api/status/` shows it per queue (`queues_provenance`).

A model worker also holds a named model (`worker_model_set`: MASKLET_MODEL_NAME, else its
backend's name, with the backend's capabilities) and consumes, beside the shared queues, one
queue per model and shared queue: `batch.model.<name>` and `interactive.model.<name>`
(`model_queue`). Roles (annotation/jobs/routing.py) send a job or a click there, so only a worker
holding that model takes it; the shared queues keep working for deployments with one model.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Iterable
from typing import Any

from celery.signals import worker_ready, worker_shutdown
from django.conf import settings

from annotation.jobs.redis_client import redis_client

log = logging.getLogger(__name__)

QUEUES = ("interactive", "batch", "cpu")
# The shared queues that have a queue per model beside them.
MODEL_QUEUE_BASES = ("interactive", "batch")
# Model queues ever announced (so that one a worker stopped consuming is withdrawn).
_MODEL_QUEUES_KEY = "masklet:model-queues"


def _key(queue: str) -> str:
    return f"masklet:workers:{queue}"


def _provenance_key(worker: str) -> str:
    return f"masklet:worker:{worker}"


def _model_key(worker: str) -> str:
    return f"masklet:worker-model:{worker}"


def model_queue(base: str, model: str) -> str:
    """The queue only workers holding `model` consume beside the shared queue `base`."""
    return f"{base}.model.{model}"


def is_model_queue(queue: str) -> bool:
    return any(queue.startswith(f"{base}.model.") for base in MODEL_QUEUE_BASES)


def known_model_queues() -> list[str]:
    """Every model queue some worker announced (live or not)."""
    names = redis_client().smembers(_MODEL_QUEUES_KEY)
    return sorted(n.decode() if isinstance(n, bytes) else n for n in names)


def _ttl() -> float:
    return float(settings.MASKLET["WORKER_TTL"])


def workers_announce(
    *, worker: str, queues: Iterable[str], provenance: dict[str, Any] | None = None,
    model: dict[str, Any] | None = None,
) -> None:
    """Record that `worker` consumes `queues` now, and no other queue, running `provenance`
    (None: no model, e.g. a cpu worker) and holding `model` (`{"name", "backend",
    "capabilities"}`; None: no named model)."""
    consumed = set(queues)
    model_queues = {q for q in consumed if is_model_queue(q)}
    now = time.time()
    keep = max(1, int(2 * _ttl()))
    client = redis_client()
    pipe = client.pipeline()
    for queue in (*QUEUES, *sorted(model_queues | set(known_model_queues()))):
        if queue in consumed:
            pipe.zadd(_key(queue), {worker: now})
            pipe.expire(_key(queue), keep)
        else:
            pipe.zrem(_key(queue), worker)
    if model_queues:
        pipe.sadd(_MODEL_QUEUES_KEY, *sorted(model_queues))
    if consumed and provenance is not None:
        pipe.set(_provenance_key(worker), json.dumps(provenance), ex=keep)
    else:
        pipe.delete(_provenance_key(worker))
    if consumed and model is not None:
        pipe.set(_model_key(worker), json.dumps(model), ex=keep)
    else:
        pipe.delete(_model_key(worker))
    pipe.execute()


def workers_withdraw(*, worker: str) -> None:
    """`worker` stops (a clean shutdown): it serves no queue any more."""
    workers_announce(worker=worker, queues=())


def queues_provenance() -> dict[str, list[dict[str, Any]]]:
    """Per queue, the live workers and what each runs: `{queue: [{"name", "provenance"}]}`
    (provenance None: the worker announced no model)."""
    live = {queue: queue_workers(queue) for queue in QUEUES}
    names = sorted({name for workers in live.values() for name in workers})
    raw = redis_client().mget([_provenance_key(n) for n in names]) if names else []
    known: dict[str, dict[str, Any] | None] = {}
    for name, value in zip(names, raw, strict=True):
        try:
            known[name] = json.loads(value) if value else None
        except ValueError:  # not ours: show the worker without a provenance
            known[name] = None
    return {queue: [{"name": n, "provenance": known.get(n)} for n in workers] for queue, workers in live.items()}


def workers_models(workers: Iterable[str]) -> dict[str, dict[str, Any] | None]:
    """The model each of `workers` announced holding (`{"name", "backend", "capabilities"}`),
    None for a worker that announced none."""
    names = sorted(set(workers))
    raw = redis_client().mget([_model_key(n) for n in names]) if names else []
    held: dict[str, dict[str, Any] | None] = {}
    for name, value in zip(names, raw, strict=True):
        try:
            held[name] = json.loads(value) if value else None
        except ValueError:
            held[name] = None
    return held


_provenance: dict[str, Any] | None = None
_model: dict[str, Any] | None = None


def worker_provenance_set(provenance: dict[str, Any] | None, *, model: dict[str, Any] | None = None) -> None:
    """What this worker process runs, announced from now on (inference/tasks.py sets it once the
    backend is loaded; annotation never imports inference, so the value comes in here), and the
    named model it holds (`{"name", "backend", "capabilities"}`): the worker then also consumes
    that model's queues (`model_queue`)."""
    global _provenance, _model
    _provenance = provenance
    _model = model
    if _announcer is not None:
        try:
            _announcer.announce()
        except Exception:
            log.warning("worker %s: could not announce its provenance", _announcer.worker, exc_info=True)


def queue_workers(queue: str) -> list[str]:
    """The workers heard on `queue` within the last WORKER_TTL seconds."""
    names = redis_client().zrangebyscore(_key(queue), time.time() - _ttl(), "+inf")
    return sorted(name.decode() if isinstance(name, bytes) else name for name in names)


def worker_queue(worker: str) -> str:
    """The queue only `worker` consumes, beside the shared interactive queue."""
    return f"interactive.{worker}"


def _video_key(video_id: int, model: str | None = None) -> str:
    return f"masklet:video-worker:{video_id}" + (f":{model}" if model else "")


def video_worker_claim(*, video_id: int, worker: str, model: str | None = None) -> None:
    """`worker` answered a click on the video and holds its warm session: send it the next ones
    (those routed to `model`, when a role chose one)."""
    ttl = max(1, int(settings.MASKLET["VIDEO_WORKER_TTL"]))
    redis_client().set(_video_key(video_id, model), worker, ex=ttl)


def video_worker_forget(*, video_id: int, model: str | None = None) -> None:
    redis_client().delete(_video_key(video_id, model))


def click_queue(*, video_id: int, live: list[str], model: str | None = None) -> str:
    """Where a click on the video goes: the queue of the worker that holds its warm session when
    that worker is among the `live` workers of the click's queue, else the shared interactive
    queue (the model's queue when a role chose `model`)."""
    worker = redis_client().get(_video_key(video_id, model))
    name = worker.decode() if isinstance(worker, bytes) else worker
    if name and name in live:
        return worker_queue(name)
    return model_queue("interactive", model) if model else "interactive"


def _consumed_queues(consumer: Any) -> list[str]:
    try:
        return [queue.name for queue in consumer.task_consumer.queues]
    except AttributeError:  # not consuming yet, or shutting down
        return []


class _Announcer:
    """The worker-side thread: announces what its consumer consumes until the worker stops."""

    def __init__(self, consumer: Any) -> None:
        self.consumer = consumer
        self.worker = str(getattr(consumer, "hostname", "") or "worker")
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, name="masklet-worker-announce", daemon=True)

    def announce(self) -> None:
        workers_announce(
            worker=self.worker, queues=_consumed_queues(self.consumer), provenance=_provenance, model=_model
        )

    def _run(self) -> None:
        period = float(settings.MASKLET["WORKER_ANNOUNCE_PERIOD"])
        while not self.stop.wait(period):
            try:
                self.announce()
            except Exception:  # Redis away for a moment: the next beat tries again
                log.warning("worker %s: could not announce its queues", self.worker, exc_info=True)


_announcer: _Announcer | None = None
_answers_clicks: bool | None = None  # None: this process is no worker that said (a test, a shell)


def answers_clicks() -> bool:
    """Whether this process may answer clicks: a worker that consumed an interactive queue when it
    started, or a process that is no such worker (a test or a shell running a job itself). A
    propagation fills the feature cache for later clicks only where they can come."""
    return True if _answers_clicks is None else _answers_clicks


@worker_ready.connect
def _start_announcing(sender: Any = None, **kwargs: Any) -> None:
    global _announcer, _answers_clicks
    consumed = _consumed_queues(sender)
    _answers_clicks = any(q == "interactive" or q.startswith("interactive.") for q in consumed)
    if "interactive" in consumed:
        try:
            sender.add_task_queue(worker_queue(str(sender.hostname)))
        except Exception:  # its clicks then all come through the shared queue
            log.warning("worker %s: could not consume its own click queue", sender.hostname, exc_info=True)
    if _model is not None:
        for base in MODEL_QUEUE_BASES:
            if base in consumed:
                try:
                    sender.add_task_queue(model_queue(base, str(_model["name"])))
                except Exception:  # jobs routed to its model then wait for another worker
                    log.warning("worker %s: could not consume its model queue", sender.hostname, exc_info=True)
    _announcer = _Announcer(sender)
    _announcer.announce()  # before the worker says "ready.": a click may come at once
    _announcer.thread.start()


@worker_shutdown.connect
def _stop_announcing(sender: Any = None, **kwargs: Any) -> None:
    if _announcer is None:
        return
    _announcer.stop.set()
    try:
        workers_withdraw(worker=_announcer.worker)
    except Exception:
        log.warning("worker %s: could not withdraw its queues", _announcer.worker, exc_info=True)
