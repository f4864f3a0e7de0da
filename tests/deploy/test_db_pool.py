"""Bounded database connections: a web process never holds more connections than its
pool, whatever the number of clients and sockets, and a pool that stays exhausted answers 503.

Real uvicorn servers, real PostgreSQL: connections are counted in pg_stat_activity and attributed
to the server process by their client port (tests/deploy/pgconnections.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlparse

import psycopg
import pytest
import requests
from django.conf import settings
from django.db import connection
from websockets.sync.client import connect as ws_connect

from tests.conftest import ROOT, _subprocess_env
from tests.deploy.pgconnections import ConnectionSampler, listening_pid, wait_for_states
from tests.factories import make_team, token_for

HTTP_CLIENTS = 50
SOCKET_CLIENTS = 10
REQUESTS_PER_CLIENT = 30
LOAD_SECONDS = 30  # each client stops at this deadline even if it has requests left


def _pool_max() -> int:
    return settings.DATABASES["default"]["OPTIONS"]["pool"]["max_size"]


def _read_paths(team) -> list[str]:  # type: ignore[no-untyped-def]
    video, project = team.video.pk, team.project.pk
    return [
        "/api/status/",
        "/api/auth/me/",
        "/api/projects/",
        f"/api/projects/{project}/",
        f"/api/projects/{project}/videos/",
        f"/api/projects/{project}/labels/",
        "/api/tasks/",
        f"/api/videos/{video}/",
        f"/api/videos/{video}/timeline/",
        f"/api/videos/{video}/masklets/",
        f"/api/videos/{video}/masks/?start=0&end=5",
        f"/api/videos/{video}/frames/0/",
        f"/api/videos/{video}/jobs/",
    ]


@pytest.mark.timeout(240)
def test_fifty_clients_and_ten_sockets_stay_within_the_pool(transactional_db, live_server_url: str) -> None:
    team = make_team("load-", frames=6)
    tokens = [token_for(user) for user in (team.manager, team.annotator, team.reviewer, team.other_annotator)]
    paths = _read_paths(team)
    port = urlparse(live_server_url).port
    assert port is not None
    server_pid = listening_pid(port)
    outcomes: Counter = Counter()
    failures: list[str] = []
    latencies: list[float] = []
    lock = threading.Lock()
    deadline = time.monotonic() + LOAD_SECONDS

    def record(kind: str, ok: bool, what: str) -> None:
        with lock:
            outcomes[(kind, ok)] += 1
            if not ok and len(failures) < 20:
                failures.append(what)

    def http_client(index: int) -> None:
        with requests.Session() as session:
            session.headers["Authorization"] = f"Token {tokens[index % len(tokens)]}"
            for n in range(REQUESTS_PER_CLIENT):
                if time.monotonic() > deadline:
                    return
                path = paths[(index + n) % len(paths)]
                try:
                    started = time.monotonic()
                    response = session.get(live_server_url + path, timeout=30)
                    latencies.append(time.monotonic() - started)
                    record("http", response.status_code == 200, f"{path}: {response.status_code} {response.text[:200]}")
                except requests.RequestException as error:
                    record("http", False, f"{path}: {error!r}")

    def socket_client(index: int) -> None:
        url = f"ws://127.0.0.1:{port}/ws/videos/{team.video.pk}/?token={tokens[index % len(tokens)]}"
        try:
            with ws_connect(url, origin=f"http://127.0.0.1:{port}", open_timeout=30) as socket:
                record("socket", json.loads(socket.recv(timeout=30))["type"] == "presence", "first event")
                for frame in range(REQUESTS_PER_CLIENT // 3):
                    if time.monotonic() > deadline:
                        break
                    socket.send(json.dumps({"type": "presence", "frame": frame % 6}))
                    # Wait for an answer to this message (presence broadcasts of others may come first).
                    record("socket", json.loads(socket.recv(timeout=30))["type"] == "presence", "presence")
        except Exception as error:  # a refused or dropped socket is a failure, not a crash
            record("socket", False, f"socket {index}: {error!r}")

    groups = {"server": [server_pid], "test": [os.getpid()]}
    started = time.monotonic()
    with ConnectionSampler(connection.settings_dict["NAME"], groups) as sampler:
        with ThreadPoolExecutor(HTTP_CLIENTS + SOCKET_CLIENTS) as executor:
            futures = [executor.submit(http_client, i) for i in range(HTTP_CLIENTS)]
            futures += [executor.submit(socket_client, i) for i in range(SOCKET_CLIENTS)]
            for future in futures:
                future.result()

    elapsed = time.monotonic() - started
    latencies.sort()
    http_ok, socket_ok = outcomes[("http", True)], outcomes[("socket", True)]
    errors = outcomes[("http", False)] + outcomes[("socket", False)]
    print(
        f"\n{HTTP_CLIENTS} HTTP clients + {SOCKET_CLIENTS} sockets: {http_ok} requests and {socket_ok} socket "
        f"events ok, {errors} errors in {elapsed:.1f} s (p50 {latencies[len(latencies) // 2]:.3f} s, "
        f"p95 {latencies[int(len(latencies) * 0.95)]:.3f} s); peak connections: server {sampler.peak['server']} (pool max {_pool_max()}), "
        f"test process {sampler.peak['test']}, other {sampler.peak['other']}; {sampler.samples} samples"
    )
    assert errors == 0, failures
    assert http_ok >= HTTP_CLIENTS * 5 and socket_ok >= SOCKET_CLIENTS
    assert sampler.samples >= 10
    assert 1 <= sampler.peak["server"] <= _pool_max()
    # Every connection went back to the pool: none is left busy or inside a transaction.
    states = wait_for_states(connection.settings_dict["NAME"], [server_pid], lambda s: set(s) <= {"idle"})
    assert set(states) <= {"idle"} and sum(states.values()) <= _pool_max(), states


# ---------------------------------------------------------------------------------------------
# An exhausted pool answers 503


def _wait_for_lock_waiter(database: str, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    with psycopg.connect(host="127.0.0.1", user="postgres", dbname="postgres", autocommit=True) as conn:
        while time.monotonic() < deadline:
            row = conn.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND wait_event_type = 'Lock'", [database]
            ).fetchone()
            if row and row[0]:
                return
            time.sleep(0.05)
    raise AssertionError("the first request never reached the locked table")


@pytest.mark.timeout(120)
def test_a_pool_exhausted_past_its_timeout_answers_503_with_retry_after(one_connection_server: str) -> None:
    team = make_team("busy-")
    token = token_for(team.manager)
    headers = {"Authorization": f"Token {token}"}
    database = connection.settings_dict["NAME"]
    s = connection.settings_dict
    # Hold the server's only connection: its first request blocks on a table locked here.
    with psycopg.connect(host=s["HOST"] or "127.0.0.1", port=s["PORT"] or 5432, user=s["USER"] or "postgres",
                         dbname=database) as locker:
        locker.execute("LOCK TABLE annotation_apitoken IN ACCESS EXCLUSIVE MODE")
        with ThreadPoolExecutor(1) as executor:
            blocked = executor.submit(requests.get, one_connection_server + "/api/auth/me/", headers=headers, timeout=60)
            _wait_for_lock_waiter(database)
            started = time.monotonic()
            refused = requests.get(one_connection_server + f"/api/videos/{team.video.pk}/timeline/", headers=headers, timeout=60)
            waited = time.monotonic() - started
            locker.rollback()  # release the table: the first request completes
            first = blocked.result()
    assert refused.status_code == 503, refused.text
    assert refused.headers["Content-Type"] == "application/json"
    assert int(refused.headers["Retry-After"]) > 0
    assert "busy" in refused.json()["detail"]
    assert 1 <= waited < 10
    assert first.status_code == 200 and first.json()["username"] == team.manager.username
    # Once the connection is back the same request succeeds.
    again = requests.get(one_connection_server + f"/api/videos/{team.video.pk}/timeline/", headers=headers, timeout=60)
    assert again.status_code == 200


# ---------------------------------------------------------------------------------------------
# Workers return their connections


def _start_worker(pool: str, env: dict[str, str], log_path: Path) -> subprocess.Popen:
    log = open(log_path, "ab")  # noqa: SIM115 - closed with the process
    proc = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "-Q", "cpu", f"--pool={pool}", "--concurrency=2",
         "--loglevel=INFO", "--without-gossip", "--without-mingle", "--without-heartbeat",
         "-n", f"pooltest-{pool}-{time.monotonic_ns()}@%h"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    log.close()
    deadline = time.monotonic() + 90
    while b"ready." not in log_path.read_bytes():
        assert proc.poll() is None and time.monotonic() < deadline, log_path.read_text()[-3000:]
        time.sleep(0.2)
    return proc


@pytest.mark.worker
@pytest.mark.timeout(240)
def test_solo_and_prefork_workers_stay_within_their_pool_and_return_connections(transactional_db, tmp_path: Path) -> None:
    from annotation.models import Job
    from annotation.services import jobs as job_services

    pool_max = 2
    env = _subprocess_env({"MASKLET_DB_POOL_MIN": "1", "MASKLET_DB_POOL_MAX": str(pool_max)})
    workers = {pool: _start_worker(pool, env, tmp_path / f"{pool}.log") for pool in ("solo", "prefork")}
    try:
        team = make_team("workers-")
        database = connection.settings_dict["NAME"]
        groups = {pool: [proc.pid] for pool, proc in workers.items()}
        with ConnectionSampler(database, groups) as sampler:
            jobs = [
                job_services.job_create(project=team.project, kind="export", user=team.manager, params={"format": fmt})
                for fmt in ("coco", "sav", "davis") * 4
            ]
            deadline = time.monotonic() + 150
            while Job.objects.filter(pk__in=[j.pk for j in jobs], status__in=["queued", "running"]).exists():
                assert time.monotonic() < deadline, "exports did not finish"
                time.sleep(0.3)
        assert set(Job.objects.filter(pk__in=[j.pk for j in jobs]).values_list("status", flat=True)) == {"succeeded"}
        print(f"\nworker peak connections: solo {sampler.peak['solo']} (pool max {pool_max}), "
              f"prefork x2 {sampler.peak['prefork']} (2 children x pool max {pool_max})")
        # solo: one process, one pool. prefork: one pool per child (the parent never queries).
        assert 1 <= sampler.peak["solo"] <= pool_max
        assert sampler.peak["prefork"] <= 2 * pool_max
        for pool, pids in groups.items():
            states = wait_for_states(database, pids, lambda s: set(s) <= {"idle"})
            assert set(states) <= {"idle"}, (pool, states)
    finally:
        for proc in workers.values():
            proc.terminate()
        for proc in workers.values():
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
