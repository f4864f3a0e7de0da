"""The job runtime (annotation/jobs/): the lock, the one heartbeat, the runner that applies it
to every job, and the registry of job kinds. Real Redis (the session's test db) and PostgreSQL."""

from __future__ import annotations

import threading
import time
from fnmatch import fnmatch
from typing import Any

import pytest
from django.conf import settings as django_settings

from annotation.jobs.heartbeat import heartbeat
from annotation.jobs.locks import JobLock
from annotation.jobs.redis_client import redis_client
from annotation.jobs.registry import JOB_KINDS, NOT_QUEUED, job_route
from annotation.jobs.runner import JobContext, run_job
from annotation.models import Job
from annotation.models.jobs import JobKind
from annotation.services import jobs as job_services
from tests.factories import make_team

TTL = 1  # seconds: short, so the tests see a lock lapse


@pytest.fixture
def short_ttl(settings: Any) -> None:
    settings.MASKLET = {**settings.MASKLET, "JOB_LOCK_TTL": TTL}


@pytest.fixture
def lock() -> Any:
    lock = JobLock(job_id=900_001, owner="host:1:task")
    redis_client().delete(lock.key)
    yield lock
    redis_client().delete(lock.key)


def _heartbeat_threads(job_id: int) -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == f"job-{job_id}-heartbeat"]


def test_lock_is_taken_once_and_released_by_its_owner_only(lock: JobLock, short_ttl: None) -> None:
    other = JobLock(job_id=lock.job_id, owner="elsewhere:2:task")
    assert lock.acquire()
    assert lock.acquire()  # the same owner again (a redelivery to this worker)
    assert not other.acquire()
    other.release()
    assert JobLock.is_held(lock.job_id)
    lock.release()
    assert not JobLock.is_held(lock.job_id)
    assert other.acquire()
    other.release()


def test_lock_lapses_without_a_heartbeat(lock: JobLock, short_ttl: None) -> None:
    assert lock.acquire()
    time.sleep(TTL + 0.5)
    assert not JobLock.is_held(lock.job_id)


def test_heartbeat_extends_the_lock_and_stops(lock: JobLock, short_ttl: None) -> None:
    assert lock.acquire()
    with heartbeat(lock):
        time.sleep(TTL * 2.5)  # the lock alone would have lapsed twice over
        assert JobLock.is_held(lock.job_id)
        assert redis_client().get(lock.key) == lock.owner.encode()
        assert _heartbeat_threads(lock.job_id)
    assert not _heartbeat_threads(lock.job_id)  # joined on exit
    assert JobLock.is_held(lock.job_id)  # released by the runner, not by the heartbeat
    time.sleep(TTL + 0.5)
    assert not JobLock.is_held(lock.job_id)  # nothing refreshes it any more


@pytest.mark.django_db
def test_every_job_body_runs_under_the_heartbeat(short_ttl: None) -> None:
    """A body that spends longer than the TTL in one step keeps its lock (recovery leaves it
    alone); the lock is released when the job finishes."""
    team = make_team()
    job = job_services.job_create(project=team.project, kind=JobKind.EXPORT, user=team.manager)  # enqueued on commit: never here
    seen: dict[str, Any] = {}

    def body(job: Job, ctx: JobContext) -> dict:
        time.sleep(TTL * 2.5)
        seen["held"] = JobLock.is_held(job.pk)
        seen["threads"] = len(_heartbeat_threads(job.pk))
        return {"slept": True}

    assert run_job(job.pk, body, task_id="t-1") == "succeeded"
    assert seen == {"held": True, "threads": 1}
    assert not JobLock.is_held(job.pk)
    assert not _heartbeat_threads(job.pk)
    job.refresh_from_db()
    assert job.result == {"slept": True}


def test_registry_covers_every_job_kind() -> None:
    assert set(JOB_KINDS) | NOT_QUEUED == set(JobKind.values)
    assert not set(JOB_KINDS) & NOT_QUEUED
    with pytest.raises(KeyError):
        job_route(JobKind.SEGMENT)


def test_registry_names_real_tasks_on_their_routed_queues() -> None:
    from config.celery import app

    app.loader.import_default_modules()  # the tasks modules autodiscovery would import
    for kind, route in JOB_KINDS.items():
        assert route.task in app.tasks, kind
        routed = [conf["queue"] for pattern, conf in django_settings.CELERY_TASK_ROUTES.items()
                  if fnmatch(route.task, pattern)]
        assert routed[:1] == [route.queue], kind
