"""Shared fixtures: real PostgreSQL (pytest-django's test database), real Redis, real Celery
workers and a real ASGI server started as subprocesses against the same test database.

Tests that need a worker or the live server must use `transactional_db` (data committed, so
other processes see it); pytest-django flushes the tables after each such test.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import redis as redis_lib

from tests.data_paths import BEDROOM_MP4, TEST_DATA

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # Browser tests last: they are the slowest and depend on everything else working.
    items.sort(key=lambda item: 1 if item.get_closest_marker("e2e") else 0)


_workers_started = False


def _uses_committed_data(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    transactional = bool(marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))
    return transactional or "transactional_db" in getattr(item, "fixturenames", ())


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    """Before pytest-django empties the tables after a test whose data the workers saw, the
    workers finish what that test set going: its jobs (a QA job queued by its last edit, a
    propagation it did not wait for) and any task in hand. A worker still writing while the
    tables are truncated deadlocks the flush, or writes the test's rows into the next test."""
    if _workers_started and _uses_committed_data(item):
        from tests.worker_control import workers_settle

        try:
            workers_settle()
        except Exception as exc:  # the database is gone or blocked: the flush reports it
            print(f"workers did not settle after {item.nodeid}: {exc}", file=sys.stderr)
    yield


@pytest.fixture(scope="session")
def test_data() -> Path:
    """tests/data: the bedroom frames and the SA-V example (tests/data/README.md)."""
    assert TEST_DATA.is_dir(), f"test data missing: {TEST_DATA}"
    return TEST_DATA


@pytest.fixture(scope="session")
def bedroom_mp4() -> Path:
    """demo/bedroom.mp4, the demo clip: SAM 2's bedroom clip, 960x540, 200 frames at 30 fps."""
    assert BEDROOM_MP4.is_file(), f"demo clip missing: {BEDROOM_MP4}"
    return BEDROOM_MP4


@pytest.fixture(scope="session", autouse=True)
def _clean_test_redis() -> None:
    from django.conf import settings

    redis_lib.Redis.from_url(settings.REDIS_URL).flushdb()


@pytest.fixture(scope="session", autouse=True)
def _remove_test_media() -> Iterator[None]:
    """Remove the session's media folder (made by config.settings.test) when the session ends."""
    from django.conf import settings

    yield
    media = Path(settings.MEDIA_ROOT)
    if media.name.startswith("masklet-media-") and "MEDIA_ROOT" not in os.environ:
        shutil.rmtree(media, ignore_errors=True)


def _test_database_url() -> str:
    from django.db import connection

    s = connection.settings_dict
    return f"postgres://{s['USER'] or 'postgres'}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def _subprocess_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    from django.conf import settings

    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": _test_database_url(),
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "TEST_REDIS_URL": settings.REDIS_URL,
            "MASKLET_CHANNEL_PREFIX": settings.CHANNEL_LAYERS["default"]["CONFIG"]["prefix"],
            "MASKLET_JOB_LOCK_TTL": str(settings.MASKLET["JOB_LOCK_TTL"]),
            "OMP_NUM_THREADS": "2",
            # Tests time jobs per frame as on CPU (a kill lands mid-propagation): never a GPU.
            "MASKLET_DEVICE": "cpu",
            "MASKLET_WORKER_ANNOUNCE_PERIOD": "1",  # pauses and restarts show within a second
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(extra or {})
    return env


class _Process:
    """A subprocess in its own session (a kill reaches its children too), its output in a file."""

    proc: subprocess.Popen[bytes]
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def kill(self) -> None:
        """SIGKILL the whole process group, as a crash or an OOM kill would: no handler runs."""
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.kill()


class Worker(_Process):
    """A real Celery worker process (solo pool: one task at a time, the model loaded once)."""

    def __init__(self, queues: str, env: dict[str, str], log_path: Path) -> None:
        self.log_path = log_path
        self._log = open(log_path, "ab")  # noqa: SIM115
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "worker", "-Q", queues, "--pool=solo",
             "--concurrency=1", "--loglevel=INFO", "--without-gossip", "--without-mingle", "--without-heartbeat",
             "-n", f"test-{queues.replace(',', '-')}-{time.monotonic_ns()}@%h"],
            cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        self._wait_ready()

    def _wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"worker exited: {self.log_path.read_text()[-3000:]}")
            if b"ready." in self.log_path.read_bytes():
                return
            time.sleep(0.2)
        raise RuntimeError(f"worker not ready: {self.log_path.read_text()[-3000:]}")

    def stop(self) -> None:
        super().stop()
        self._log.close()


class Server(_Process):
    """uvicorn serving config.asgi:application (HTTP and websockets) on a free local port, with
    the token-redacting log config that make demo and compose use."""

    def __init__(self, env: dict[str, str], log_path: Path, log_level: str = "warning") -> None:
        self.port = _free_port()
        self.log_path = log_path
        with open(log_path, "ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "uvicorn", "config.asgi:application", "--host", "127.0.0.1",
                 "--port", str(self.port), "--log-config", "config/uvicorn-logging.json", "--log-level", log_level],
                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                if self.proc.poll() is not None:
                    raise RuntimeError(self.log()[-3000:]) from None
                time.sleep(0.2)
        raise RuntimeError(f"server not up: {self.log()[-3000:]}")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def ws_url(self, video_id: int, query: str = "") -> str:
        return f"ws://127.0.0.1:{self.port}/ws/videos/{video_id}/{query}"


@pytest.fixture(scope="session")
def start_worker(django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
                 ) -> Iterator[Callable[..., Worker]]:
    """Factory: `start_worker(queues="interactive,batch,cpu", env={...})` → a running Worker."""
    workers: list[Worker] = []
    logs = tmp_path_factory.mktemp("workers")

    def start(queues: str = "interactive,batch,cpu", env: dict[str, str] | None = None) -> Worker:
        global _workers_started
        _workers_started = True
        with django_db_blocker.unblock():
            worker = Worker(queues, _subprocess_env(env), logs / f"worker-{len(workers)}.log")
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop()


@pytest.fixture(scope="session")
def celery_worker(start_worker: Callable[..., Worker]) -> Worker:
    """One worker on every queue, with the OpenCV backend (no checkpoint), shared by the session."""
    return start_worker()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def live_server_url(django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
                    ) -> Iterator[str]:
    """The real ASGI application (HTTP + websockets) served by uvicorn on a free local port."""
    with django_db_blocker.unblock():
        server = Server(_subprocess_env(), tmp_path_factory.mktemp("server") / "uvicorn.log")
    yield server.url
    server.stop()


@pytest.fixture
def one_connection_server(transactional_db: Any, tmp_path: Path) -> Iterator[str]:
    """A uvicorn of its own whose pool holds a single connection and waits one second for it."""
    env = _subprocess_env({"MASKLET_DB_POOL_MIN": "1", "MASKLET_DB_POOL_MAX": "1", "MASKLET_DB_POOL_TIMEOUT": "1"})
    server = Server(env, tmp_path / "uvicorn.log")
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture(scope="session")
def sam3_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """SAM 3 at tiny sizes with random weights, in the Hugging Face folder the operator's command
    (`python -m inference.engine.random_checkpoint --model sam3-tiny`) writes; once per session."""
    out = tmp_path_factory.mktemp("sam3") / "sam3-tiny"
    env = {**os.environ, "OMP_NUM_THREADS": "2", "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "inference.engine.random_checkpoint", "--model", "sam3-tiny", "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, env=env,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return out


@pytest.fixture(scope="session")
def sam3_env(sam3_folder: Path) -> dict[str, str]:
    """Worker environment naming the SAM 3 folder exactly as an operator would (no downloads).

    Its job lock lives 30 s rather than the test settings' 5: the first concept job loads SAM 3's
    detector inside the job (the backend loads it on first use), and on a loaded two-core machine
    a niced worker's heartbeat thread went more than 5 s without running, so its live job's lock
    lapsed under it (the job then counts as lost, not resumed)."""
    return {
        "MASKLET_BACKEND": "sam3", "MASKLET_SAM3_MODEL": str(sam3_folder), "MASKLET_TORCH_THREADS": "2",
        "MASKLET_DEVICE": "cpu", "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "MASKLET_JOB_LOCK_TTL": "30",
    }
