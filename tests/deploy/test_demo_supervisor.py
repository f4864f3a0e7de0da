"""`make demo` supervises its processes: a worker or the web server that dies is
restarted with a log line while the rest keep serving, and Ctrl-C still stops everything.

The demo runs for real, as `make demo` runs it (scripts/demo.sh: migrate, demo_setup, supervisord
with scripts/demo-supervisord.conf), on a database of its own, the test Redis db, a free port and
a temporary MEDIA_ROOT.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import psutil
import pytest
import requests
from django.conf import settings

from config.celery import app
from tests.conftest import ROOT, _free_port

STARTED = "==> a process that dies is restarted"


def _demo_processes(marker: str) -> list[psutil.Process]:
    """Every live process started by this demo run (they all inherit the marker variable)."""
    found = []
    for process in psutil.process_iter():
        try:
            if process.environ().get("MASKLET_DEMO_TEST_RUN") == marker and process.status() != psutil.STATUS_ZOMBIE:
                found.append(process)
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            continue
    return found


def _programs(marker: str, needle: str) -> list[psutil.Process]:
    """The demo processes whose command line contains `needle` (e.g. "uvicorn")."""
    found = []
    for process in _demo_processes(marker):
        try:
            if needle in " ".join(process.cmdline()):
                found.append(process)
        except psutil.Error:
            continue
    return found


def _program(marker: str, needle: str) -> psutil.Process:
    """The one demo process whose command line contains `needle`."""
    matches = _programs(marker, needle)
    assert len(matches) == 1, [p.cmdline() for p in matches]
    return matches[0]


def _wait(what: str, condition: Callable[[], object], log: Path, timeout: float = 60) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}; demo log:\n{log.read_text()[-4000:]}")


def _status_ok(url: str) -> bool:
    try:
        return requests.get(url + "/api/status/", timeout=5).status_code == 200
    except requests.ConnectionError:
        return False


@pytest.mark.timeout(150)
def test_demo_restarts_a_killed_worker_and_web_server_and_ctrl_c_stops_everything(tmp_path: Path) -> None:
    db = settings.DATABASES["default"]
    demo_db = f"{db['NAME'].removeprefix('test_')}_demo"
    psql = ["psql", "-h", db["HOST"] or "127.0.0.1", "-U", db["USER"] or "postgres", "-d", "postgres", "-q", "-c"]
    subprocess.run([*psql, f'DROP DATABASE IF EXISTS "{demo_db}" WITH (FORCE)'], check=True)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    marker = uuid.uuid4().hex
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{demo_db}",
        "REDIS_URL": settings.REDIS_URL,
        "MASKLET_CHANNEL_PREFIX": settings.CHANNEL_LAYERS["default"]["CONFIG"]["prefix"] + "-demo",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PORT": str(port),
        "MASKLET_DB_POOL_MAX": "2",
        "MASKLET_WORKER_DB_POOL_MAX": "1",
        "MASKLET_INTERACTIVE_WORKERS": "1",  # one is enough to see a restart (demo.sh's default is 2)
        "MASKLET_WEB_PROCESSES": "2",  # demo.sh's default
        "OMP_NUM_THREADS": "1",
        "PYTHONUNBUFFERED": "1",
        "MASKLET_DEMO_TEST_RUN": marker,
    }
    log = tmp_path / "demo.log"
    with open(log, "ab") as out:
        demo = subprocess.Popen(["bash", "scripts/demo.sh"], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)  # its own process group, as a terminal gives it
    try:
        _wait("the demo to start", lambda: STARTED in log.read_text(), log, timeout=80)
        assert "Masklet demo login: username 'demo'" in log.read_text()
        assert f"==> Masklet runs at {url}/" in log.read_text()
        assert _status_ok(url)
        ready = re.compile(r"(interactive\d*@\S+) ready\.")
        worker_name = _wait("the interactive worker", lambda: ready.findall(log.read_text()), log)[0]  # type: ignore[index]

        # A worker dies: supervisord logs it and starts another, the web server keeps answering.
        worker = _program(marker, "-Q interactive")
        worker.send_signal(signal.SIGKILL)
        _wait("the restart log line", lambda: "exited: worker-interactive-0 (terminated by SIGKILL; not expected)"
              in log.read_text(), log)
        assert _status_ok(url)
        _wait("a second interactive worker ready", lambda: len(ready.findall(log.read_text())) == 2, log)
        assert _program(marker, "-Q interactive").pid != worker.pid
        replies = app.control.ping(destination=[worker_name], timeout=5)
        assert replies and worker_name in replies[0], replies

        # A web server process dies: the other keeps answering on the port supervisord holds, and
        # the dead one is restarted on the same socket.
        webs = _programs(marker, "uvicorn")
        assert len(webs) == 2, [p.cmdline() for p in webs]
        webs[0].send_signal(signal.SIGKILL)
        _wait("the restart log line", lambda: re.search(r"exited: web-\d \(terminated by SIGKILL; not expected\)", log.read_text()), log)
        assert all(_status_ok(url) for _ in range(5))
        _wait("a new web server process", lambda: len(_programs(marker, "uvicorn")) == 2 and webs[0].pid not in {p.pid for p in _programs(marker, "uvicorn")}, log)
        assert _status_ok(url)

        # Ctrl-C: SIGINT to the foreground process group, as a terminal sends it.
        os.killpg(demo.pid, signal.SIGINT)
        demo.wait(45)
        _wait("every demo process to exit", lambda: not _demo_processes(marker), log, timeout=15)
        assert "==> stopping" in log.read_text()
    finally:
        for process in _demo_processes(marker):  # only what this test started, if it failed midway
            process.kill()
        if demo.poll() is None:
            demo.kill()
            demo.wait(10)
        subprocess.run([*psql, f'DROP DATABASE IF EXISTS "{demo_db}" WITH (FORCE)'], check=False)
