"""Pausing the session's Celery workers, with Celery's own remote control (cancel_consumer and
add_consumer): a test whose jobs must wait in their queues, or must be taken only by workers it
started itself (on other storage, say), pauses the workers already running meanwhile.

Which workers run, and which shared queues each consumes, is read from their announcements
(annotation/jobs/workers.py: a side thread of every worker writes them to Redis each second, busy
or not), never from a ping: a solo-pool worker busy with a task answers no ping, and one left out
of the pause would go on taking the block's jobs. A pause or a resume is done when the workers'
announcements show it: a busy worker takes its cancel_consumer only after its task, and a test
that clicks right after a resume must find the interactive queue served, not a 503.

Pauses nest (a module's exclusive SAM 2 worker, and a test inside that starts workers of its own):
a worker resumes when the last block that paused it ends, on the queues it consumed before.
"""

from __future__ import annotations

import contextlib
import time
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

QUEUES = ("interactive", "batch", "cpu")
SETTLE_TIMEOUT = 120.0  # a busy worker finishes its task first (a propagation on a slow machine)

_pause_depth: Counter[str] = Counter()
_queues_before_pause: dict[str, tuple[str, ...]] = {}


def announced_queues() -> dict[str, tuple[str, ...]]:
    """Worker name → the shared queues, and the queues of the model it holds
    (`batch.model.<name>`...), it announces it consumes now (workers heard lately)."""
    from annotation.jobs.workers import known_model_queues, queue_workers

    consumed: dict[str, list[str]] = {}
    for queue in (*QUEUES, *known_model_queues()):
        for name in queue_workers(queue):
            consumed.setdefault(name, []).append(queue)
    return {name: tuple(queues) for name, queues in consumed.items()}


def running_workers() -> list[str]:
    """The workers that consume a shared queue now, by their announcements."""
    return sorted(announced_queues())


def _wait_until(done: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + SETTLE_TIMEOUT
    while not done():
        if time.monotonic() > deadline:
            raise RuntimeError(f"workers did not {what} within {SETTLE_TIMEOUT:.0f} s: {announced_queues()}")
        time.sleep(0.1)


def _pause(names: list[str]) -> None:
    from config.celery import app

    for name in names:
        for queue in _queues_before_pause[name]:
            app.control.cancel_consumer(queue, destination=[name], reply=False)
    _wait_until(lambda: not set(names) & set(announced_queues()), "stop consuming")


def _resume(names: list[str]) -> None:
    from config.celery import app

    for name in names:
        for queue in _queues_before_pause[name]:
            app.control.add_consumer(queue, destination=[name], reply=False)

    def resumed() -> bool:
        now = announced_queues()
        return all(set(now.get(name, ())) >= set(_queues_before_pause[name]) for name in names if _alive(name))

    _wait_until(resumed, "resume consuming")


def _alive(name: str) -> bool:
    """Still running (a paused worker announces no shared queue, but its provenance key or its own
    click queue tells nothing either): ask it, since a paused worker is idle and answers pings."""
    from config.celery import app

    return bool(app.control.ping(destination=[name], timeout=1.0))


@contextlib.contextmanager
def paused_workers() -> Iterator[list[str]]:
    """The workers running now take no new task until the block ends (yields their names). A
    worker busy when the block starts finishes its task first: the block waits for that."""
    now = announced_queues()
    fresh = [name for name in now if _pause_depth[name] == 0]
    for name in fresh:
        _queues_before_pause[name] = now[name]
    paused = sorted(set(now) | {name for name, depth in _pause_depth.items() if depth > 0})
    for name in paused:
        _pause_depth[name] += 1
    try:
        if fresh:
            _pause(fresh)
        yield paused
    finally:
        ending = []
        for name in paused:
            _pause_depth[name] -= 1
            if _pause_depth[name] == 0:
                del _pause_depth[name]
                ending.append(name)
        if ending:
            _resume(ending)
        for name in ending:
            _queues_before_pause.pop(name, None)


@contextlib.contextmanager
def exclusive(start_worker: Callable[..., Any]) -> Iterator[Callable[..., Any]]:
    """A factory like `start_worker` whose workers are the only ones consuming inside the block:
    the workers already running are paused meanwhile; the block's own are stopped at its end."""
    mine: list[Any] = []

    def start(queues: str = ",".join(QUEUES), env: dict[str, str] | None = None) -> Any:
        worker = start_worker(queues, env)
        mine.append(worker)
        return worker

    with paused_workers():
        try:
            yield start
        finally:
            for worker in mine:
                worker.stop()


def _purge_waiting_tasks(names: list[str]) -> int:
    """Drop the task messages waiting in the shared queues and in the workers' own click queues."""
    from annotation.jobs.workers import known_model_queues, worker_queue
    from config.celery import app

    dropped = 0
    with app.connection_for_write() as conn:
        channel = conn.default_channel
        for queue in (*QUEUES, *known_model_queues(), *(worker_queue(name) for name in names)):
            dropped += channel.queue_purge(queue) or 0
    return dropped


def _busy_workers(names: list[str]) -> list[str]:
    """Those of `names` that do not answer a ping: a solo-pool worker answers between tasks only
    (or it died, and drops out of the announcements within WORKER_TTL)."""
    from config.celery import app

    if not names:
        return []
    replies = app.control.ping(destination=names, limit=len(names), timeout=1.0)
    answered = {name for reply in replies for name in reply}
    return [name for name in names if name not in answered]


def workers_settle(timeout: float = 90.0) -> None:
    """Let the session's workers finish what a test set going, so that nothing writes while its
    data is removed: task messages still waiting are dropped (the test is over; their jobs go
    with its data), running jobs finish (asked to cancel when they take long) and every worker
    comes back idle. Follow-ups a finishing job queues (a QA job) are dropped in the next round."""
    from annotation.jobs.locks import JobLock
    from annotation.models import Job
    from annotation.models.jobs import JobStatus

    deadline = time.monotonic() + timeout
    cancel_at = deadline - timeout / 3
    cancel_asked = False
    while True:
        names = sorted(set(announced_queues()) | set(_pause_depth))
        dropped = _purge_waiting_tasks(names)
        running = [pk for pk in Job.objects.filter(status=JobStatus.RUNNING).values_list("pk", flat=True)
                   if JobLock.is_held(pk)]
        busy = [] if running else _busy_workers(names)
        if not dropped and not running and not busy:
            return
        now = time.monotonic()
        if running and now > cancel_at and not cancel_asked:
            Job.objects.filter(pk__in=running).update(cancel_requested=True)
            cancel_asked = True
        if now > deadline:
            raise RuntimeError(f"still running after {timeout:.0f} s: jobs {running}, workers {busy}")
        time.sleep(0.1)
