"""A worker killed mid-propagation (SIGKILL of its process group, as a crash or an OOM kill):
a new worker resumes the job from its checkpoint, and every frame ends up stored exactly once.

SAM 2 tiny at 256 px is slow enough on CPU (~0.5 s per frame) for the kill to land mid-job.
The test settings use a 5 s job lock TTL: the job counts as orphaned 5 s after its worker died.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from annotation.models import FrameMask, Job
from tests.factories import make_team
from tests.inference.helpers import click, job, new_masklet, start_propagation, wait_job

pytestmark = [pytest.mark.sam2, pytest.mark.worker, pytest.mark.usefixtures("transactional_db")]

FRAMES = 32


def test_killed_worker_job_resumes_from_its_checkpoint(
    exclusive_workers: Callable[..., Any], sam2_env: dict[str, str]
) -> None:
    first_worker = exclusive_workers(env=sam2_env)
    team = make_team(frames=FRAMES)
    client = team.client("annotator")
    masklet = new_masklet(client, team.video.pk)
    click(client, masklet, 0, points=[[20, 30]], labels=[1])
    job_id = start_propagation(client, team.video.pk, masklets=[masklet], start_frame=0, direction="forward")

    # Kill once a few batches (8 frames each) are stored.
    wait_job(client, job_id, timeout=600, until=lambda j: FrameMask.objects.filter(masklet_id=masklet).count() > 16)
    first_worker.kill()
    killed_at = timezone.now()
    dead = Job.objects.get(pk=job_id)
    assert (dead.status, dead.attempts) == ("running", 1)
    resume_from = dead.checkpoint["forward"]
    before = {m.frame: (m.version, m.updated_at) for m in FrameMask.objects.filter(masklet_id=masklet)}
    assert sorted(before) == list(range(resume_from + 1))  # the database stopped at a batch boundary
    assert resume_from < FRAMES - 1, "the job finished before the kill; make the clip longer"
    time.sleep(1)
    assert job(client, job_id)["status"] == "running"  # nobody finished it

    exclusive_workers(env=sam2_env)  # finds the orphan once its lock lapsed, and resumes it
    done = wait_job(client, job_id, timeout=600)
    assert done["status"] == "succeeded", done
    assert done["attempts"] == 2
    assert done["result"] == {"masklets": [masklet], "frames_stored": FRAMES - 1}

    after = {m.frame: m for m in FrameMask.objects.filter(masklet_id=masklet)}
    assert sorted(after) == list(range(FRAMES))  # no gap; (masklet, frame) is unique in the table
    assert after[0].source == "prompt"
    assert {f: m.version for f, m in after.items()} == {f: 1 for f in range(FRAMES)}  # nothing written twice
    for frame, (version, updated_at) in before.items():
        assert (after[frame].version, after[frame].updated_at) == (version, updated_at)
    assert all(after[f].updated_at > killed_at for f in range(resume_from + 1, FRAMES))
    assert {after[f].job_id for f in range(1, FRAMES)} == {job_id}
