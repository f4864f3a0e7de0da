"""The stages that run beside the model during a propagation: mask clean-up and RLE encoding in a
thread pool, and database writes in a writer thread with its own connection.

    model (job's thread) ──FrameMasks──▶ MaskEncoder (pool) ──{object: RLE}──▶ batch ──▶ BatchWriter

Frames are read ahead by `frames.PrefetchedFrames`. Every queue is bounded, so a slow stage
slows the model down instead of piling up memory: at most `MaskEncoder.max_pending` full-size
masks wait for the pool, and batches hold RLEs only (a frame's masks are encoded before the
frame joins a batch). A failure in any stage is kept and raised in the job's thread (`check`),
where the runner turns it into a failed job; `JobLockLost` (a BaseException) travels the same way.
"""

from __future__ import annotations

import collections
import contextlib
import logging
import queue
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import numpy as np
from django.db import close_old_connections, connection

import maskcodec as rle_utils
from inference.engine.base import FrameMasks
from inference.engine.postprocess import PostprocessParams, postprocess_mask

log = logging.getLogger(__name__)

# The stages whose time a propagation reports (seconds, summed over the threads doing each).
STAGES = ("read", "model", "post-process", "encode", "store")

EncodedFrame = tuple[int, dict[int, dict[str, Any]]]  # (frame, {object id: RLE})


class StageClock:
    """Seconds spent per stage, added from any thread; `waits` are the job thread's stalls on the
    stages beside it (a full pool, a full writer queue), which overlapping should keep near 0."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.seconds: dict[str, float] = dict.fromkeys(STAGES, 0.0)
        self.waits: dict[str, float] = {"encoder": 0.0, "writer": 0.0, "reader": 0.0}

    def add(self, stage: str, seconds: float) -> None:
        with self._lock:
            self.seconds[stage] += seconds

    def wait(self, stage: str, seconds: float) -> None:
        with self._lock:
            self.waits[stage] += seconds

    @contextlib.contextmanager
    def measure(self, stage: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.add(stage, time.perf_counter() - started)

    def timed(self, items: Iterator[FrameMasks]) -> Iterator[FrameMasks]:
        """`items` with the time spent producing each counted as "model" (frame reads the
        prefetcher had not finished count as a reader wait inside it)."""
        while True:
            started = time.perf_counter()
            item = next(items, None)
            self.add("model", time.perf_counter() - started)
            if item is None:
                return
            yield item

    def report(self) -> dict[str, Any]:
        with self._lock:
            return {
                "seconds": {k: round(v, 4) for k, v in self.seconds.items()},
                "waits": {k: round(v, 4) for k, v in self.waits.items()},
            }


class Failure:
    """The first exception any stage raised (kept for the job's thread to raise)."""

    def __init__(self) -> None:
        self.error: BaseException | None = None
        self._lock = threading.Lock()

    def set(self, error: BaseException) -> None:
        with self._lock:
            if self.error is None:
                self.error = error

    def check(self) -> None:
        if self.error is not None:
            raise self.error


def _done(function: Callable[..., dict[str, Any]], *args: Any) -> Future[dict[str, Any]]:
    """`function(*args)` run here, as a finished future (an encoder without threads)."""
    future: Future[dict[str, Any]] = Future()
    try:
        future.set_result(function(*args))
    except BaseException as error:  # kept in `failure` by `_encode`, raised by `check`
        future.set_exception(error)
    return future


class MaskEncoder:
    """Post-processes and RLE-encodes masks in a thread pool, handing back whole frames in the
    order they were submitted. At most `max_pending` masks are in the pool at once: `submit`
    waits (counted as an encoder wait) until the oldest are done."""

    def __init__(self, params: PostprocessParams, *, threads: int, clock: StageClock, failure: Failure) -> None:
        self.params = params
        self.threads = max(0, int(threads))
        self.max_pending = 2 * max(1, self.threads)
        self.clock = clock
        self.failure = failure
        # No threads: every mask is cleaned up and encoded in the caller's thread, between frames.
        self._pool = (
            ThreadPoolExecutor(max_workers=self.threads, thread_name_prefix="masklet-encode") if self.threads else None
        )
        # Frames in submission order: (frame, {object id: future of its RLE}).
        self._frames: collections.deque[tuple[int, dict[int, Future[dict[str, Any]]]]] = collections.deque()
        self._pending: collections.deque[Future[dict[str, Any]]] = collections.deque()

    def _encode(self, masks: Mapping[int, np.ndarray], object_id: int) -> dict[str, Any]:
        try:
            with self.clock.measure("post-process"):  # a lazy mask (SAM 2) is upsampled here
                clean = postprocess_mask(masks[object_id], self.params)
            with self.clock.measure("encode"):
                return rle_utils.encode(clean)
        except BaseException as error:
            self.failure.set(error)
            raise

    def submit(self, item: FrameMasks) -> None:
        """Queue every mask of one frame (the caller drops `item` afterwards)."""
        futures: dict[int, Future[dict[str, Any]]] = {}
        for object_id in item.masks:  # a lazy mask is made where it is encoded: in the pool, or here without one
            self._throttle(self.max_pending - 1)
            future = self._pool.submit(self._encode, item.masks, object_id) if self._pool else _done(
                self._encode, item.masks, object_id
            )
            futures[object_id] = future
            self._pending.append(future)
        self._frames.append((item.frame, futures))

    def _throttle(self, limit: int) -> None:
        while self._pending and (len(self._pending) > limit or self._pending[0].done()):
            oldest = self._pending[0]
            if not oldest.done():
                started = time.perf_counter()
                with contextlib.suppress(BaseException):  # its error is in `failure`
                    oldest.result()
                self.clock.wait("encoder", time.perf_counter() - started)
            self._pending.popleft()

    def ready(self, *, wait: bool = False) -> Iterator[EncodedFrame]:
        """Frames whose masks are all encoded, oldest first; with `wait`, every frame submitted."""
        while self._frames:
            frame, futures = self._frames[0]
            if not wait and not all(f.done() for f in futures.values()):
                return
            started = time.perf_counter()
            rles = {object_id: future.result() for object_id, future in futures.items()}
            self.clock.wait("encoder", time.perf_counter() - started)
            self._frames.popleft()
            self._throttle(self.max_pending)
            yield frame, rles

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
        self._frames.clear()
        self._pending.clear()


_STOP = object()


class BatchWriter:
    """Writes batches in a thread of its own, one `store(batch)` call each, in order.

    The thread has its own database connection (Django's connections are per thread), taken
    from the process's pool and closed when the writer stops. The queue holds at most `depth`
    batches: `put` waits (counted as a writer wait) while the database is that far behind.
    After a failure the writer drops what is still queued and `put` raises that failure.
    """

    def __init__(self, store: Callable[[list[EncodedFrame]], None], *, depth: int, clock: StageClock,
                 failure: Failure, name: str) -> None:
        self._store = store
        self.clock = clock
        self.failure = failure
        self._queue: queue.Queue[Any] = queue.Queue(maxsize=max(1, int(depth)))
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            while (batch := self._queue.get()) is not _STOP:
                if self.failure.error is not None:
                    continue  # a stage failed: the job stops, nothing more is written
                try:
                    close_old_connections()  # a connection PostgreSQL dropped is replaced
                    with self.clock.measure("store"):
                        self._store(batch)
                except BaseException as error:  # JobLockLost included: the job's thread raises it
                    log.info("propagation writer stopped: %s: %s", type(error).__name__, error)
                    self.failure.set(error)
        finally:
            connection.close()  # back to the pool

    def put(self, batch: list[EncodedFrame]) -> None:
        self.failure.check()
        started = time.perf_counter()
        self._queue.put(batch)
        self.clock.wait("writer", time.perf_counter() - started)

    def close(self) -> None:
        """Write what is queued, stop the thread and wait for it."""
        self._queue.put(_STOP)
        self._thread.join()


class Batches:
    """Encoded frames gathered into batches of `size` frames for the writer, in frame order."""

    def __init__(self, writer: BatchWriter, size: int) -> None:
        self.writer = writer
        self.size = max(1, int(size))
        self._batch: list[EncodedFrame] = []

    def extend(self, frames: Iterator[EncodedFrame]) -> None:
        for encoded in frames:
            self._batch.append(encoded)
            if len(self._batch) >= self.size:
                self.flush()

    def flush(self) -> None:
        if self._batch:
            batch, self._batch = self._batch, []
            self.writer.put(batch)
