"""Pausing the session's Celery workers, with Celery's own remote control (cancel_consumer and
add_consumer): a test whose jobs must wait in their queues, or must be taken only by workers it
started itself (on other storage, say), pauses the workers already running meanwhile."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from typing import Any

QUEUES = ("interactive", "batch", "cpu")


def running_workers() -> list[str]:
    from config.celery import app

    return [name for reply in app.control.ping(timeout=1.0) for name in reply]


def _set_consuming(names: list[str], consume: bool) -> None:
    from config.celery import app

    for queue in QUEUES:
        if consume:
            app.control.add_consumer(queue, destination=names, reply=True, timeout=2.0)
        else:
            app.control.cancel_consumer(queue, destination=names, reply=True, timeout=2.0)


@contextlib.contextmanager
def paused_workers() -> Iterator[list[str]]:
    """The workers running now take no new task until the block ends (yields their names)."""
    paused = running_workers()
    if paused:
        _set_consuming(paused, False)
        time.sleep(1.5)  # a poll already waiting on a queue (1 s broker timeout) runs out
    try:
        yield paused
    finally:
        if paused:
            _set_consuming(paused, True)


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
