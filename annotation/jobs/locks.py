"""The Redis lock a worker holds on the job it runs: fenced, one token per holder.

A running job's lock is refreshed as the job works (`heartbeat`, and each progress report) and
lapses MASKLET["JOB_LOCK_TTL"] seconds after its worker died: a job whose row says running but
whose lock has lapsed belongs to a dead worker (see `recovery`). The lock also makes a job safe
to deliver twice: a second delivery finds it held by a live worker and retries later.

It is redis-py's own `Lock`: each holder takes it with a token of its own, and refresh and
release compare that token in one Lua script, so a holder whose lock lapsed (its process froze,
Redis restarted) can neither extend nor delete the lock another holder took meanwhile. Such a
holder learns it from its next refresh (`JobLockLost`) and stops working on the job; its writes
are fenced in the database too (`job_progress` and `job_finish` compare the job's attempt).
"""

from __future__ import annotations

import os
import socket
import threading
import uuid

import redis
from django.conf import settings

from annotation.jobs.redis_client import redis_client


class JobLockLost(BaseException):
    """This holder no longer holds the job (its lock lapsed or another attempt took the job
    over): it must stop working on the job and write nothing more.

    A BaseException, as SystemExit is, so that a job body's `except Exception` clean-up (ingest
    deletes the frames it stored when it fails) never runs for a job another worker now owns."""


def lock_ttl() -> int:
    """Seconds a lock lives without being refreshed (MASKLET["JOB_LOCK_TTL"])."""
    return int(settings.MASKLET["JOB_LOCK_TTL"])


class JobLock:
    """The lock on job `job_id` as held, or sought, by one holder. `owner` says who (host:pid:
    Celery task id) for the logs; the token stored in Redis is `owner` plus a random suffix, so
    two holders never share one, even the same task delivered twice to one process."""

    def __init__(self, *, job_id: int, owner: str) -> None:
        self.job_id = job_id
        self.owner = owner
        self.token = f"{owner}:{uuid.uuid4().hex[:12]}"
        # thread_local=False: the heartbeat thread refreshes the lock the job's thread took.
        self._lock = redis_client().lock(self.key, timeout=lock_ttl(), blocking=False, thread_local=False)
        self._lost = threading.Event()

    @classmethod
    def for_worker(cls, job_id: int, task_id: str | None = None) -> JobLock:
        """The lock this worker process takes to run the job delivered as Celery task `task_id`."""
        return cls(job_id=job_id, owner=f"{socket.gethostname()}:{os.getpid()}:{task_id or '-'}")

    @staticmethod
    def key_of(job_id: int) -> str:
        return f"masklet:job-lock:{job_id}"

    @property
    def key(self) -> str:
        return self.key_of(self.job_id)

    @classmethod
    def is_held(cls, job_id: int) -> bool:
        """Whether any holder has the job's lock (it has not lapsed)."""
        return bool(redis_client().exists(cls.key_of(job_id)))

    @classmethod
    def seconds_left(cls, job_id: int) -> float:
        """Seconds until the job's lock lapses unless refreshed; 0 when nobody holds it."""
        return max(0.0, redis_client().pttl(cls.key_of(job_id)) / 1000)

    @property
    def lost(self) -> bool:
        """Whether a refresh found the lock gone or another holder's."""
        return self._lost.is_set()

    def acquire(self) -> bool:
        """Take the lock for one TTL. False when another holder has it; True when it was free or
        this holder already has it."""
        self._lock.timeout = lock_ttl()  # read when taken, as every refresh then uses it
        if self._lock.acquire(token=self.token):
            self._lost.clear()
            return True
        return self.held_by_me()

    def held_by_me(self) -> bool:
        return redis_client().get(self.key) == self.token.encode()

    def refresh(self) -> None:
        """Hold the lock for one more TTL from now, if this holder still has it; otherwise mark it
        lost and raise `JobLockLost`. Redis errors (Redis away for a moment) propagate as they are."""
        if self.lost:
            raise JobLockLost(f"job {self.job_id}: the lock was lost")
        try:
            if self._lock.local.token is None:  # never acquired by this holder
                raise redis.exceptions.LockNotOwnedError("not acquired", lock_name=self.key)
            self._lock.reacquire()
        except redis.exceptions.LockNotOwnedError:
            self._lost.set()
            raise JobLockLost(f"job {self.job_id}: the lock lapsed or another worker holds it") from None

    def release(self) -> None:
        """Drop the lock if this holder still has it (never another holder's)."""
        if self._lock.local.token is None:
            return
        try:
            self._lock.release()
        except redis.exceptions.LockNotOwnedError:
            pass  # lapsed, perhaps taken by another holder: theirs now
