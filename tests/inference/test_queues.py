"""Clicks are served by the `interactive` queue, so a long job on `batch` never blocks them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from annotation.models import FrameMask
from tests.factories import make_team, ready_video
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
