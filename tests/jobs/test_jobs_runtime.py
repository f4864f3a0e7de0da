"""The job runtime (annotation/jobs/): the lock, the one heartbeat, the runner that applies it
to every job, and the registry of job kinds. Real Redis (the session's test db) and PostgreSQL."""

from __future__ import annotations

import threading
import time
from fnmatch import fnmatch
from typing import Any

import numpy as np
import pytest
from django.conf import settings as django_settings
from django.db import transaction

import maskcodec
from annotation.jobs.heartbeat import heartbeat
from annotation.jobs.locks import JobLock, JobLockLost
from annotation.jobs.redis_client import redis_client
from annotation.jobs.registry import JOB_KINDS, NOT_QUEUED, job_route
from annotation.jobs.runner import LOST, JobBusy, JobContext, run_job
from annotation.models import FrameMask, Job
from annotation.models.jobs import JobKind
from annotation.services import jobs as job_services
from annotation.services.masklets import NewMask, frame_masks_store, masklet_create
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
        assert redis_client().get(lock.key) == lock.token.encode()  # this holder's token
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
        task = app.tasks[route.task]
        # Acknowledged once the job ended; a delivery meeting a live lock retries without limit.
        assert (task.acks_late, task.reject_on_worker_lost, task.max_retries) == (True, True, None), kind
        routed = [conf["queue"] for pattern, conf in django_settings.CELERY_TASK_ROUTES.items()
                  if fnmatch(route.task, pattern)]
        assert routed[:1] == [route.queue], kind


# --- Fencing: a token per holder; refresh and release compare it ----------------------------------

def test_a_holder_whose_lock_lapsed_can_neither_refresh_nor_release_the_next_holders(
    lock: JobLock, short_ttl: None
) -> None:
    assert lock.acquire()
    time.sleep(TTL + 0.5)  # this holder froze past the TTL
    other = JobLock(job_id=lock.job_id, owner="elsewhere:2:task")
    assert other.acquire()
    with pytest.raises(JobLockLost):
        lock.refresh()
    assert lock.lost and not other.lost
    lock.release()  # a no-op: the lock is the other holder's
    assert redis_client().get(lock.key) == other.token.encode()
    other.refresh()
    other.release()
    assert not JobLock.is_held(lock.job_id)


def test_two_deliveries_of_one_task_in_one_process_are_two_holders(lock: JobLock) -> None:
    first = JobLock.for_worker(lock.job_id, "task-1")
    second = JobLock.for_worker(lock.job_id, "task-1")
    assert first.owner == second.owner and first.token != second.token
    assert first.acquire()
    assert not second.acquire()
    second.release()
    assert JobLock.is_held(lock.job_id)
    first.release()


def test_the_heartbeat_notices_a_lost_lock_and_stops(lock: JobLock, short_ttl: None) -> None:
    assert lock.acquire()
    with heartbeat(lock):
        redis_client().delete(lock.key)  # gone, as a Redis restart without persistence loses it
        other = JobLock(job_id=lock.job_id, owner="elsewhere:2:task")
        assert other.acquire()
        deadline = time.monotonic() + TTL * 2
        while not lock.lost:
            assert time.monotonic() < deadline, "the heartbeat did not notice"
            time.sleep(0.05)
        time.sleep(0.5)
        assert not _heartbeat_threads(lock.job_id)  # it stopped beating
        assert redis_client().get(lock.key) == other.token.encode()  # and never took the lock back
    other.release()


@pytest.mark.django_db
def test_a_worker_that_lost_its_job_stops_and_writes_nothing_more(short_ttl: None) -> None:
    """Its lock lapsed and another worker started the job: its next batch (masks and checkpoint
    in one transaction) is rolled back, it does not finish the job, and `run_job` says `lost`."""
    team = make_team()
    masklet = masklet_create(video=team.video, user=team.manager, name="fenced")
    job = job_services.job_create(project=team.project, kind=JobKind.PROPAGATE, user=team.manager, video=team.video)
    rle = maskcodec.encode(np.ones((team.video.height, team.video.width), dtype=bool))
    seen: dict[str, Any] = {}

    def body(job: Job, ctx: JobContext) -> dict:
        with transaction.atomic():
            frame_masks_store(masklet=masklet, masks=[NewMask(frame=0, rle=rle, source="propagated")], job_id=job.pk)
            ctx.progress(0.5, frame=0, checkpoint={"forward": 0})
        # This worker freezes past its TTL; another delivery takes the job over.
        redis_client().delete(ctx.lock.key)
        seen["other"] = JobLock.for_worker(job.pk, "other-task")
        assert seen["other"].acquire()
        assert job_services.job_start(job=Job.objects.get(pk=job.pk)) is not None
        seen["cancelled"] = ctx.cancelled()  # not yet noticed: the heartbeat has not beaten
        with transaction.atomic():
            frame_masks_store(masklet=masklet, masks=[NewMask(frame=1, rle=rle, source="propagated")], job_id=job.pk)
            ctx.progress(1.0, frame=1, checkpoint={"forward": 1})  # raises: the job is another attempt's
        raise AssertionError("unreachable")

    assert run_job(job.pk, body, task_id="first") == LOST
    job.refresh_from_db()
    assert (job.status, job.attempts, job.checkpoint, job.progress) == ("running", 2, {"forward": 0}, 0.5)
    assert sorted(FrameMask.objects.filter(masklet=masklet).values_list("frame", flat=True)) == [0]
    assert redis_client().get(JobLock.key_of(job.pk)) == seen["other"].token.encode()  # not released by the loser
    assert seen["cancelled"] is False
    seen["other"].release()


@pytest.mark.django_db
def test_a_late_finish_of_a_superseded_attempt_changes_nothing() -> None:
    team = make_team()
    job = job_services.job_create(project=team.project, kind=JobKind.EXPORT, user=team.manager)
    first = job_services.job_start(job=job)
    assert first is not None and first.attempts == 1
    job_services.job_start(job=Job.objects.get(pk=job.pk))  # a second attempt took over
    with pytest.raises(JobLockLost):
        job_services.job_finish(job=first, status="succeeded", result={"late": True}, attempt=1)
    with pytest.raises(JobLockLost):
        job_services.job_progress(job=first, progress=0.9, attempt=1)
    job.refresh_from_db()
    assert (job.status, job.result, job.progress) == ("running", {}, 0.0)
    assert job_services.job_finish(job=job, status="succeeded", attempt=2).status == "succeeded"


@pytest.mark.django_db
def test_a_delivery_that_meets_a_live_lock_is_busy_and_runs_nothing(short_ttl: None) -> None:
    team = make_team()
    job = job_services.job_create(project=team.project, kind=JobKind.EXPORT, user=team.manager)
    holder = JobLock.for_worker(job.pk, "the-live-one")
    assert holder.acquire()
    ran = []
    with pytest.raises(JobBusy) as busy:
        run_job(job.pk, lambda job, ctx: ran.append(1) or {}, task_id="duplicate")
    assert 1 <= busy.value.retry_in <= TTL + 1
    assert not ran
    job.refresh_from_db()
    assert (job.status, job.attempts) == ("queued", 0)
    assert redis_client().get(holder.key) == holder.token.encode()
    holder.release()


@pytest.mark.django_db
def test_a_job_cancelled_while_its_worker_takes_it_never_starts() -> None:
    team = make_team()
    job = job_services.job_create(project=team.project, kind=JobKind.EXPORT, user=team.manager)
    job_services.job_cancel(job=job)
    assert job_services.job_start(job=job) is None
    job.refresh_from_db()
    assert (job.status, job.attempts) == ("cancelled", 0)
