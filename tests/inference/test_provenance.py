"""Provenance with real workers: each announces what it runs when it starts, /api/status/ shows
it per queue, a click and a propagation record the model that produced each mask and ran each
job, and MASKLET_BACKEND=sam2 without a loadable checkpoint stops the worker at start.

The interactive worker runs OpenCV (no checkpoint, MASKLET_BACKEND unset: "auto"), the batch
worker the SAM 2.1 tiny architecture with random weights, so one story shows both backends."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rest_framework.test import APIClient

import maskcodec
from annotation.models import FrameMask, Job, ModelProvenance
from tests.conftest import ROOT, _subprocess_env
from tests.factories import make_team
from tests.inference.helpers import click, new_masklet, start_propagation, wait_job

pytestmark = [pytest.mark.worker, pytest.mark.usefixtures("transactional_db")]


def _status_when(ready: Callable[[dict[str, Any]], bool], timeout: float = 30) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        body = APIClient().get("/api/status/").json()
        if ready(body):
            return body
        assert time.monotonic() < deadline, body
        time.sleep(0.3)


def _queue(body: dict[str, Any], name: str) -> dict[str, Any]:
    return next(q for q in body["queues"] if q["queue"] == name)


@pytest.mark.sam2
def test_workers_announce_what_they_run_and_masks_and_jobs_record_it(
    exclusive_workers: Callable[..., Any], sam2_env: dict[str, str], sam2_checkpoint: Path
) -> None:
    interactive = exclusive_workers("interactive")
    batch = exclusive_workers("batch", env=sam2_env)
    body = _status_when(lambda b: bool(_queue(b, "interactive")["models"]) and bool(_queue(b, "batch")["models"]))
    (clicks,) = _queue(body, "interactive")["models"]
    (tracks,) = _queue(body, "batch")["models"]
    sha = hashlib.sha256(sam2_checkpoint.read_bytes()).hexdigest()
    assert (clicks["backend"], clicks["checkpoint_sha256"], clicks["device"]) == ("opencv", "", "cpu")
    assert tracks == {
        "id": None, "backend": "sam2", "model": "configs/sam2.1/sam2.1_hiera_t.yaml", "checkpoint": sam2_checkpoint.name,
        "checkpoint_sha256": sha, "device": "cpu", "dtype": "float32", "image_size": 256, "label": tracks["label"],
    }  # fmt: skip
    assert "SAM 2" in tracks["label"]
    # What answers clicks is the interactive worker's backend, not the web process's settings.
    assert (body["backend"], body["backend_label"]) == ("opencv", clicks["label"])
    workers = {w["name"]: w["provenance"] for q in body["queues"] for w in q["workers"]}
    assert any(name.startswith("test-interactive-") for name in workers)
    assert "inference backend ready" in interactive.log() and "inference backend ready" in batch.log()

    team = make_team(frames=6)
    client = team.client("annotator")
    masklet = new_masklet(client, team.video.pk)
    answer = click(client, masklet, 2, box=[12, 16, 44, 48])
    assert answer["provenance"]["backend"] == "opencv" and answer["mask"]["provenance"] == answer["provenance"]["id"]
    opencv_row = ModelProvenance.objects.get(pk=answer["provenance"]["id"])
    assert FrameMask.objects.get(masklet_id=masklet, frame=2).provenance == opencv_row

    job_id = start_propagation(client, team.video.pk, masklets=[masklet], start_frame=2, direction="both")
    done = wait_job(client, job_id)
    assert done["status"] == "succeeded", done
    sam2_row = ModelProvenance.objects.get(backend="sam2")
    assert Job.objects.get(pk=job_id).provenance == sam2_row
    assert done["provenance"]["id"] == sam2_row.pk and done["provenance"]["checkpoint_sha256"] == sha
    by_frame = {m.frame: m.provenance_id for m in FrameMask.objects.filter(masklet_id=masklet)}
    assert by_frame == {0: sam2_row.pk, 1: sam2_row.pk, 2: opencv_row.pk, 3: sam2_row.pk, 4: sam2_row.pk, 5: sam2_row.pk}
    listed = client.get(f"/api/masklets/{masklet}/masks/").json()
    assert {m["frame"]: m["provenance"] for m in listed} == by_frame

    # A person's edit is no model's: its provenance is cleared.
    edit = client.put(
        f"/api/masklets/{masklet}/masks/4/",
        {"rle": maskcodec.encode(maskcodec.decode(FrameMask.objects.get(masklet_id=masklet, frame=4).rle)),
         "version": FrameMask.objects.get(masklet_id=masklet, frame=4).version},
        format="json",
    )
    assert edit.status_code == 200, edit.content
    assert edit.json()["provenance"] is None and FrameMask.objects.get(masklet_id=masklet, frame=4).provenance is None


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"MASKLET_BACKEND": "sam2", "MASKLET_SAM2_CHECKPOINT": "/no/such/dir/sam2.1_hiera_tiny.pt"},
         "/no/such/dir/sam2.1_hiera_tiny.pt"),
        ({"MASKLET_BACKEND": "sam2", "MASKLET_SAM2_CHECKPOINT": ""}, "MASKLET_SAM2_CHECKPOINT"),
    ],
)  # fmt: skip
def test_sam2_without_a_loadable_checkpoint_stops_the_worker_at_start(env: dict[str, str], named: str) -> None:
    worker = subprocess.run(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "-Q", "interactive,batch", "--pool=solo",
         "--without-gossip", "--without-mingle", "--without-heartbeat", "-n", f"doomed-{time.monotonic_ns()}@%h"],
        cwd=ROOT, env=_subprocess_env(env), capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    output = worker.stdout + worker.stderr
    assert worker.returncode == 78, output[-3000:]
    assert "inference backend cannot start" in output and named in output
    assert " ready." not in output
