"""The one heartbeat of long jobs: refresh a job's lock from a side thread while its body runs.

The body may spend longer than the lock's TTL in one step that cannot call back (a model
running on one frame, parsing a large upload, one big transaction); the heartbeat keeps the
lock alive meanwhile, so recovery never mistakes a slow worker for a dead one. The lock lapses
only when the process dies, which stops the heartbeat with it, or when it cannot reach Redis for
a whole TTL. A beat that finds the lock gone or another holder's marks it lost and stops: the
job body notices at its next check (`JobContext.cancelled`, `check_cancel`, `progress`).
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Iterator

from annotation.jobs.locks import JobLock, JobLockLost, lock_ttl

log = logging.getLogger(__name__)

# Beats per TTL: two beats may fail (Redis away for a moment) before the lock lapses.
BEATS_PER_TTL = 3
# Shortest time between beats (seconds), whatever the TTL.
MIN_PERIOD = 0.2


@contextlib.contextmanager
def heartbeat(lock: JobLock) -> Iterator[None]:
    """Refresh `lock` every TTL / 3 seconds until the block ends; the thread is joined on exit.

    A refresh that fails on a Redis error is logged and retried at the next beat rather than
    ending the job; one that finds the lock lost (`JobLockLost`) ends the beats.
    """
    period = max(MIN_PERIOD, lock_ttl() / BEATS_PER_TTL)
    stop = threading.Event()

    def beat() -> None:
        while not stop.wait(period):
            try:
                lock.refresh()
            except JobLockLost:
                log.warning("job %s: lost its lock; this worker stops working on it", lock.job_id)
                return
            except Exception:  # Redis away for a moment: the next beat tries again
                log.warning("could not refresh the lock of job %s", lock.job_id, exc_info=True)

    thread = threading.Thread(target=beat, name=f"job-{lock.job_id}-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=5)
