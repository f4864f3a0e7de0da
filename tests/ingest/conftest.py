"""Helpers for the ingest tests: uploads through the API, waiting for jobs, listing storage,
collecting realtime events from the real ASGI application."""

from __future__ import annotations

import asyncio
import hashlib
import io
import json
import os
import time
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from rest_framework.test import APIClient

from tests.factories import client_for, make_user, token_for

FINISHED = ("succeeded", "failed", "cancelled")


def make_project(client: APIClient, name: str = "ingest", annotation_fps: float | None = None) -> int:
    response = client.post("/api/projects/", {"name": name, "annotation_fps": annotation_fps}, format="json")
    assert response.status_code == 201, response.json()
    return response.json()["id"]


def upload(client: APIClient, project: int, source: Path | bytes, name: str = "clip.mp4") -> Any:
    """POST a file to the project's videos, as a browser's multipart form would."""
    data = source.read_bytes() if isinstance(source, Path) else source
    filename = source.name if isinstance(source, Path) else name
    return client.post(
        f"/api/projects/{project}/videos/", {"file": SimpleUploadedFile(filename, data)}, format="multipart"
    )


def wait_for_job(client: APIClient, job: int, timeout: float = 120) -> dict[str, Any]:
    """Poll GET /api/jobs/{id}/ until the job has finished; its last state."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = client.get(f"/api/jobs/{job}/").json()
        if state["status"] in FINISHED:
            return state
        time.sleep(0.2)
    raise AssertionError(f"job {job} still {state['status']} after {timeout} s")


def stored_files(under: str = "") -> list[str]:
    """Every file under MEDIA_ROOT/<under>, as storage names (relative, '/'-separated)."""
    root = Path(settings.MEDIA_ROOT)
    base = root / under
    if not base.exists():
        return []
    return sorted(str(p.relative_to(root)).replace(os.sep, "/") for p in base.rglob("*") if p.is_file())


def files_of_video(video: int) -> list[str]:
    """What storage still holds for a video: its frame folder and its upload."""
    return stored_files(f"videos/{video}") + [
        name for name in stored_files("uploads") if name.rsplit("/", 1)[-1].startswith(f"{video}-")
    ]


def body_of(response: Any) -> bytes:
    return response.getvalue() if hasattr(response, "getvalue") else response.content


def jpeg_pixels(data: bytes) -> np.ndarray:
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG"
    return np.asarray(image.convert("RGB"))


def psnr(a: np.ndarray, b: np.ndarray) -> float:
    assert a.shape == b.shape, (a.shape, b.shape)
    mse = np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2)
    return float("inf") if mse == 0 else float(10 * np.log10(255.0**2 / mse))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def zip_folder(folder: Path, target: Path, inside: str) -> Path:
    """Zip a folder of frames the way SAM 2, DAVIS and YouTube-VOS lay them out: <inside>/00000.jpg ..."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr(zipfile.ZipInfo(f"{inside}/"), b"")
        for image in sorted(folder.glob("*.jpg")):
            archive.write(image, f"{inside}/{image.name}")
    return target


class Watcher:
    """A websocket client of the real ASGI application, in-process (asgiref's communicator; the
    one in channels.testing needs daphne, which is not installed)."""

    def __init__(self, video: int, token: str) -> None:
        from asgiref.testing import ApplicationCommunicator

        from config.asgi import application

        scope = {
            "type": "websocket", "path": f"/ws/videos/{video}/", "raw_path": f"/ws/videos/{video}/".encode(),
            "query_string": f"token={token}".encode(), "headers": [(b"origin", b"http://localhost"),
            (b"host", b"localhost")], "subprotocols": [], "client": ("127.0.0.1", 50000),
            "server": ("localhost", 80),
        }
        self.communicator = ApplicationCommunicator(application, scope)
        self._first: dict[str, Any] | None = None  # the message read by connect()

    async def connect(self) -> bool:
        """Whether the server admits the socket: it accepts every handshake, then closes a
        refused one with its code (4401, 4403); an admitted one first receives the presence."""
        await self.communicator.send_input({"type": "websocket.connect"})
        answer = await self.communicator.receive_output(10)
        assert answer["type"] == "websocket.accept", answer
        self._first = await self.communicator.receive_output(10)
        if self._first["type"] == "websocket.close":
            await self.communicator.send_input({"type": "websocket.disconnect", "code": self._first["code"]})
            await self.communicator.wait(5)
            return False
        return True

    async def receive(self, timeout: float) -> dict[str, Any]:
        message, self._first = self._first, None
        if message is None:
            message = await self.communicator.receive_output(timeout)
        assert message["type"] == "websocket.send", message
        return json.loads(message["text"])

    async def close(self) -> None:
        await self.communicator.send_input({"type": "websocket.disconnect", "code": 1000})
        await self.communicator.wait(5)
        await close_consumer_connections()


async def close_consumer_connections() -> None:
    """The consumer's queries ran on asgiref's shared thread: close its connection, or the test
    database cannot be dropped at the end of the session."""
    from channels.db import database_sync_to_async
    from django.db import connections

    await database_sync_to_async(connections.close_all)()


def collect_events(video: int, user: Any, job: int, timeout: float = 120) -> list[dict[str, Any]]:
    """Watch ws/videos/<video>/ (token in the query string) and return every event received until
    `job` finishes."""

    token = token_for(user)

    async def watch() -> list[dict[str, Any]]:
        watcher = Watcher(video, token)
        assert await watcher.connect(), "a member must be able to watch the video"
        events: list[dict[str, Any]] = []
        deadline = time.monotonic() + timeout
        try:
            while time.monotonic() < deadline:
                event = await watcher.receive(deadline - time.monotonic())
                events.append(event)
                if event.get("type") == "job.finished" and event.get("job") == job:
                    return events
        finally:
            await watcher.close()
        raise AssertionError(f"no job.finished for job {job}: {events}")

    return asyncio.run(watch())


def ws_refused(video: int, user: Any) -> bool:
    token = token_for(user)

    async def attempt() -> bool:
        watcher = Watcher(video, token)
        accepted = await watcher.connect()
        if accepted:
            await watcher.close()
        else:
            await close_consumer_connections()
        return not accepted

    return asyncio.run(attempt())


@pytest.fixture
def manager() -> Any:
    return make_user("ingest-manager")


@pytest.fixture
def manager_client(manager: Any) -> APIClient:
    return client_for(manager)
