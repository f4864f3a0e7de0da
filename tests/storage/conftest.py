"""Fixtures of the storage tests: a real S3 API (moto in server mode, a separate process serving
HTTP on 127.0.0.1), a fresh bucket per test, and processes that run as on separate machines.

Nothing here mocks boto3: django-storages talks HTTP to the moto server exactly as it would to
AWS S3 or MinIO. A test that wants S3 in its own process applies `bucket.storages` with
`override_settings(STORAGES=...)`; processes it starts get `bucket.env`, the MASKLET_S3_*
variables an operator sets (config/settings/base.py reads them).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from config.settings.base import storages_from
from tests.conftest import ROOT, Server, _free_port, _subprocess_env
from tests.factories import client_for, make_user
from tests.worker_control import exclusive

ACCESS_KEY = SECRET_KEY = "masklet-test"
REGION = "us-east-1"


def _wait_for_port(port: int, proc: subprocess.Popen, log_path: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(log_path.read_text()[-3000:]) from None
            time.sleep(0.2)
    raise RuntimeError(f"nothing listens on {port}: {log_path.read_text()[-3000:]}")


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)


@pytest.fixture(scope="session")
def s3_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An S3-compatible server: moto's server mode, in its own process, on a free local port."""
    port = _free_port()
    log_path = tmp_path_factory.mktemp("moto") / "moto.log"
    with open(log_path, "ab") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
            cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
    _wait_for_port(port, proc, log_path)
    yield f"http://127.0.0.1:{port}"
    _stop(proc)


@dataclass
class Bucket:
    endpoint: str
    name: str

    @property
    def env(self) -> dict[str, str]:
        """The MASKLET_S3_* variables of a process that uses this bucket."""
        return {
            "MASKLET_S3_BUCKET": self.name,
            "MASKLET_S3_ENDPOINT_URL": self.endpoint,
            "MASKLET_S3_ACCESS_KEY": ACCESS_KEY,
            "MASKLET_S3_SECRET_KEY": SECRET_KEY,
            "MASKLET_S3_REGION": REGION,
        }

    @property
    def storages(self) -> dict[str, Any]:
        """STORAGES as config/settings/base.py builds them from `env`."""
        return storages_from(self.env)

    def client(self) -> Any:
        import boto3

        return boto3.client(
            "s3", endpoint_url=self.endpoint, aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY,
            region_name=REGION,
        )

    def keys(self, prefix: str = "") -> list[str]:
        """Every object in the bucket under `prefix`, read with boto3 itself (not through Django)."""
        pages = self.client().get_paginator("list_objects_v2").paginate(Bucket=self.name, Prefix=prefix)
        return sorted(item["Key"] for page in pages for item in page.get("Contents", []))


@pytest.fixture
def bucket(s3_endpoint: str) -> Bucket:
    """A new, empty bucket for the test."""
    made = Bucket(s3_endpoint, f"masklet-{uuid.uuid4().hex[:12]}")
    made.client().create_bucket(Bucket=made.name)
    return made


@pytest.fixture
def own_workers(start_worker: Callable[..., Any]) -> Iterator[Callable[..., Any]]:
    """Factory like `start_worker`, whose workers are the only ones consuming until the test ends:
    workers already running in the session (the shared `celery_worker`, on local storage) are
    paused meanwhile; the test's workers are stopped at its end, and the others resume."""
    with exclusive(start_worker) as start:
        yield start


@pytest.fixture
def web_server(django_db_blocker: Any, tmp_path: Path) -> Iterator[Callable[[dict[str, str]], str]]:
    """Factory: `web_server(env)` serves the real ASGI application with uvicorn in a process of
    its own (the test database, the test Redis, plus `env`) and returns its base URL."""
    servers: list[Server] = []

    def start(env: dict[str, str]) -> str:
        with django_db_blocker.unblock():
            server = Server(_subprocess_env(env), tmp_path / f"web-{len(servers)}.log")
        servers.append(server)
        return server.url

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def manager() -> Any:
    return make_user("storage-manager")


@pytest.fixture
def manager_client(manager: Any) -> Any:
    return client_for(manager)
