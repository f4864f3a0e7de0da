"""Worker announcements carry what each worker runs (annotation/jobs/workers.py), and the status
answer is built from them per queue (annotation/selectors/status.py). Real Redis; the workers'
own announcements are tests/inference/test_provenance.py."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from annotation.jobs.workers import queues_provenance, workers_announce, workers_withdraw
from annotation.selectors.status import configured_backend, status_summary

SAM2 = {
    "backend": "sam2", "model": "configs/sam2.1/sam2.1_hiera_l.yaml", "checkpoint": "sam2.1_hiera_large.pt",
    "checkpoint_sha256": "ab" * 32, "device": "cuda", "dtype": "bfloat16", "image_size": 1024,
    "label": "SAM 2 (large, 1024 px input, cuda)",
}  # fmt: skip
OPENCV = {
    "backend": "opencv", "model": "opencv-4", "checkpoint": "", "checkpoint_sha256": "", "device": "cpu",
    "dtype": "", "image_size": 0, "label": "OpenCV classical segmentation",
}  # fmt: skip


@pytest.fixture
def announced() -> Any:
    names = ["gpu-prov-test@a", "cpu-prov-test@b", "ingest-prov-test@c"]
    workers_announce(worker=names[0], queues=["interactive", "batch"], provenance=SAM2)
    workers_announce(worker=names[1], queues=["batch"], provenance=OPENCV)
    workers_announce(worker=names[2], queues=["cpu"])
    yield names
    for name in names:
        workers_withdraw(worker=name)


def _entry(queue: list[dict[str, Any]], name: str) -> dict[str, Any] | None:
    return next((w for w in queue if w["name"] == name), None)


def test_announcements_carry_provenance_per_queue(announced: list[str]) -> None:
    live = queues_provenance()
    assert _entry(live["interactive"], announced[0]) == {"name": announced[0], "provenance": SAM2}
    assert _entry(live["batch"], announced[0])["provenance"] == SAM2  # type: ignore[index]
    assert _entry(live["batch"], announced[1])["provenance"] == OPENCV  # type: ignore[index]
    assert _entry(live["cpu"], announced[2]) == {"name": announced[2], "provenance": None}
    assert _entry(live["interactive"], announced[1]) is None
    workers_withdraw(worker=announced[0])
    live = queues_provenance()
    assert _entry(live["interactive"], announced[0]) is None and _entry(live["batch"], announced[0]) is None


def test_status_shows_each_queue_and_labels_clicks_by_the_interactive_workers(announced: list[str]) -> None:
    body = APIClient().get("/api/status/").json()
    queues = {q["queue"]: q for q in body["queues"]}
    assert list(queues) == ["interactive", "batch", "cpu"]
    assert SAM2 | {"id": None} in queues["interactive"]["models"]
    batch_models = [m["model"] for m in queues["batch"]["models"]]
    assert SAM2["model"] in batch_models and OPENCV["model"] in batch_models
    assert _entry(queues["cpu"]["workers"], announced[2]) == {"name": announced[2], "provenance": None}
    assert SAM2["label"] in body["backend_label"]


def test_the_label_says_so_when_no_interactive_worker_is_live() -> None:
    summary = status_summary({"interactive": [], "batch": [{"name": "b", "provenance": SAM2}], "cpu": []})
    assert summary["backend"] == configured_backend()
    assert summary["backend_label"].startswith("no interactive worker live (configured: ")
    assert summary["queues"][1]["models"] == [SAM2]
    silent = status_summary({"interactive": [{"name": "old", "provenance": None}], "batch": [], "cpu": []})
    assert silent["backend_label"].startswith("interactive workers announce no model (configured: ")
    both = status_summary({"interactive": [{"name": "a", "provenance": SAM2}, {"name": "c", "provenance": OPENCV},
                                           {"name": "d", "provenance": SAM2}], "batch": [], "cpu": []})
    assert both["backend"] == "sam2" and both["backend_label"] == f"{SAM2['label']} / {OPENCV['label']}"
    assert both["queues"][0]["models"] == [SAM2, OPENCV]
