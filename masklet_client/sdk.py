"""A small Python SDK for the Masklet REST API.

    client = Client("https://masklet.example.org", username="ana", password="...")
    project = client.create_project("Kitchen", annotation_fps=6)
    upload = client.upload_video(project["id"], "kitchen.mp4")
    client.wait(upload["job"])
    job = client.start_export(project["id"], "sav")
    client.download_export(client.wait(job), "kitchen-sav.zip")

Uploads stream from disk (the multipart body is generated piece by piece, with a known
Content-Length), and downloads stream to disk, so file size does not matter.
Every API error ({"detail": ...} with a 4xx/5xx status) raises APIError whose str() is the
server's message.
"""

from __future__ import annotations

import mimetypes
import os
import sys
import time
import uuid
from collections.abc import Iterator
from email.message import Message
from pathlib import Path
from typing import IO, Any
from urllib.parse import urljoin, urlsplit

import requests

DEFAULT_TIMEOUT = 60.0  # seconds per HTTP request
_CHUNK = 1 << 20
FINISHED = ("succeeded", "failed", "cancelled")


class APIError(Exception):
    """The API answered with an error; `str()` is its `detail`, ready to show a user."""

    def __init__(self, status: int, detail: str, errors: dict[str, Any] | None = None) -> None:
        self.status = status
        self.detail = detail
        self.errors = errors or {}
        super().__init__(self.message())

    def message(self) -> str:
        text = self.detail
        if self.errors:
            fields = "; ".join(
                f"{name}: {' '.join(map(str, msgs)) if isinstance(msgs, list) else msgs}"
                for name, msgs in self.errors.items()
            )
            text = f"{text} ({fields})"
        return text

    @classmethod
    def from_response(cls, response: requests.Response) -> APIError:
        detail: str | None = None
        errors: dict[str, Any] | None = None
        try:
            body = response.json()
        except ValueError:
            body = None
        if isinstance(body, dict):
            if isinstance(body.get("detail"), str):
                detail = body["detail"]
            if isinstance(body.get("errors"), dict):
                errors = body["errors"]
            elif detail is None:  # plain DRF field errors {"field": ["..."]}
                errors = {k: v for k, v in body.items() if k != "detail"}
        if detail is None:
            reason = response.reason or "error"
            detail = f"the server answered {response.status_code} {reason}"
        return cls(response.status_code, detail, errors)


class JobFailed(Exception):
    """A job ended as failed or cancelled; `job` is its last state."""

    def __init__(self, job: dict[str, Any]) -> None:
        self.job = job
        reason = job.get("error") or "no reason given"
        super().__init__(f"job {job.get('id')} {job.get('status')}: {reason}")


class MultipartFile:
    """A multipart/form-data body read lazily: text fields, then one file streamed from disk.

    requests sends any object with read() and len() as a streamed body with Content-Length.
    """

    def __init__(
        self,
        fields: dict[str, str],
        file_field: str,
        path: str | os.PathLike[str],
        *,
        content_type: str | None = None,
        boundary: str | None = None,
    ) -> None:
        self.path = Path(path)
        self.boundary = boundary or uuid.uuid4().hex
        file_name = self.path.name.replace('"', "_").replace("\r", "_").replace("\n", "_")
        mime = content_type or mimetypes.guess_type(file_name)[0] or "application/octet-stream"
        head = b""
        for name, value in fields.items():
            head += (
                f'--{self.boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                f"{value}\r\n"
            ).encode()
        head += (
            f"--{self.boundary}\r\n"
            f'Content-Disposition: form-data; name="{file_field}"; filename="{file_name}"\r\n'
            f"Content-Type: {mime}\r\n\r\n"
        ).encode()
        self._head = head
        self._tail = f"\r\n--{self.boundary}--\r\n".encode()
        self._size = len(head) + self.path.stat().st_size + len(self._tail)
        self._parts = self._generate()
        self._pending = b""
        self.sent = 0

    @property
    def content_type(self) -> str:
        return f"multipart/form-data; boundary={self.boundary}"

    def __len__(self) -> int:
        return self._size

    def _generate(self) -> Iterator[bytes]:
        yield self._head
        with open(self.path, "rb") as f:
            while chunk := f.read(_CHUNK):
                yield chunk
        yield self._tail

    def read(self, size: int = -1) -> bytes:
        out = bytearray(self._pending)
        self._pending = b""
        while size < 0 or len(out) < size:
            piece = next(self._parts, None)
            if piece is None:
                break
            out += piece
        if size >= 0 and len(out) > size:
            self._pending = bytes(out[size:])
            del out[size:]
        self.sent += len(out)
        return bytes(out)


def _download_name(response: requests.Response, url: str, job: dict[str, Any]) -> str:
    """The file name the server gives (Content-Disposition), else the URL's last part; never a path."""
    header = response.headers.get("Content-Disposition", "")
    name = ""
    if header:
        message = Message()
        message["Content-Disposition"] = header
        name = message.get_filename() or ""
    name = Path(name.replace("\\", "/")).name or Path(urlsplit(url).path).name
    return name if name not in ("", ".", "..") else f"export-{job.get('id')}"


def progress_line(fraction: float, status: str, width: int = 30) -> str:
    """`[#########.....]  45% running` for a progress fraction 0..1."""
    fraction = min(max(fraction, 0.0), 1.0)
    filled = int(round(fraction * width))
    return f"[{'#' * filled}{'.' * (width - filled)}] {fraction * 100:3.0f}% {status}"


class Client:
    """Masklet API client. Give a token, or a username and password to log in at once."""

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        username: str | None = None,
        password: str | None = None,
        session: requests.Session | None = None,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        self.base_url = base_url.rstrip("/") + "/"
        self.session = session or requests.Session()
        self.timeout = timeout
        self.token: str | None = None
        if token:
            self.set_token(token)
        elif username is not None:
            self.login(username, password or "")

    # -- plumbing --------------------------------------------------------------------------
    def url(self, path: str) -> str:
        return urljoin(self.base_url, path.lstrip("/"))

    def set_token(self, token: str) -> None:
        self.token = token
        self.session.headers["Authorization"] = f"Token {token}"

    def request(self, method: str, path: str, **kwargs: Any) -> Any:
        """Send a request to an API path; return the decoded JSON (None when empty)."""
        kwargs.setdefault("timeout", self.timeout)
        response = self.session.request(method, self.url(path), **kwargs)
        if response.status_code >= 400:
            raise APIError.from_response(response)
        if response.status_code == 204 or not response.content:
            return None
        return response.json()

    def _list(self, path: str) -> list[dict[str, Any]]:
        """GET a list, following DRF page links when the server paginates."""
        items: list[dict[str, Any]] = []
        page: Any = self.request("GET", path)
        while True:
            if isinstance(page, list):
                return items + page
            items += page.get("results", [])
            if not page.get("next"):
                return items
            page = self.request("GET", page["next"])

    # -- auth and projects -----------------------------------------------------------------
    def login(self, username: str, password: str) -> str:
        """POST /api/auth/token; keeps and returns the token."""
        answer = self.request(
            "POST", "/api/auth/token", json={"username": username, "password": password}
        )
        self.set_token(answer["token"])
        return answer["token"]

    def logout(self) -> None:
        """POST /api/auth/logout/: the server revokes the token this client holds."""
        self.request("POST", "/api/auth/logout/")
        self.token = None
        self.session.headers.pop("Authorization", None)

    def list_projects(self) -> list[dict[str, Any]]:
        return self._list("/api/projects/")

    def create_project(
        self, name: str, *, description: str = "", annotation_fps: float | None = None
    ) -> dict[str, Any]:
        body: dict[str, Any] = {"name": name, "description": description}
        if annotation_fps is not None:
            body["annotation_fps"] = annotation_fps
        return self.request("POST", "/api/projects/", json=body)

    # -- status and provenance -------------------------------------------------------------
    def status(self) -> dict[str, Any]:
        """GET /api/status/: per queue ("interactive", "batch", "cpu") the live workers and the
        models they run (backend, model, checkpoint, checkpoint_sha256, device, dtype,
        image_size, label); `backend_label` names what answers clicks."""
        return self.request("GET", "/api/status/")

    def backends(self) -> dict[str, list[dict[str, Any]]]:
        """{queue: [model, ...]}: the distinct models the live workers of each queue run."""
        return {q["queue"]: q["models"] for q in self.status()["queues"]}

    def list_masks(
        self, masklet_id: int, *, start: int | None = None, end: int | None = None
    ) -> list[dict[str, Any]]:
        """A masklet's masks (frames `start`..`end` inclusive), each with `provenance`: the id of
        the model that produced it (a job's `provenance` and an export manifest's
        `provenance.models` name the same ids), or None for a person's edit or an import."""
        params = {k: v for k, v in (("start", start), ("end", end)) if v is not None}
        return self.request("GET", f"/api/masklets/{masklet_id}/masks/", params=params)

    # -- videos ------------------------------------------------------------------------------
    def upload_video(self, project_id: int, path: str | os.PathLike[str]) -> dict[str, Any]:
        """Upload a video file (or a zip of frames), streamed; returns {"id", "status", "job"}."""
        return self._upload(f"/api/projects/{project_id}/videos/", path, {})

    def get_video(self, video_id: int) -> dict[str, Any]:
        return self.request("GET", f"/api/videos/{video_id}/")

    def _upload(self, path: str, file_path: str | os.PathLike[str], fields: dict[str, str]) -> Any:
        body = MultipartFile(fields, "file", file_path)
        return self.request(
            "POST",
            path,
            data=body,
            headers={"Content-Type": body.content_type, "Content-Length": str(len(body))},
            timeout=None if self.timeout is None else max(self.timeout, 600.0),
        )

    # -- jobs ----------------------------------------------------------------------------------
    def start_propagation(
        self,
        video_id: int,
        masklets: list[int],
        start_frame: int,
        *,
        direction: str = "both",
        max_frames: int | None = None,
    ) -> int:
        body: dict[str, Any] = {
            "masklets": masklets,
            "start_frame": start_frame,
            "direction": direction,
        }
        if max_frames is not None:
            body["max_frames"] = max_frames
        return self.request("POST", f"/api/videos/{video_id}/propagations/", json=body)["job"]

    def start_automasklets(self, video_id: int, **parameters: Any) -> int:
        return self.request("POST", f"/api/videos/{video_id}/automasklets/", json=parameters)["job"]

    def start_export(
        self,
        project_id: int,
        format: str,
        *,
        only_verified: bool = False,
        videos: list[int] | None = None,
        labels: list[int] | None = None,
        statuses: list[str] | None = None,
        task_states: list[str] | None = None,
        frame_start: int | None = None,
        frame_end: int | None = None,
    ) -> int:
        """Start an export ("sav", "coco" or "davis") of what the project's delivery policy
        accepts, narrowed by the filters (masklet statuses, labels, task states, annotated-frame
        range); returns the job id."""
        body: dict[str, Any] = {"format": format, "only_verified": only_verified}
        for key, value in (
            ("videos", videos), ("labels", labels), ("statuses", statuses), ("task_states", task_states),
            ("frame_start", frame_start), ("frame_end", frame_end),
        ):
            if value is not None:
                body[key] = value
        return self.request("POST", f"/api/projects/{project_id}/exports/", json=body)["job"]

    def list_exports(self, project_id: int) -> list[dict[str, Any]]:
        """Past exports of a project, newest first: who, when, format, filters, masklets, size."""
        return self._list(f"/api/projects/{project_id}/exports/")

    def export(
        self,
        project_id: int,
        format: str,
        destination: str | os.PathLike[str],
        *,
        progress: IO[str] | None | bool = True,
        timeout: float | None = None,
        **filters: Any,
    ) -> Path:
        """Start an export, wait for it (progress bar on stderr) and download its file."""
        job_id = self.start_export(project_id, format, **filters)
        return self.download_export(self.wait(job_id, progress=progress, timeout=timeout), destination)

    def start_import(self, video_id: int, path: str | os.PathLike[str], format: str) -> int:
        """Upload an SA-V JSON, COCO JSON or DAVIS zip into a video; returns the job id."""
        return self._upload(f"/api/videos/{video_id}/imports/", path, {"format": format})["job"]

    def get_job(self, job_id: int) -> dict[str, Any]:
        return self.request("GET", f"/api/jobs/{job_id}/")

    def cancel_job(self, job_id: int) -> Any:
        return self.request("POST", f"/api/jobs/{job_id}/cancel/")

    def wait(
        self,
        job_id: int,
        *,
        poll_interval: float = 1.0,
        timeout: float | None = None,
        progress: IO[str] | None | bool = True,
    ) -> dict[str, Any]:
        """Poll GET /api/jobs/{id}/ until the job finishes; return it when it succeeded.

        Draws a text progress bar on stderr (or the given stream; False for none). Raises
        JobFailed when the job failed or was cancelled, TimeoutError after `timeout` seconds.
        """
        stream = sys.stderr if progress is True else (progress or None)
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            job = self.get_job(job_id)
            status = job.get("status", "?")
            if stream is not None:
                stream.write("\r" + progress_line(float(job.get("progress") or 0.0), status))
                stream.flush()
            if status in FINISHED:
                if stream is not None:
                    stream.write("\n")
                if status != "succeeded":
                    raise JobFailed(job)
                return job
            if deadline is not None and time.monotonic() > deadline:
                if stream is not None:
                    stream.write("\n")
                raise TimeoutError(f"job {job_id} still {status} after {timeout:g} s")
            time.sleep(poll_interval)

    # -- downloads -------------------------------------------------------------------------
    def download_url(self, job: dict[str, Any]) -> str:
        result = job.get("result") or {}
        url = result.get("download_url") if isinstance(result, dict) else None
        if not url:
            raise APIError(0, f"job {job.get('id')} has no download (status {job.get('status')})")
        return self.url(url) if not urlsplit(url).scheme else url

    def download_export(
        self, job: dict[str, Any] | int, destination: str | os.PathLike[str]
    ) -> Path:
        """Save the finished export job's file (its `result["download_url"]`), streamed.

        The token is sent only when the URL is on the API's own host (not to storage links).
        """
        if not isinstance(job, dict):
            job = self.get_job(job)
        url = self.download_url(job)
        same_host = urlsplit(url).netloc == urlsplit(self.base_url).netloc
        if same_host:
            response = self.session.get(url, stream=True, timeout=self.timeout)
        else:
            response = requests.get(url, stream=True, timeout=self.timeout)
        with response:
            if response.status_code >= 400:
                raise APIError.from_response(response)
            target = Path(destination)
            if target.is_dir():
                target = target / _download_name(response, url, job)
            partial = target.with_name(target.name + ".part")
            with open(partial, "wb") as f:
                for chunk in response.iter_content(_CHUNK):
                    f.write(chunk)
            partial.replace(target)
        return target
