"""Delivery tests: exports, imports and J&F through the API and the real worker."""

from __future__ import annotations

import io
import time
import zipfile
from typing import Any

import numpy as np
from rest_framework.test import APIClient

import maskcodec
from annotation.models import Project, Video
from tests.data_paths import SAV_EXAMPLE

SAV_MANUAL = SAV_EXAMPLE / "sav_000001_manual.json"
SAV_AUTO = SAV_EXAMPLE / "sav_000001_auto.json"


def sav_video(
    project: Project,
    *,
    name: str = "sav_000001",
    frames: int = 121,
    width: int = 480,
    height: int = 848,
) -> Video:
    """The SA-V example's video as ingest would leave it (24 fps source annotated at 6 fps).
    Frames in storage are not needed for imports and exports."""
    return Video.objects.create(
        project=project,
        name=name,
        status="ready",
        kind="video",
        width=width,
        height=height,
        display_width=width,
        display_height=height,
        source_fps=24.0,
        source_frame_count=483,
        duration=20.125,
        annotation_fps=6.0,
        frame_count=frames,
        frame_times=[4 * i / 24 for i in range(frames)],
        source_frames=[4 * i for i in range(frames)],
    )


def wait_job(client: APIClient, job_id: int, timeout: float = 120) -> dict[str, Any]:
    """Poll the job through the API until it finishes; returns its JSON."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body = client.get(f"/api/jobs/{job_id}/").json()
        if body["status"] in ("succeeded", "failed", "cancelled"):
            return body
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} did not finish in {timeout} s: {body}")


def upload(client: APIClient, video: Video, content: bytes, name: str, fmt: str) -> dict[str, Any]:
    """POST an import and wait for its job."""
    response = client.post(
        f"/api/videos/{video.pk}/imports/",
        {"file": _named(content, name), "format": fmt},
        format="multipart",
    )
    assert response.status_code == 202, response.content
    return wait_job(client, response.json()["job"])


def export(client: APIClient, project: Project, **body: Any) -> tuple[dict[str, Any], bytes]:
    """POST an export, wait for it, download the zip through the job's download URL."""
    response = client.post(f"/api/projects/{project.pk}/exports/", body, format="json")
    assert response.status_code == 202, response.content
    job = wait_job(client, response.json()["job"])
    assert job["status"] == "succeeded", job["error"]
    download = client.get(job["result"]["download_url"])
    assert download.status_code == 200
    return job, b"".join(download.streaming_content)


def unzip(data: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(data))


def _named(content: bytes, name: str) -> io.BytesIO:
    f = io.BytesIO(content)
    f.name = name
    return f


def square(height: int, width: int, top: int, left: int, size: int) -> dict:
    mask = np.zeros((height, width), dtype=bool)
    mask[top : top + size, left : left + size] = True
    return dict(maskcodec.encode(mask))


def everything(project: Project) -> None:
    """Let exports hold every masklet but rejected ones and pending proposals (the "not_rejected"
    delivery policy), for tests about formats rather than about what is delivered."""
    from annotation.services.projects import project_update

    project_update(project=project, settings={"delivery": {"policy": "not_rejected"}})
