"""Shared pieces of the inference benchmarks (propagation, memory, click).

Each benchmark runs the real platform: its own PostgreSQL database (recreated and migrated),
its own Redis database, media in a temporary folder, a real Celery worker subprocess loading a
random-weights SAM 2.1 tiny checkpoint through the operator's settings, and API calls (the
Django test client in this process, or HTTP to uvicorn serving the ASGI app). The bedroom frames
of the SAM 2 repository are the video.

    with Platform("propagation", image_size=256) as platform:
        user, video = platform.bedroom_video(frames=60)
        ...

Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/masklet_bench_NAME),
BENCH_REDIS_URL (default redis://127.0.0.1:6379/13, 14, 15 for memory, click, propagation), MASKLET_BENCH_CACHE (checkpoint cache folder),
MASKLET_BENCH_KEEP=1 (keep the work folder with the worker and server logs).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BEDROOM = ROOT / "tests" / "data" / "bedroom"  # 200 JPEG frames (tests/data/README.md)
CACHE = Path(os.environ.get("MASKLET_BENCH_CACHE", Path(tempfile.gettempdir()) / "masklet-bench"))
# Each benchmark has its own database and Redis database, so two can run side by side.
REDIS_DBS = {"memory": 13, "click": 14, "propagation": 15}
THREADS = 2

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def random_checkpoint() -> Path:
    """A random-weights SAM 2.1 tiny checkpoint in the official layout, made once and cached."""
    path = CACHE / "sam2.1_hiera_tiny.pt"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, "-m", "inference.engine.random_checkpoint", "--model", "tiny", "--out", str(path)],
            cwd=ROOT, check=True, capture_output=True, env={**os.environ, "OMP_NUM_THREADS": str(THREADS)},
        )
    return path


def torch_device() -> str:
    """The device a worker with MASKLET_DEVICE=auto would pick (inference/engine/sam2_model.py):
    the benchmarks pin it for the platform's workers and give it to the bare loop, so both sides
    run on the same device."""
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


def bedroom_frame_files(count: int) -> list[Path]:
    """`count` bedroom frames (960x540 JPEGs); past the 200 there are, the clip plays back and forth."""
    files = sorted(BEDROOM.glob("*.jpg"))
    cycle = files + files[-2:0:-1]
    return [cycle[i % len(cycle)] for i in range(count)]


def peak_rss_mb(pid: int) -> float:
    """Peak resident memory (VmHWM) of a live process, in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc status")


def load_average() -> list[float]:
    """1, 5 and 15 minute load averages: the machine may be shared, figures depend on it."""
    return [round(x, 2) for x in os.getloadavg()]


def summary(values: list[float]) -> dict[str, float]:
    return {
        "median": round(statistics.median(values), 4),
        "min": round(min(values), 4),
        "max": round(max(values), 4),
    }


class Process:
    """A subprocess in its own process group with its output in a log file."""

    def __init__(self, args: list[str], env: dict[str, str], log: Path, ready: bytes | None = None) -> None:
        self.log_path = log
        self._log = open(log, "ab")  # noqa: SIM115
        self.proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        if ready is not None:
            self.wait_for(ready, 300)

    def wait_for(self, marker: bytes, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while marker not in self.log_path.read_bytes():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{self.proc.args[:4]} not ready:\n{self.log_path.read_text()[-3000:]}")
            time.sleep(0.1)

    @property
    def pid(self) -> int:
        return self.proc.pid

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)
        self._log.close()


class Platform:
    """The platform set up for one benchmark run; a context manager that cleans up after itself."""

    def __init__(self, name: str, *, image_size: int, lock_ttl: int = 60, device: str | None = None) -> None:
        self.image_size = image_size
        self.device = device or os.environ.get("MASKLET_DEVICE", "auto")  # the workers' MASKLET_DEVICE
        self.workdir = Path(tempfile.mkdtemp(prefix="masklet-bench-inference-"))
        self.checkpoint = random_checkpoint()
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/masklet_bench_{name}"),
            "TEST_REDIS_URL": os.environ.get("BENCH_REDIS_URL", f"redis://127.0.0.1:6379/{REDIS_DBS[name]}"),
            "MEDIA_ROOT": str(self.workdir / "media"),
            "MASKLET_CHANNEL_PREFIX": f"masklet-bench-{name}",
            "MASKLET_JOB_LOCK_TTL": str(lock_ttl),
            "MASKLET_SAM2_CHECKPOINT": str(self.checkpoint),
            "MASKLET_SAM2_CONFIG": "tiny",
            "MASKLET_SAM2_IMAGE_SIZE": str(image_size),
            "MASKLET_TORCH_THREADS": str(THREADS),
            "MASKLET_DEVICE": self.device,
            "OMP_NUM_THREADS": str(THREADS),
            "PYTHONPATH": str(ROOT),
            "PYTHONUNBUFFERED": "1",
        }
        self.processes: list[Process] = []

    # -- lifecycle ----------------------------------------------------------------------------

    def __enter__(self) -> Platform:
        try:
            return self._start()
        except BaseException:
            self.__exit__()
            raise

    def _start(self) -> Platform:
        recreate_database(self.env["DATABASE_URL"])
        subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=self.env, check=True)
        for key in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "TEST_REDIS_URL", "MEDIA_ROOT",
                    "MASKLET_CHANNEL_PREFIX", "MASKLET_JOB_LOCK_TTL"):
            os.environ[key] = self.env[key]
        import django

        django.setup()
        import redis
        from django.conf import settings

        redis.Redis.from_url(settings.REDIS_URL).flushdb()
        return self

    def __exit__(self, *exc: object) -> None:
        for process in reversed(self.processes):
            process.stop()
        from django.core.exceptions import ImproperlyConfigured

        try:
            from django.db import connections

            connections.close_all()
        except ImproperlyConfigured:  # failed before Django was set up
            pass
        _drop_database(self.env["DATABASE_URL"])
        if os.environ.get("MASKLET_BENCH_KEEP"):
            print(f"kept {self.workdir} (logs)", file=sys.stderr)
        else:
            shutil.rmtree(self.workdir, ignore_errors=True)

    # -- processes ----------------------------------------------------------------------------

    def start_worker(self, queues: str = "interactive,batch,cpu", name: str = "worker") -> Process:
        """A Celery worker (solo pool, the model loaded before it reports ready)."""
        process = Process(
            [sys.executable, "-m", "celery", "-A", "config", "worker", "-Q", queues, "--pool=solo",
             "--concurrency=1", "--loglevel=INFO", "--without-gossip", "--without-mingle", "--without-heartbeat",
             "-n", f"bench-{name}-{time.monotonic_ns()}@%h"],
            self.env, self.workdir / f"{name}.log", ready=b" ready.",
        )
        self.processes.append(process)
        return process

    def start_server(self) -> str:
        """uvicorn serving the real ASGI app; returns its base URL."""
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        process = Process(
            [sys.executable, "-m", "uvicorn", "config.asgi:application", "--host", "127.0.0.1", "--port", str(port),
             "--log-level", "info", "--no-access-log"],
            self.env, self.workdir / "uvicorn.log", ready=b"Uvicorn running",
        )
        self.processes.append(process)
        return f"http://127.0.0.1:{port}"

    def stop(self, process: Process) -> None:
        process.stop()
        self.processes.remove(process)

    # -- data ---------------------------------------------------------------------------------

    def bedroom_video(self, frames: int, *, width: int | None = None) -> tuple[Any, Any]:
        """A project manager and a ready video of `frames` bedroom frames in storage (as ingest
        leaves them), optionally resized to `width` pixels wide."""
        import cv2
        from django.contrib.auth import get_user_model
        from django.core.files.base import ContentFile
        from django.core.files.storage import default_storage

        from annotation.models import Video
        from annotation.services import projects as project_services

        user = get_user_model().objects.create_user(username=f"bench{time.monotonic_ns()}", password="bench-password")
        project = project_services.project_create(user=user, name="benchmark")
        video = Video.objects.create(project=project, name="bedroom", status="processing")
        height = None
        for index, path in enumerate(bedroom_frame_files(frames)):
            data = path.read_bytes()
            if width is not None:
                image = cv2.imread(str(path))
                image = cv2.resize(image, (width, round(image.shape[0] * width / image.shape[1])),
                                   interpolation=cv2.INTER_AREA)
                data = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 90])[1].tobytes()
            if height is None:
                first = cv2.imdecode(__import__("numpy").frombuffer(data, "uint8"), cv2.IMREAD_COLOR)
                height, width = first.shape[:2]
            for full in (True, False):
                default_storage.save(video.frame_path(index, full=full), ContentFile(data))
        video.status = "ready"
        video.width, video.height = width, height
        video.display_width, video.display_height = width, height
        video.frame_count = frames
        video.source_fps = video.annotation_fps = 24.0
        video.frame_times = [i / 24 for i in range(frames)]
        video.content_hash = f"bedroom-{video.pk}-{frames}-{width}"
        video.save()
        return user, video

    def frame_folder(self, frames: int, *, width: int | None = None) -> Path:
        """The same frames as `bedroom_video`, as a folder of 00000.jpg ... (sam2's own input)."""
        import cv2

        folder = self.workdir / f"frames-{frames}-{width}"
        folder.mkdir(exist_ok=True)
        for index, path in enumerate(bedroom_frame_files(frames)):
            target = folder / f"{index:05d}.jpg"
            if width is None:
                shutil.copyfile(path, target)
            else:
                image = cv2.imread(str(path))
                image = cv2.resize(image, (width, round(image.shape[0] * width / image.shape[1])),
                                   interpolation=cv2.INTER_AREA)
                cv2.imwrite(str(target), image, [cv2.IMWRITE_JPEG_QUALITY, 90])
        return folder


def api_client(user: Any) -> Any:
    from rest_framework.test import APIClient

    from annotation.services.accounts import token_create

    client = APIClient(SERVER_NAME="localhost")
    client.credentials(HTTP_AUTHORIZATION=f"Token {token_create(user=user)[1]}")
    return client


def wait_job(job_id: int, timeout: float, poll: float = 0.5) -> Any:
    """Poll the job row until it finishes; returns it. Time a job by its `finished_at` (the
    worker's clock is this machine's clock), not by when the poll saw it: polling slowly keeps
    this process from taking CPU from the worker it measures."""
    from annotation.models import Job

    deadline = time.monotonic() + timeout
    while True:
        job = Job.objects.get(pk=job_id)
        if job.status in ("succeeded", "failed", "cancelled"):
            return job
        if time.monotonic() > deadline:
            raise RuntimeError(f"job {job_id} still {job.status} after {timeout} s")
        time.sleep(poll)


def _admin_url(url: str) -> tuple[str, str]:
    base, name = url.rsplit("/", 1)
    return base + "/postgres", name


def recreate_database(url: str) -> None:
    """Drop and create the benchmark database named by `url` (PostgreSQL)."""
    import psycopg

    admin, name = _admin_url(url)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def _drop_database(url: str) -> None:
    import psycopg

    admin, name = _admin_url(url)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
