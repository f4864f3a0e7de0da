"""Jobs heal themselves, with real workers, a real Celery beat and SIGKILL (of a worker's whole
process group, as a crash or an OOM kill would):

- the reconciler resumes a killed worker's propagation from its checkpoint on a worker that was
  already running (no restart), every frame stored exactly once; a worker that starts does the
  same (the one code path, run once at start-up);
- a queued job whose message never left the web process is sent again and runs;
- an orphaned job (its worker died) is cancelled at once, and its video settled;
- a slow but live job is never queued again, and a duplicate delivery never runs it twice.

SAM 2 tiny at 256 px is slow enough on CPU (~0.5 s per frame) for a kill or a duplicate to land
mid-job. The test settings use a 5 s job lock TTL; here the reconciler runs every second with a
2 s grace for queued jobs (MASKLET_JOB_RECONCILE_PERIOD, MASKLET_JOB_QUEUED_GRACE). The measured
recovery times are printed (pytest -s).
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from annotation.jobs.locks import JobLock
from annotation.models import FrameMask, Job, Video
from annotation.services.ingest import CANCELLED_MESSAGE
from annotation.services.videos import video_upload
from config.celery import app
from tests.conftest import ROOT, _subprocess_env
from tests.factories import make_team
from tests.inference.helpers import click, job, new_masklet, start_propagation, wait_job

pytestmark = [pytest.mark.worker, pytest.mark.usefixtures("transactional_db")]

FRAMES = 32
RECONCILER = {"MASKLET_JOB_RECONCILE_PERIOD": "1", "MASKLET_JOB_QUEUED_GRACE": "2"}


class Beat:
    """A real `celery beat` process, sending the reconciler every MASKLET_JOB_RECONCILE_PERIOD s."""

    def __init__(self, env: dict[str, str], folder: Path) -> None:
        self.log_path = folder / "beat.log"
        self._log = open(self.log_path, "ab")  # noqa: SIM115
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "beat", "--schedule", str(folder / "schedule"),
             "--loglevel=INFO"],
            cwd=ROOT, env=_subprocess_env(env), stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while b"Sending due task reconcile-jobs" not in self.log_path.read_bytes():
            assert self.proc.poll() is None, self.log_path.read_text()[-3000:]
            assert time.monotonic() < deadline, self.log_path.read_text()[-3000:]
            time.sleep(0.2)

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(20)
        self._log.close()


@pytest.fixture
def start_beat(django_db_blocker: Any, tmp_path: Path) -> Iterator[Callable[[dict[str, str]], Beat]]:
    beats: list[Beat] = []

    def start(env: dict[str, str]) -> Beat:
        with django_db_blocker.unblock():
            beats.append(Beat(env, tmp_path))
        return beats[-1]

    yield start
    for beat in beats:
        beat.stop()


def _name(worker: Any) -> str:
    """The worker's node name, from its start-up banner."""
    match = re.search(r"(test-[\w-]+@\S+) v\d", worker.log_path.read_text())
    assert match, worker.log_path.read_text()[-2000:]
    return match.group(1)


def _also_consume(worker: Any, queue: str) -> None:
    """A running worker starts consuming `queue` too (Celery's remote control): it is not restarted."""
    replies = app.control.add_consumer(queue, destination=[_name(worker)], reply=True, timeout=5.0)
    assert replies, f"{_name(worker)} did not answer"


def _passes(worker: Any) -> list[str]:
    """What each reconciler pass this worker ran returned, in order."""
    return re.findall(r"reconcile_jobs\[[\w-]+\] succeeded in [\d.e-]+s: (\{.*\})", worker.log_path.read_text())


def _wait_start_up_passes(worker: Any, count: int) -> None:
    """Wait for the passes workers ask for when they start (after one lock TTL), so that what
    follows is done by Celery beat, or by nobody."""
    deadline = time.monotonic() + settings.MASKLET["JOB_LOCK_TTL"] + 30
    while len(_passes(worker)) < count:
        assert time.monotonic() < deadline, worker.log_path.read_text()[-3000:]
        time.sleep(0.2)


def _frames(masklet: int) -> dict[int, FrameMask]:
    return {m.frame: m for m in FrameMask.objects.filter(masklet_id=masklet)}


def _start_tracking(client: Any, video: int) -> tuple[int, int]:
    masklet = new_masklet(client, video)
    click(client, masklet, 0, points=[[20, 30]], labels=[1])
    return masklet, start_propagation(client, video, masklets=[masklet], start_frame=0, direction="forward")


def _check_every_frame_stored_once(masklet: int, job_id: int, before: dict[int, tuple[int, Any]]) -> None:
    after = _frames(masklet)
    assert sorted(after) == list(range(FRAMES))  # no gap; (masklet, frame) is unique in the table
    assert after[0].source == "prompt"
    assert {f: m.version for f, m in after.items()} == {f: 1 for f in range(FRAMES)}  # nothing written twice
    for frame, (version, updated_at) in before.items():
        assert (after[frame].version, after[frame].updated_at) == (version, updated_at)
    assert {after[f].job_id for f in range(1, FRAMES)} == {job_id}


def _kill_mid_propagation(worker: Any, client: Any, masklet: int, job_id: int) -> tuple[float, dict]:
    """SIGKILL `worker` once a few batches (8 frames each) are stored; (when, frames stored)."""
    wait_job(client, job_id, timeout=600, until=lambda j: FrameMask.objects.filter(masklet_id=masklet).count() > 16)
    worker.kill()
    killed = time.monotonic()
    dead = Job.objects.get(pk=job_id)
    assert (dead.status, dead.attempts) == ("running", 1)
    before = {m.frame: (m.version, m.updated_at) for m in FrameMask.objects.filter(masklet_id=masklet)}
    assert sorted(before) == list(range(dead.checkpoint["forward"] + 1))  # stopped at a batch boundary
    assert dead.checkpoint["forward"] < FRAMES - 1, "the job finished before the kill; make the clip longer"
    return killed, before


def test_the_reconciler_resumes_a_killed_workers_propagation_with_no_worker_restart(
    exclusive_workers: Callable[..., Any], sam2_env: dict[str, str], start_beat: Callable[..., Beat]
) -> None:
    env = {**sam2_env, **RECONCILER}
    victim = exclusive_workers("batch", env=env)
    survivor = exclusive_workers("interactive,cpu", env=env)  # clicks and the reconciler's passes
    start_beat(env)
    team = make_team(frames=FRAMES)
    client = team.client("annotator")
    masklet, job_id = _start_tracking(client, team.video.pk)
    killed, before = _kill_mid_propagation(victim, client, masklet, job_id)
    killed_at = timezone.now()
    _also_consume(survivor, "batch")  # a batch worker, running all along, now free for the job

    resumed = wait_job(client, job_id, timeout=120, until=lambda j: j["attempts"] == 2)
    resumed_after = time.monotonic() - killed
    done = wait_job(client, job_id, timeout=600)
    assert done["status"] == "succeeded", done
    assert done["attempts"] == 2
    assert done["result"] == {"masklets": [masklet], "frames_stored": FRAMES - 1}
    _check_every_frame_stored_once(masklet, job_id, before)
    after = _frames(masklet)
    assert all(after[f].updated_at > killed_at for f in range(len(before), FRAMES))
    ttl = settings.MASKLET["JOB_LOCK_TTL"]
    print(f"\nSIGKILL to resumed (attempt 2 running) with no restart: {resumed_after:.1f} s "
          f"(lock TTL {ttl} s, reconciler every {RECONCILER['MASKLET_JOB_RECONCILE_PERIOD']} s); state {resumed['status']}")
    assert resumed_after < ttl + 10


def test_a_worker_that_starts_resumes_a_dead_workers_job(
    exclusive_workers: Callable[..., Any], sam2_env: dict[str, str]
) -> None:
    """No beat: the pass a starting worker asks for (once the dead worker's lock lapsed) is the same."""
    first_worker = exclusive_workers(env=sam2_env)
    team = make_team(frames=FRAMES)
    client = team.client("annotator")
    masklet, job_id = _start_tracking(client, team.video.pk)
    killed, before = _kill_mid_propagation(first_worker, client, masklet, job_id)
    time.sleep(1)
    assert job(client, job_id)["status"] == "running"  # nobody finished it

    exclusive_workers(env=sam2_env)  # finds the orphan once its lock lapsed, and resumes it
    done = wait_job(client, job_id, timeout=600)
    assert done["status"] == "succeeded", done
    assert done["attempts"] == 2
    assert done["result"] == {"masklets": [masklet], "frames_stored": FRAMES - 1}
    _check_every_frame_stored_once(masklet, job_id, before)
    print(f"\nSIGKILL to finished, resumed by a new worker: {time.monotonic() - killed:.1f} s")


def test_a_slow_live_job_is_never_requeued_and_a_duplicate_delivery_never_runs_it_twice(
    exclusive_workers: Callable[..., Any], sam2_env: dict[str, str], start_beat: Callable[..., Beat]
) -> None:
    # A 2 s lock TTL and grace: the job (~0.5 s per frame) lives through many of each.
    env = {**sam2_env, **RECONCILER, "MASKLET_JOB_LOCK_TTL": "2"}
    exclusive_workers("batch", env=env)  # runs the job
    other = exclusive_workers("interactive,cpu", env=env)
    start_beat(env)
    team = make_team(frames=FRAMES)
    client = team.client("annotator")
    masklet, job_id = _start_tracking(client, team.video.pk)
    wait_job(client, job_id, timeout=600, until=lambda j: j["status"] == "running")
    _also_consume(other, "batch")
    duplicate = app.send_task("inference.tasks.run_propagation", args=[job_id], queue="batch")

    states = set()
    while (state := job(client, job_id))["status"] not in {"succeeded", "failed", "cancelled"}:
        states.add((state["status"], state["attempts"]))
        time.sleep(0.1)
    assert state["status"] == "succeeded", state
    assert states <= {("running", 1)}, states  # never queued again, never a second attempt
    assert state["attempts"] == 1
    assert state["result"] == {"masklets": [masklet], "frames_stored": FRAMES - 1}
    _check_every_frame_stored_once(masklet, job_id, {})
    # The duplicate met the live lock, retried, and found the job done.
    assert duplicate.get(timeout=60) == "succeeded"
    log = other.log_path.read_text()
    assert re.search(rf"run_propagation\[{duplicate.id}\] retry: Retry in", log), log[-3000:]
    passes = _passes(other)
    assert len(passes) >= 5, log[-3000:]  # the reconciler ran all along
    assert set(passes) == {"{'resent': [], 'resumed': [], 'cancelled': []}"}


def test_an_orphaned_ingest_is_cancelled_at_once_and_its_video_settled(
    exclusive_workers: Callable[..., Any], bedroom_mp4: Path
) -> None:
    victim = exclusive_workers("cpu")
    survivor = exclusive_workers("interactive")
    _wait_start_up_passes(survivor, 2)  # one asked by each worker
    team = make_team()
    client = team.client("manager")
    response = client.post(f"/api/projects/{team.project.pk}/videos/",
                           {"file": SimpleUploadedFile("clip.mp4", bedroom_mp4.read_bytes())}, format="multipart")
    assert response.status_code == 201, response.content
    video_id, job_id = response.json()["id"], response.json()["job"]
    wait_job(client, job_id, timeout=120, until=lambda j: j["status"] == "running" and j["progress"] > 0)
    victim.kill()

    # Its lock has not lapsed yet: the worker may still be alive, so it is asked to stop.
    answer = client.post(f"/api/jobs/{job_id}/cancel/").json()
    assert (answer["status"], answer["cancel_requested"]) == ("running", True)
    deadline = time.monotonic() + settings.MASKLET["JOB_LOCK_TTL"] + 5
    while JobLock.is_held(job_id):
        assert time.monotonic() < deadline
        time.sleep(0.1)
    # No live lock: an orphan, cancelled at once (no beat runs here).
    answer = client.post(f"/api/jobs/{job_id}/cancel/").json()
    assert (answer["status"], answer["cancel_requested"]) == ("cancelled", True)

    _also_consume(survivor, "cpu")  # its task runs once more, only to settle the video
    deadline = time.monotonic() + 60
    while (video := Video.objects.get(pk=video_id)).status == "processing":
        assert time.monotonic() < deadline, "the video stayed processing"
        time.sleep(0.1)
    assert (video.status, video.error, video.source.name) == ("failed", CANCELLED_MESSAGE, "")
    assert not list((Path(settings.MEDIA_ROOT) / video.storage_prefix).rglob("*.jpg"))
    assert job(client, job_id)["attempts"] == 1


def test_a_queued_upload_whose_message_was_dropped_is_sent_again_and_ingested(
    exclusive_workers: Callable[..., Any], start_beat: Callable[..., Beat], bedroom_mp4: Path
) -> None:
    worker = exclusive_workers("interactive,cpu", env=RECONCILER)
    _wait_start_up_passes(worker, 1)
    start_beat(RECONCILER)
    team = make_team()
    # The web process dies between committing the upload and sending its job: the commit
    # happens, the on-commit send never does.
    upload = SimpleUploadedFile("clip.mp4", bedroom_mp4.read_bytes())
    with transaction.atomic():
        video, created = video_upload(project=team.project, user=team.manager, upload=upload, name="clip.mp4")
        transaction.get_connection().run_on_commit.clear()
    saved = time.monotonic()
    client = team.client("manager")
    wait_job(client, created.pk, timeout=60, until=lambda j: j["status"] != "queued")
    started_after = time.monotonic() - saved
    done = wait_job(client, created.pk, timeout=300)
    assert done["status"] == "succeeded", done
    assert done["attempts"] == 1
    video.refresh_from_db()
    assert video.status == "ready" and video.frame_count > 0
    assert any(f"'resent': [{created.pk}]" in result for result in _passes(worker))
    grace = float(RECONCILER["MASKLET_JOB_QUEUED_GRACE"])
    print(f"\ndropped queued job: saved to started {started_after:.1f} s (grace {grace:.0f} s, "
          f"reconciler every {RECONCILER['MASKLET_JOB_RECONCILE_PERIOD']} s); "
          f"ingested {time.monotonic() - saved:.1f} s after it was saved")
    assert grace <= started_after < grace + 10
