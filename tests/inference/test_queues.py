"""Clicks are served by the `interactive` queue, so a long job on `batch` never blocks them, and a
click waiting for that queue holds no database connection of the web server."""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
import requests

from annotation.jobs.workers import workers_announce, workers_withdraw
from annotation.models import FrameMask, Prompt
from annotation.services.masklets import masklet_create
from tests.factories import make_team, ready_video, token_for
from tests.inference.helpers import click, job, new_masklet, start_propagation, wait_job

pytestmark = [pytest.mark.worker, pytest.mark.usefixtures("transactional_db")]


def test_a_click_is_answered_while_a_long_propagation_runs(exclusive_workers: Callable[..., Any]) -> None:
    exclusive_workers("batch,cpu")
    exclusive_workers("interactive")
    team = make_team(frames=2)
    client = team.client("manager")
    long_video = ready_video(team.project, frames=150, width=480, height=320, name="long")
    tracked = new_masklet(client, long_video.pk)
    click(client, tracked, 0, box=[4, 14, 42, 50])
    job_id = start_propagation(client, long_video.pk, masklets=[tracked], start_frame=0)
    wait_job(client, job_id, until=lambda j: j["status"] == "running")

    other = new_masklet(client, team.video.pk)
    answer = click(client, other, 1, box=[8, 16, 42, 48])
    assert answer["mask"]["version"] == 1
    state = job(client, job_id)
    assert state["status"] == "running" and state["progress"] < 1.0, state  # the job did not hold the click up
    assert FrameMask.objects.filter(masklet_id=tracked).count() < 150

    client.post(f"/api/jobs/{job_id}/cancel/")
    assert wait_job(client, job_id)["status"] == "cancelled"


@pytest.mark.timeout(300)
def test_a_click_waiting_for_its_worker_leaves_the_servers_pool_to_other_requests(
    exclusive_workers: Callable[..., Any], one_connection_server: str
) -> None:
    """A click waits for the interactive worker (up to MASKLET["INTERACTIVE_TIMEOUT"]) without its
    database connection: on a server whose pool holds one connection, and waits one second for
    it, other requests are answered meanwhile instead of 503."""
    exclusive_workers("batch,cpu")  # nothing consumes the interactive queue yet: the click waits
    team = make_team("waiting-", frames=2)
    token = token_for(team.manager)
    headers = {"Authorization": f"Token {token}"}
    masklet = masklet_create(video=team.video, user=team.manager).pk
    url = one_connection_server
    # The queue has a live worker that has not taken the click yet (busy with another one, say),
    # as its announcement says: the click is sent and waits, instead of a 503 at once.
    busy = f"busy-interactive-{time.monotonic_ns()}@test"
    workers_announce(worker=busy, queues=["interactive"])
    try:
        with ThreadPoolExecutor(1) as executor:
            pending = executor.submit(requests.post, f"{url}/api/masklets/{masklet}/prompts/", headers=headers,
                                      json={"frame": 0, "points": [[40, 30]], "labels": [1]}, timeout=150)
            deadline = time.monotonic() + 30
            while not Prompt.objects.filter(masklet_id=masklet).exists():  # committed: the click now waits
                assert time.monotonic() < deadline and not pending.done(), pending.result() if pending.done() else None
                time.sleep(0.05)
            time.sleep(0.5)
            for path in (f"/api/videos/{team.video.pk}/timeline/", f"/api/videos/{team.video.pk}/masks/?start=0&end=1",
                         "/api/auth/me/"):
                answer = requests.get(url + path, headers=headers, timeout=30)
                assert answer.status_code == 200, (path, answer.status_code, answer.text[:200])
            assert not pending.done()
            exclusive_workers("interactive")  # a worker comes and answers the waiting click
            response = pending.result(timeout=150)
    finally:
        workers_withdraw(worker=busy)
    assert response.status_code == 200, response.text[:300]
    assert response.json()["mask"]["version"] == 1
