"""The SDK and the `masklet` command line deliver, live: against the real server (uvicorn) and the
real worker that the test session starts — upload a video, export with filters, wait with a
progress bar on stderr, download, list past exports. No stubbed job."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from annotation.models import Video
from annotation.services import masklets as masklet_services
from masklet_client import cli
from masklet_client.sdk import APIError, Client
from tests.delivery.delivery_helpers import square
from tests.factories import PASSWORD, make_user, synthetic_frames

pytestmark = [pytest.mark.worker]


def _frames_zip(path: Path, count: int = 6) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for i, frame in enumerate(synthetic_frames(count)):
            buffer = io.BytesIO()
            Image.fromarray(frame).save(buffer, format="JPEG", quality=95)
            archive.writestr(f"clip/{i:05d}.jpg", buffer.getvalue())
    return path


def test_sdk_and_cli_upload_export_wait_download(
    transactional_db: Any, live_server_url: str, celery_worker: Any, tmp_path: Path, capsys: Any
) -> None:
    manager = make_user("sdkmanager")
    client = Client(live_server_url, username="sdkmanager", password=PASSWORD)
    project = client.create_project("Delivered by the SDK")

    # upload, then wait with a progress bar drawn on the given stream
    created = client.upload_video(project["id"], _frames_zip(tmp_path / "clip.zip"))
    bar = io.StringIO()
    job = client.wait(created["job"], progress=bar, poll_interval=0.3, timeout=300)
    assert job["status"] == "succeeded" and "100% succeeded" in bar.getvalue()
    assert client.get_video(created["id"])["frame_count"] == 6

    # two masklets: one verified on frames 0-3, one draft (not delivered by the default policy)
    video = Video.objects.get(pk=created["id"])
    h, w = video.height, video.width
    verified = masklet_services.masklet_create(video=video, user=manager)
    draft = masklet_services.masklet_create(video=video, user=manager)
    for frame in range(4):
        for m in (verified, draft):
            masklet_services.frame_mask_put(
                masklet=m, frame=frame, rle=square(h, w, 10 + m.number, 10 + frame, 8), version=0, user=manager
            )
    masklet_services.masklet_set_status(masklet=verified, status="verified", user=manager)

    # SDK: export with filters, wait, download
    bar = io.StringIO()
    path = client.export(project["id"], "coco", tmp_path, progress=bar, frame_start=1, frame_end=2, timeout=300)
    assert "succeeded" in bar.getvalue() and path.parent == tmp_path and path.suffix == ".zip"
    coco = json.loads(zipfile.ZipFile(path).read("annotations.json"))
    assert sorted((a["track_id"], a["frame_index"]) for a in coco["annotations"]) == [
        (verified.number, 1), (verified.number, 2),
    ]
    with pytest.raises(APIError) as refused:
        client.start_export(project["id"], "coco", statuses=["finished"])
    assert refused.value.status == 400

    # CLI: the same with flags; the progress bar goes to stderr, the file's path to stdout
    env = {"MASKLET_URL": live_server_url, "MASKLET_TOKEN": client.token or ""}
    out_dir = tmp_path / "cli"
    out_dir.mkdir()
    code = cli.main(
        ["export", str(project["id"]), "--format", "sav", "--status", "verified", "--frame-end", "3",
         "--output", str(out_dir)],
        env,
    )
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "100% succeeded" in captured.err and "#" in captured.err
    saved = Path(captured.out.strip().splitlines()[-1])
    assert saved.parent == out_dir and zipfile.ZipFile(saved).testzip() is None
    manifest = json.loads(zipfile.ZipFile(saved).read("manifest.json"))
    assert manifest["export"]["filters"]["statuses"] == ["verified"] and manifest["totals"]["masklets"] == 1

    # CLI: the past exports, newest first, and a second download of the first one
    assert cli.main(["--json", "exports", str(project["id"])], env) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["format"], r["masklet_count"], r["created_by"]) for r in rows] == [
        ("sav", 1, "sdkmanager"), ("coco", 1, "sdkmanager"),
    ]
    assert cli.main(["exports", str(project["id"])], env) == 0
    assert "sdkmanager\tsav\tsucceeded\t1 masklets" in capsys.readouterr().out
    again = tmp_path / "again.zip"
    assert cli.main(["download", str(rows[1]["job"]), str(again)], env) == 0
    assert again.read_bytes() == path.read_bytes()
    assert cli.main(["export", str(project["id"]), "--format", "coco", "--frame-start", "4", "--frame-end", "1"], env) == 1
    assert "frame_end" in capsys.readouterr().err
