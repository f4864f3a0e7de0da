"""Beyond one machine: a web process and two workers that share nothing but PostgreSQL, Redis and an
S3 bucket (each with a media folder of its own, which stays empty) run the whole product: upload
and ingest, a click, a propagation and an export, then deletion, all over HTTP as a client would.

The S3 server is moto in server mode (tests/storage/conftest.py), reached over HTTP on
127.0.0.1 by django-storages and boto3 exactly as AWS S3 or MinIO would be; the processes are
configured only through the MASKLET_S3_* variables an operator sets. The GPU worker (interactive
and batch queues) runs the OpenCV backend here; a SAM 2 checkpoint changes nothing in what is
stored where.
"""

from __future__ import annotations

import io
import json
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import requests

from annotation.models import FrameMask
from tests.factories import make_user, token_for
from tests.storage.conftest import Bucket

pytestmark = [pytest.mark.worker, pytest.mark.usefixtures("transactional_db")]

FINISHED = {"succeeded", "failed", "cancelled"}


class Api:
    """A token client of the web process over real HTTP."""

    def __init__(self, base: str, token: str) -> None:
        self.base = base
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Token {token}"

    def __call__(self, method: str, path: str, expect: int, **kwargs: Any) -> requests.Response:
        response = self.session.request(method, self.base + path, timeout=120, **kwargs)
        assert response.status_code == expect, (method, path, response.status_code, response.text[:500])
        return response

    def wait(self, job: int, timeout: float = 180) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            state = self("GET", f"/api/jobs/{job}/", 200).json()
            if state["status"] in FINISHED:
                return state
            assert time.monotonic() < deadline, f"job {job} still {state['status']}"
            time.sleep(0.2)


def files_in(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_web_and_two_workers_share_only_postgres_redis_and_the_bucket(
    bucket: Bucket, web_server: Callable[[dict[str, str]], str], own_workers: Callable[..., Any],
    bedroom_mp4: Path, tmp_path: Path,
) -> None:
    media = {role: tmp_path / f"{role}-media" for role in ("web", "gpu", "cpu")}
    for folder in media.values():
        folder.mkdir()

    def machine(role: str) -> dict[str, str]:
        return {**bucket.env, "MEDIA_ROOT": str(media[role])}

    user = make_user("far-away")
    own_workers("interactive,batch", machine("gpu"))
    own_workers("cpu", machine("cpu"))
    api = Api(web_server(machine("web")), token_for(user))

    # Upload → ingest on the cpu machine: frames land in the bucket.
    # Delivery policy "not_rejected": this test is about storage, not about what is delivered
    # (the default exports verified masklets only, and nobody verifies here).
    project = api("POST", "/api/projects/", 201, json={
        "name": "remote", "annotation_fps": 5, "settings": {"delivery": {"policy": "not_rejected"}},
    }).json()["id"]
    with open(bedroom_mp4, "rb") as clip:
        created = api("POST", f"/api/projects/{project}/videos/", 201, files={"file": ("bedroom.mp4", clip)}).json()
    video = created["id"]
    assert api.wait(created["job"])["status"] == "succeeded"
    info = api("GET", f"/api/videos/{video}/", 200).json()
    frames = info["frame_count"]
    assert (info["status"], frames, info["width"]) == ("ready", 34, 960)  # 6.67 s at 5 fps
    keys = bucket.keys()
    assert len([k for k in keys if k.startswith(f"videos/{video}/frames/")]) == frames
    assert len([k for k in keys if k.startswith(f"videos/{video}/display/")]) == frames
    assert f"videos/{video}/thumbnail.jpg" in keys
    uploads = [k for k in keys if k.startswith("uploads/")]
    assert len(uploads) == 1 and uploads[0].endswith(f"/{video}-bedroom.mp4")
    served = api("GET", f"/api/videos/{video}/frames/7/?size=full", 200).content
    in_bucket = bucket.client().get_object(Bucket=bucket.name, Key=f"videos/{video}/frames/000007.jpg")["Body"].read()
    assert served == in_bucket

    # A click on the GPU machine, which reads the frame from the bucket.
    masklet = api("POST", f"/api/videos/{video}/masklets/", 201, json={"name": "child"}).json()["id"]
    answer = api("POST", f"/api/masklets/{masklet}/prompts/", 200, json={"frame": 0, "box": [250, 60, 650, 520]}).json()
    assert answer["backend"] == "opencv" and answer["mask"]["area"] > 0

    # A propagation on the GPU machine.
    job = api("POST", f"/api/videos/{video}/propagations/", 202, json={
        "masklets": [masklet], "start_frame": 0, "direction": "forward", "max_frames": 8,
    }).json()["job"]
    done = api.wait(job)
    assert done["status"] == "succeeded", done
    assert sorted(FrameMask.objects.filter(masklet_id=masklet).values_list("frame", flat=True)) == list(range(8))

    # An export on the cpu machine, downloaded through the web machine.
    export = api("POST", f"/api/projects/{project}/exports/", 202, json={"format": "sav"}).json()["job"]
    finished = api.wait(export)
    assert finished["status"] == "succeeded", finished
    assert finished["result"]["path"] in bucket.keys("exports/")
    archive = zipfile.ZipFile(io.BytesIO(api("GET", f"/api/jobs/{export}/download/", 200).content))
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["totals"]["masklets"] == 1
    assert manifest["totals"]["masks"] == finished["result"]["frame_masks"] > 0

    # Each machine's own media folder holds nothing: the bucket is the only shared storage.
    assert {role: files_in(folder) for role, folder in media.items()} == {role: [] for role in media}

    # Deleting the project through the web machine empties the bucket.
    api("DELETE", f"/api/projects/{project}/", 204)
    assert bucket.keys() == []
