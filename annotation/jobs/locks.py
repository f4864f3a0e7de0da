"""The Redis lock a worker holds on the job it runs.

A running job's lock is refreshed as the job works (`heartbeat`, and each progress report) and
lapses MASKLET["JOB_LOCK_TTL"] seconds after its worker died: a job whose row says running but
whose lock has lapsed belongs to a dead worker (see `recovery`). The lock also makes a job safe
to deliver twice: a second delivery finds it held by a live worker and leaves it alone.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass

from django.conf import settings

from annotation.jobs.redis_client import redis_client


def lock_ttl() -> int:
    """Seconds a lock lives without being refreshed (MASKLET["JOB_LOCK_TTL"])."""
    return int(settings.MASKLET["JOB_LOCK_TTL"])


@dataclass(frozen=True)
class JobLock:
    """The lock on job `job_id` as held, or sought, by `owner` (host:pid:Celery task id)."""

    job_id: int
    owner: str

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
        """Whether any worker holds the job's lock (it has not lapsed)."""
        return bool(redis_client().exists(cls.key_of(job_id)))

    def acquire(self) -> bool:
        """Take the lock for one TTL. False when another owner holds it; True when it was free or
        this owner already holds it."""
        if redis_client().set(self.key, self.owner, nx=True, ex=lock_ttl()):
            return True
        return redis_client().get(self.key) == self.owner.encode()

    def refresh(self) -> None:
        """Hold the lock for one more TTL from now."""
        redis_client().set(self.key, self.owner, ex=lock_ttl())

    def release(self) -> None:
        """Drop the lock if this owner still holds it."""
        if redis_client().get(self.key) == self.owner.encode():
            redis_client().delete(self.key)
