"""Exports through the API and the worker: contents of each format, filters, what the export
records about itself, and who may start and download one."""

from __future__ import annotations

import io
import json
from typing import Any

import numpy as np
import pytest
from PIL import Image

import maskcodec
from annotation.services import masklets as masklet_services
from annotation.services import projects as project_services
from tests.delivery.delivery_helpers import everything, export, square, unzip
from tests.factories import make_team

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

H, W = 64, 96  # the team video of tests.factories: 6 annotated frames of 96x64


def _setup() -> tuple[Any, Any, Any, Any]:
    """Masklet 1 (car, verified) on frames 0-1; masklet 2 (no label, draft) on frames 0-2,
    overlapping masklet 1 on frame 0."""
    team = make_team("exp")
    everything(team.project)  # these tests are about formats; the policy: test_delivery_policy.py
    car = project_services.label_create(project=team.project, name="car")
    project_services.label_create(project=team.project, name="tree")  # unused category
    a = masklet_services.masklet_create(video=team.video, user=team.manager, label=car.pk)
    b = masklet_services.masklet_create(video=team.video, user=team.manager)
    for frame in (0, 1):
        masklet_services.frame_mask_put(
            masklet=a,
            frame=frame,
            rle=square(H, W, 10, 10 + 4 * frame, 12),
            version=0,
            user=team.manager,
        )
    for frame in (0, 1, 2):
        masklet_services.frame_mask_put(
            masklet=b, frame=frame, rle=square(H, W, 16, 16, 10), version=0, user=team.manager
        )
    masklet_services.masklet_set_status(masklet=a, status="verified", user=team.reviewer)
    return team, car, a, b


def test_export_formats_filters_and_records(celery_worker: Any) -> None:
    team, car, a, b = _setup()
    client = team.client("manager")

    # COCO, everything: one image per annotated frame, one annotation per frame mask
    job, content = export(client, team.project, format="coco")
    archive = unzip(content)
    coco = json.loads(archive.read("annotations.json"))
    assert len(coco["images"]) == 6
    assert [c["name"] for c in coco["categories"]] == ["car", "tree", "unlabeled"]
    annotations = coco["annotations"]
    assert len(annotations) == 5
    for ann in annotations:
        image = next(i for i in coco["images"] if i["id"] == ann["image_id"])
        assert image["frame_index"] == ann["frame_index"]
        mask = maskcodec.decode(ann["segmentation"])
        ys, xs = np.nonzero(mask)
        assert ann["area"] == int(mask.sum())
        assert ann["bbox"] == [xs.min(), ys.min(), xs.max() - xs.min() + 1, ys.max() - ys.min() + 1]
        category = next(c["name"] for c in coco["categories"] if c["id"] == ann["category_id"])
        assert (ann["track_id"], category) in ((a.number, "car"), (b.number, "unlabeled"))
    assert (job["result"]["videos"], job["result"]["masklets"], job["result"]["frame_masks"]) == (
        1,
        2,
        5,
    )
    assert json.loads(archive.read("manifest.json"))["totals"]["masks"] == 5

    # filters: only verified masklets, or one label
    for body in ({"only_verified": True}, {"labels": [car.pk]}):
        job, content = export(client, team.project, format="coco", **body)
        coco = json.loads(unzip(content).read("annotations.json"))
        assert {ann["track_id"] for ann in coco["annotations"]} == {a.number}
        assert (job["result"]["masklets"], job["result"]["frame_masks"]) == (1, 2)
        assert job["result"]["filters"] == {
            "only_verified": bool(body.get("only_verified")),
            "videos": [],
            "labels": body.get("labels", []),
            "statuses": [],
            "task_states": [],
            "frame_start": None,
            "frame_end": None,
        }

    # DAVIS: palette PNG per frame (pixel = masklet number), whole per-object PNGs for overlaps
    job, content = export(client, team.project, format="davis", videos=[team.video.pk])
    archive = unzip(content)
    names = set(archive.namelist())
    assert {f"Annotations/clip/{f:05d}.png" for f in range(6)} <= names
    palette = np.asarray(Image.open(io.BytesIO(archive.read("Annotations/clip/00000.png"))))
    assert Image.open(io.BytesIO(archive.read("Annotations/clip/00000.png"))).mode == "P"
    assert set(np.unique(palette)) == {0, a.number, b.number}
    whole_a = np.asarray(
        Image.open(io.BytesIO(archive.read(f"Annotations_objects/clip/{a.number:03d}/00000.png")))
    )
    assert np.array_equal(whole_a.astype(bool), maskcodec.decode(square(H, W, 10, 10, 12)))
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["videos"][0]["details"]["overlap_frames"] == 2  # frames 0 and 1
    assert "overlap" in " ".join(job["result"]["per_video"][0]["notes"])
    assert json.loads(archive.comment)["export"]["filters"]["videos"] == [team.video.pk]

    # SA-V of platform masklets: manual file, ids = numbers, edited frames counted
    _, content = export(client, team.project, format="sav")
    sav = json.loads(unzip(content).read("clip_manual.json"))
    assert sav["masklet_id"] == [a.number, b.number]
    assert sav["masklet_edited_frame_count"] == [2, 3]
    assert sav["masklet_first_appeared_frame"] == [0.0, 0.0]
    assert sav["masklet_size_abs"] == [144.0, 100.0]


def test_export_permissions(celery_worker: Any) -> None:
    team, *_ = _setup()
    url = f"/api/projects/{team.project.pk}/exports/"
    assert team.client("annotator").post(url, {"format": "sav"}, format="json").status_code == 403
    assert team.client("outsider").post(url, {"format": "sav"}, format="json").status_code == 404
    response = team.client("manager").post(url, {"format": "xml"}, format="json")
    assert response.status_code == 400
    response = team.client("manager").post(
        url, {"format": "sav", "videos": [987654]}, format="json"
    )
    assert response.status_code == 400 and "987654" in response.json()["detail"]

    job, _ = export(team.client("manager"), team.project, format="sav")
    download = job["result"]["download_url"]
    assert download == f"/api/jobs/{job['id']}/download/"
    assert team.client("reviewer").get(download).status_code == 200
    assert team.client("outsider").get(download).status_code == 404
