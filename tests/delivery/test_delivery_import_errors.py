"""Imports that cannot work fail with a plain message in job.error and leave nothing behind."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

import numpy as np
import pytest
from django.conf import settings
from PIL import Image

from annotation.models import FrameMask, Masklet
from annotation.services import masklets as masklet_services
from annotation.services import projects as project_services
from tests.delivery.delivery_helpers import SAV_MANUAL, sav_video, square, upload
from tests.factories import make_team

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

H, W, N = 6, 8, 3  # a tiny video: 8x6 pixels, 3 annotated frames


def tiny_sav(cells: list[list[dict]]) -> bytes:
    return json.dumps(
        {"video_id": "tiny", "video_height": float(H), "video_width": float(W), "masklet": cells}
    ).encode()


def _assert_failed(job: dict[str, Any], *words: str) -> None:
    assert job["status"] == "failed", job
    for word in words:
        assert word in job["error"], job["error"]


def _nothing_imported(video: Any, before: int = 0) -> None:
    assert Masklet.objects.filter(video=video).count() == before
    assert not FrameMask.objects.filter(masklet__video=video, source="imported").exists()
    assert not list((settings.MEDIA_ROOT / "imports" / str(video.pk)).glob("*"))  # upload deleted


def test_bad_files_fail_clearly_and_import_nothing(celery_worker: Any) -> None:
    team = make_team("err")
    client = team.client("manager")
    manual = SAV_MANUAL.read_bytes()

    # SA-V file of a 480x848 video into a video of another size
    small = sav_video(team.project, name="small", width=96, height=64)
    _assert_failed(
        upload(client, small, manual, "sav_000001_manual.json", "sav"), "height", "848", "64"
    )
    _nothing_imported(small)

    # the right size but one annotated frame fewer
    short = sav_video(team.project, name="short", frames=120)
    _assert_failed(upload(client, short, manual, "sav_000001_manual.json", "sav"), "120")
    _nothing_imported(short)

    tiny = sav_video(team.project, name="tiny", width=W, height=H, frames=N)
    existing = masklet_services.masklet_create(video=tiny, user=team.manager)
    kept = masklet_services.frame_mask_put(
        masklet=existing, frame=0, rle=square(H, W, 1, 1, 3), version=0, user=team.manager
    )
    good = square(H, W, 2, 2, 2)

    # malformed RLE on the second frame
    bad = {"size": [H, W], "counts": "!!not-rle"}
    job = upload(client, tiny, tiny_sav([[good], [bad], [good]]), "tiny_manual.json", "sav")
    _assert_failed(job, "masklet[1][0]", "malformed")
    _nothing_imported(tiny, before=1)
    kept.refresh_from_db()
    assert kept.version == 1 and kept.rle == square(H, W, 1, 1, 3)

    # a zip whose first file is fine and whose second is not: nothing of either is written
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("tiny_manual.json", tiny_sav([[good], [good], [good]]))
        z.writestr("tiny_auto.json", tiny_sav([[good], [good]]))  # one frame short
    job = upload(client, tiny, archive.getvalue(), "tiny_sav.zip", "sav")
    _assert_failed(job, "tiny_auto.json", "2 annotated frames")
    _nothing_imported(tiny, before=1)

    # COCO with a label the project does not have
    project_services.label_create(project=team.project, name="car")
    coco = {
        "images": [
            {"id": 1, "file_name": "tiny/00000.jpg", "width": W, "height": H, "frame_index": 0}
        ],
        "categories": [{"id": 1, "name": "car"}, {"id": 2, "name": "zebra"}],
        "annotations": [
            {"id": 1, "image_id": 1, "category_id": 1, "segmentation": good, "track_id": 1},
            {"id": 2, "image_id": 1, "category_id": 2, "segmentation": good, "track_id": 2},
        ],
    }
    job = upload(client, tiny, json.dumps(coco).encode(), "tiny.json", "coco")
    _assert_failed(job, "zebra")
    _nothing_imported(tiny, before=1)

    # DAVIS PNGs of the wrong size
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        png = io.BytesIO()
        Image.fromarray(np.ones((H + 1, W), dtype=np.uint8), mode="L").save(png, format="PNG")
        z.writestr("tiny/00000.png", png.getvalue())
    job = upload(client, tiny, archive.getvalue(), "tiny_davis.zip", "davis")
    _assert_failed(job, "8x7", "8x6")
    _nothing_imported(tiny, before=1)

    # not a JSON file at all
    _assert_failed(upload(client, tiny, b'{"masklet": [[', "x.json", "sav"), "not valid JSON")
    _nothing_imported(tiny, before=1)

    # and a good file still imports after all that
    job = upload(client, tiny, tiny_sav([[good], [good], [good]]), "tiny_manual.json", "sav")
    assert job["status"] == "succeeded", job["error"]
    assert job["result"]["frame_masks"] == 3
    assert Masklet.objects.filter(video=tiny, origin="imported").count() == 1


def test_import_requests_are_checked_before_any_job(db: Any) -> None:
    team = make_team("req")
    video = sav_video(team.project, name="tiny", width=W, height=H, frames=N)
    url = f"/api/videos/{video.pk}/imports/"
    body = {"file": io.BytesIO(tiny_sav([[square(H, W, 0, 0, 2)]] * N)), "format": "sav"}
    body["file"].name = "tiny_manual.json"  # type: ignore[attr-defined]

    response = team.client("manager").post(url, {"format": "sav"}, format="multipart")
    assert response.status_code == 400 and "file" in response.json()["detail"]
    response = team.client("manager").post(url, {**body, "format": "yaml"}, format="multipart")
    assert response.status_code == 400 and "format" in response.json()["detail"]
    assert team.client("annotator").post(url, body, format="multipart").status_code == 403
    assert team.client("outsider").post(url, body, format="multipart").status_code == 404
    assert not Masklet.objects.filter(video=video).exists()
