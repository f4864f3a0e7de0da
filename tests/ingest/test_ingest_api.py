"""Upload → ingest job on the cpu queue (a real Celery worker) → frames in storage → frame serving,
all through the public API, with the SAM 2 bedroom clip (demo/) and its reference frames (tests/data/)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from annotation.models import Job
from annotation.realtime.events import check_event
from tests.factories import client_for, make_user
from tests.ingest.conftest import (
    body_of,
    collect_events,
    jpeg_pixels,
    make_project,
    psnr,
    sha256,
    stored_files,
    upload,
    wait_for_job,
    ws_refused,
    zip_folder,
)
from tests.media.media_helpers import write_video

pytestmark = [pytest.mark.worker, pytest.mark.usefixtures("transactional_db", "celery_worker")]


def reference(test_data: Path, number: int) -> np.ndarray:
    return np.asarray(Image.open(test_data / "bedroom" / f"{number:05d}.jpg").convert("RGB"))


def test_bedroom_mp4_at_native_rate(
    test_data: Path, bedroom_mp4: Path, manager: Any, manager_client: Any
) -> None:
    client = manager_client
    project = make_project(client)
    response = upload(client, project, bedroom_mp4)
    assert response.status_code == 201, response.json()
    created = response.json()
    assert created["status"] == "processing" and isinstance(created["job"], int)
    video, job = created["id"], created["job"]

    # The worker announces progress and the end through Redis to every member watching the video.
    events = collect_events(video, manager, job)
    for event in events:
        check_event(event)
    progress = [e for e in events if e["type"] == "job.progress" and e["job"] == job]
    assert progress, f"no job.progress among {[e['type'] for e in events]}"
    assert all(0 <= e["progress"] <= 1 for e in progress)
    assert [e["progress"] for e in progress] == sorted(e["progress"] for e in progress)
    assert any(e["frame"] for e in progress), "progress names the frame reached"
    finished = [e for e in events if e["type"] == "job.finished"]
    assert finished[-1] | {"error": ""} == {
        "type": "job.finished", "video": video, "job": job, "kind": "ingest", "status": "succeeded", "error": ""
    }
    assert {"type": "video.changed", "video": video, "status": "ready"} in events

    state = wait_for_job(client, job)
    assert (state["status"], state["progress"], state["error"]) == ("succeeded", 1.0, "")
    assert state["result"]["frames"] == 200

    info = client.get(f"/api/videos/{video}/").json()
    assert info["status"] == "ready" and info["error"] == ""
    assert (info["kind"], info["width"], info["height"]) == ("video", 960, 540)
    assert info["frame_count"] == 200 and info["source_frame_count"] == 200
    assert info["source_fps"] == pytest.approx(30.0)
    assert info["annotation_fps"] is None  # every source frame kept
    assert info["frame_times"] == pytest.approx([i / 30 for i in range(200)], abs=1e-3)
    assert info["content_hash"] == sha256(bedroom_mp4)
    # bedroom.mp4 is 960 wide: the display copy (long side <= 1280) is the frame itself.
    assert (info["display_width"], info["display_height"]) == (960, 540)

    # Every frame at full size matches the reference frame folder extracted from the same clip.
    scores = []
    for index in range(200):
        frame = client.get(f"/api/videos/{video}/frames/{index}/?size=full")
        assert frame.status_code == 200 and frame["Content-Type"] == "image/jpeg"
        scores.append(psnr(jpeg_pixels(body_of(frame)), reference(test_data, index)))
    assert min(scores) > 35, f"worst frame {int(np.argmin(scores))}: {min(scores):.1f} dB"
    # ...and it is the right frame: a neighbour's reference scores clearly worse.
    moved = client.get(f"/api/videos/{video}/frames/100/?size=full")
    assert psnr(jpeg_pixels(body_of(moved)), reference(test_data, 110)) < min(scores) - 5

    display = jpeg_pixels(body_of(client.get(f"/api/videos/{video}/frames/0/")))
    assert display.shape == (540, 960, 3)
    thumbnail = client.get(info["thumbnail_url"])
    assert thumbnail.status_code == 200
    thumb = jpeg_pixels(body_of(thumbnail))
    assert max(thumb.shape[:2]) <= 320 and thumb.shape[1] / thumb.shape[0] == pytest.approx(960 / 540, rel=0.02)

    # Long-lived caching with an ETag; 304 when the browser already has it.
    first = client.get(f"/api/videos/{video}/frames/7/")
    etag = first["ETag"]
    assert "max-age=31536000" in first["Cache-Control"] and "private" in first["Cache-Control"]
    again = client.get(f"/api/videos/{video}/frames/7/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and body_of(again) == b"" and again["ETag"] == etag
    others = {
        client.get(f"/api/videos/{video}/frames/8/")["ETag"],
        client.get(f"/api/videos/{video}/frames/7/?size=full")["ETag"],
        thumbnail["ETag"],
    }
    assert etag not in others and len(others) == 3
    changed = client.get(f"/api/videos/{video}/frames/7/", HTTP_IF_NONE_MATCH='"stale"')
    assert changed.status_code == 200 and body_of(changed) == body_of(first)

    # Out of range, bad size; outsiders learn nothing.
    assert client.get(f"/api/videos/{video}/frames/200/").status_code == 404
    bad_size = client.get(f"/api/videos/{video}/frames/0/?size=huge")
    assert bad_size.status_code == 400 and "size" in bad_size.json()["detail"]
    outsider = make_user("outsider")
    stranger = client_for(outsider)
    for url in (f"/api/videos/{video}/frames/0/", f"/api/videos/{video}/frames/0/?size=full",
                info["thumbnail_url"], f"/api/videos/{video}/"):
        assert stranger.get(url).status_code == 404, url
    assert stranger.get(f"/api/videos/{video}/frames/7/", HTTP_IF_NONE_MATCH=etag).status_code == 404
    assert client_for(None).get(f"/api/videos/{video}/frames/0/").status_code in (401, 403)
    assert ws_refused(video, outsider)

    # The same file again in the same project is refused by content hash as it is received,
    # naming the first video: 409, and no video, job or stored file comes of it.
    stored = stored_files()
    second = upload(client, project, bedroom_mp4)
    assert second.status_code == 409, second.json()
    assert f"video 'bedroom.mp4' (id {video})" in second.json()["detail"]
    assert "already in the project" in second.json()["detail"] and second.json()["duplicate_of"] == video
    assert [v["id"] for v in client.get(f"/api/projects/{project}/videos/").json()] == [video]
    assert Job.objects.filter(project_id=project).count() == 1
    assert stored_files() == stored
    assert client.get(f"/api/videos/{video}/frames/199/").status_code == 200  # the first is untouched


def test_bedroom_mp4_sampled_at_10_fps(test_data: Path, bedroom_mp4: Path, manager_client: Any) -> None:
    client = manager_client
    project = make_project(client, annotation_fps=10)
    created = upload(client, project, bedroom_mp4).json()
    assert wait_for_job(client, created["job"])["status"] == "succeeded"
    info = client.get(f"/api/videos/{created['id']}/").json()
    # 200 frames at 30 fps = 6.67 s; at 10 fps: source frames 0, 3, 6, ..., 198 → 67 frames.
    assert info["frame_count"] == 67 and info["annotation_fps"] == 10
    assert info["frame_times"] == pytest.approx([i / 10 for i in range(67)], abs=1e-3)
    for index in range(0, 67, 3):
        frame = jpeg_pixels(body_of(client.get(f"/api/videos/{created['id']}/frames/{index}/?size=full")))
        source = round(info["frame_times"][index] * 30)
        assert psnr(frame, reference(test_data, source)) > 35, index


def test_frame_folder_zip(test_data: Path, manager_client: Any, tmp_path: Path) -> None:
    client = manager_client
    project = make_project(client)
    archive = zip_folder(test_data / "bedroom", tmp_path / "bedroom.zip", "bedroom")
    created = upload(client, project, archive).json()
    state = wait_for_job(client, created["job"])
    assert state["status"] == "succeeded", state
    info = client.get(f"/api/videos/{created['id']}/").json()
    assert (info["kind"], info["frame_count"], info["width"], info["height"]) == ("frames", 200, 960, 540)
    # A folder of frames has no clock: it is read at the FRAMES_ZIP_FPS setting (24 by default).
    assert info["source_fps"] == 24 and info["frame_times"] == pytest.approx([i / 24 for i in range(200)])
    for index in (0, 1, 57, 123, 199):
        served = body_of(client.get(f"/api/videos/{created['id']}/frames/{index}/?size=full"))
        # Plain RGB JPEGs are stored as they came: bit-exact, no second generation of loss.
        assert served == (test_data / "bedroom" / f"{index:05d}.jpg").read_bytes(), index
    assert client.get(info["thumbnail_url"]).status_code == 200


def test_display_copy_long_side_is_capped(manager_client: Any, tmp_path: Path) -> None:
    client = manager_client
    project = make_project(client, annotation_fps=12)

    def picture(number: int) -> np.ndarray:
        rgb = np.zeros((400, 1600, 3), np.uint8)
        rgb[:, : 100 * (number + 1)] = (200, 80, 40)
        return rgb

    wide = write_video(tmp_path / "wide.webm", 12, fps=24, codec="libvpx-vp9", container_format="webm",
                       size=(1600, 400), picture=picture)
    created = upload(client, project, wide).json()
    assert wait_for_job(client, created["job"])["status"] == "succeeded"
    info = client.get(f"/api/videos/{created['id']}/").json()
    assert (info["width"], info["height"], info["display_width"], info["display_height"]) == (1600, 400, 1280, 320)
    assert info["frame_count"] == 6 and info["frame_times"] == pytest.approx([i / 12 for i in range(6)], abs=1e-3)
    for index in range(6):
        full = jpeg_pixels(body_of(client.get(f"/api/videos/{created['id']}/frames/{index}/?size=full")))
        display = jpeg_pixels(body_of(client.get(f"/api/videos/{created['id']}/frames/{index}/")))
        assert full.shape == (400, 1600, 3) and display.shape == (320, 1280, 3)
        # Annotated frame i is source frame 2i: its orange band is 100 * (2i + 1) pixels wide.
        band = int((full[200, :, 0] > 100).sum())
        assert abs(band - 100 * (2 * index + 1)) <= 8, (index, band)
