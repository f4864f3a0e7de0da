"""The reconciler and cancel, in this process on the real database and Redis: which jobs a pass
sends again, which it leaves alone, and cancel of a job whose worker died. Messages are not
sent here (the test's transaction never commits); the on-commit sends are counted instead.
tests/inference/test_recovery.py runs the same with real workers, SIGKILL and Celery beat."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from annotation.jobs.locks import JobLock
from annotation.jobs.recovery import reconcile_jobs
from annotation.jobs.redis_client import redis_client
from annotation.models import Job
from annotation.models.jobs import JobKind
from annotation.services import jobs as job_services
from tests.factories import make_team

pytestmark = pytest.mark.django_db

GRACE = 30.0


@pytest.fixture(autouse=True)
def grace(settings: Any) -> None:
    settings.MASKLET = {**settings.MASKLET, "JOB_QUEUED_GRACE": GRACE}


@pytest.fixture
def team() -> Any:
    return make_team()


def _job(team: Any, kind: str = JobKind.EXPORT, **fields: Any) -> Job:
    job = job_services.job_create(project=team.project, kind=kind, user=team.manager, video=team.video)
    if fields:
        Job.objects.filter(pk=job.pk).update(**fields)
        job.refresh_from_db()
    return job


def _sent(callbacks: list[Any]) -> int:
    """How many of the on-commit callbacks send a job to its queue (others publish events)."""
    return sum("_send_after_commit" in callback.__qualname__ for callback in callbacks)


def _ago(seconds: float) -> Any:
    return timezone.now() - timedelta(seconds=seconds)


def _running(team: Any, **fields: Any) -> Job:
    job = _job(team, JobKind.PROPAGATE)
    started = job_services.job_start(job=job)
    assert started is not None
    if fields:
        Job.objects.filter(pk=job.pk).update(**fields)
        started.refresh_from_db()
    return started


def test_a_queued_job_not_started_within_the_grace_is_sent_again_once(
    team: Any, django_capture_on_commit_callbacks: Any
) -> None:
    waiting = _job(team, enqueued_at=_ago(GRACE - 5))  # sent recently: its message is on its way
    lost = _job(team, enqueued_at=_ago(GRACE + 5))  # e.g. the web process died before sending it
    legacy = _job(team, enqueued_at=None, created_at=_ago(GRACE + 5))  # a row from before enqueued_at
    with django_capture_on_commit_callbacks() as sends:
        done = reconcile_jobs()
    assert sorted(done.resent) == sorted([lost.pk, legacy.pk])
    assert (done.resumed, done.cancelled) == ([], [])
    assert _sent(sends) == 2
    for job in (lost, legacy):
        job.refresh_from_db()
        assert job.status == "queued" and job.enqueued_at > _ago(5)
    waiting.refresh_from_db()
    assert waiting.enqueued_at < _ago(GRACE - 5)
    with django_capture_on_commit_callbacks() as sends:
        assert reconcile_jobs().resent == []  # just sent again: the next grace period starts now
    assert _sent(sends) == 0


def test_a_dead_workers_job_is_queued_again_with_its_checkpoint_and_a_live_one_is_left_alone(
    team: Any, django_capture_on_commit_callbacks: Any
) -> None:
    orphan = _running(team, checkpoint={"forward": 7, "stored": 7}, progress=0.4)
    live = _running(team, started_at=_ago(3600))  # slow, started long ago, but its heartbeat beats
    holder = JobLock.for_worker(live.pk, "live")
    assert holder.acquire()
    try:
        with django_capture_on_commit_callbacks() as sends:
            done = reconcile_jobs()
    finally:
        holder.release()
    assert (done.resumed, done.resent, done.cancelled) == ([orphan.pk], [], [])
    assert _sent(sends) == 1
    orphan.refresh_from_db()
    assert (orphan.status, orphan.attempts, orphan.checkpoint, orphan.progress) == (
        "queued", 1, {"forward": 7, "stored": 7}, 0.4
    )
    live.refresh_from_db()
    assert (live.status, live.attempts) == ("running", 1)


def test_a_dead_workers_job_someone_asked_to_stop_is_cancelled(team: Any) -> None:
    orphan = _running(team, cancel_requested=True)
    assert reconcile_jobs().cancelled == [orphan.pk]
    orphan.refresh_from_db()
    assert orphan.status == "cancelled" and orphan.finished_at is not None


def test_cancel_stops_a_live_job_through_its_worker_and_an_orphan_at_once(
    team: Any, django_capture_on_commit_callbacks: Any
) -> None:
    live = _running(team)
    holder = JobLock.for_worker(live.pk, "live")
    assert holder.acquire()
    try:
        answer = team.client("manager").post(f"/api/jobs/{live.pk}/cancel/")
    finally:
        holder.release()
    assert answer.status_code == 200
    assert (answer.json()["status"], answer.json()["cancel_requested"]) == ("running", True)  # its worker stops it

    orphan = _running(team)
    assert not JobLock.is_held(orphan.pk)
    with django_capture_on_commit_callbacks() as sends:
        answer = team.client("manager").post(f"/api/jobs/{orphan.pk}/cancel/")
    assert answer.status_code == 200
    assert (answer.json()["status"], answer.json()["cancel_requested"]) == ("cancelled", True)
    assert _sent(sends) == 1  # its task, once, to settle what the kind leaves behind
    assert team.client("manager").post(f"/api/jobs/{orphan.pk}/cancel/").status_code == 409
    # The live job's worker died (its lock is gone) before it noticed the cancel: a pass ends it.
    assert reconcile_jobs().as_dict() == {"resent": [], "resumed": [], "cancelled": [live.pk]}


def test_two_reconcilers_at_once_send_a_job_once(team: Any, django_capture_on_commit_callbacks: Any) -> None:
    lost = _job(team, enqueued_at=_ago(GRACE + 5))
    sent_before = _ago(GRACE)
    with django_capture_on_commit_callbacks() as sends:
        first = job_services.job_requeue_lost(job_id=lost.pk, sent_before=sent_before)
        second = job_services.job_requeue_lost(job_id=lost.pk, sent_before=sent_before)
    assert (first, second, _sent(sends)) == (True, False, 1)
    orphan = _running(team)
    assert job_services.job_recover_orphan(job_id=orphan.pk) == "queued"
    assert job_services.job_recover_orphan(job_id=orphan.pk) is None


def test_the_lock_key_is_what_is_held_check_reads(team: Any) -> None:
    job = _running(team)
    redis_client().set(JobLock.key_of(job.pk), b"someone", px=5000)
    try:
        assert reconcile_jobs().resumed == []
    finally:
        redis_client().delete(JobLock.key_of(job.pk))
    assert reconcile_jobs().resumed == [job.pk]
