"""A click no interactive worker answers: 503 with words, and the prompt withdrawn, so it never
weighs on the next click. With no live worker on the queue the answer comes at once; a worker
that is announced but does not answer (it just died) is waited for up to INTERACTIVE_TIMEOUT, and
meeting the stale message later it stores nothing."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any

import pytest

from annotation.jobs.workers import queue_workers, workers_announce, workers_withdraw
from annotation.models import FrameMask, Prompt
from tests.factories import make_team
from tests.inference.helpers import click, new_masklet

pytestmark = [pytest.mark.worker, pytest.mark.usefixtures("transactional_db")]

TIMEOUT = 2  # seconds a click waits for the interactive worker (MASKLET_INTERACTIVE_TIMEOUT)


def _nobody_on_interactive(timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while queue_workers("interactive"):
        assert time.monotonic() < deadline, f"still announced: {queue_workers('interactive')}"
        time.sleep(0.2)


def _click_a_box(client: Any, masklet: int) -> tuple[Any, float]:
    """POST a box on frame 0; the answer and the seconds it took."""
    started = time.monotonic()
    response = client.post(f"/api/masklets/{masklet}/prompts/", {"frame": 0, "box": [8, 16, 42, 48]}, format="json")
    return response, time.monotonic() - started


def test_a_click_with_no_live_interactive_worker_answers_503_at_once(
    exclusive_workers: Callable[..., Any], settings: Any
) -> None:
    # exclusive_workers stopped every running worker consuming; they withdraw the queue at their
    # next announcement.
    settings.MASKLET = {**settings.MASKLET, "INTERACTIVE_TIMEOUT": 60}
    _nobody_on_interactive()
    team = make_team(frames=2)
    client = team.client("annotator")
    masklet = new_masklet(client, team.video.pk)
    response, took = _click_a_box(client, masklet)
    assert response.status_code == 503, response.content
    assert "interactive" in response.json()["detail"]
    assert took < 5  # not the 60 s timeout
    assert not Prompt.objects.filter(masklet_id=masklet).exists()  # withdrawn

    # Bad input still answers 400 first, whoever serves the queue.
    bad = client.post(f"/api/masklets/{masklet}/prompts/", {"frame": 0, "points": [[1, 2]], "labels": [7]}, format="json")
    assert bad.status_code == 400

    worker = exclusive_workers("interactive")  # announced before it says "ready."
    assert any("interactive" in name for name in queue_workers("interactive")), worker.log_path
    answer = click(client, masklet, 0, points=[[20, 30]], labels=[1])
    assert answer["mask"]["version"] == 1


def test_a_click_an_announced_worker_never_answers_waits_then_503_and_withdraws_its_prompt(
    exclusive_workers: Callable[..., Any], settings: Any
) -> None:
    settings.MASKLET = {**settings.MASKLET, "INTERACTIVE_TIMEOUT": TIMEOUT}
    _nobody_on_interactive()
    workers_announce(worker="vanished@test", queues=["interactive"])  # died after its last beat
    try:
        team = make_team(frames=2)
        client = team.client("annotator")
        masklet = new_masklet(client, team.video.pk)
        response, took = _click_a_box(client, masklet)
        assert response.status_code == 503, response.content
        assert "interactive" in response.json()["detail"]
        assert TIMEOUT <= took < TIMEOUT + 5
        assert not Prompt.objects.filter(masklet_id=masklet).exists()  # withdrawn
        assert not FrameMask.objects.filter(masklet_id=masklet).exists()
    finally:
        workers_withdraw(worker="vanished@test")

    # A worker comes back and meets the stale message first: the withdrawn click stores nothing.
    worker = exclusive_workers("interactive")
    deadline = time.monotonic() + 30
    met = re.compile(r"segment_prompt\[[\w-]+\] (succeeded|raised)|revoked task: inference\.tasks\.segment_prompt")
    while not met.search(worker.log_path.read_text()):
        assert time.monotonic() < deadline, worker.log_path.read_text()[-3000:]
        time.sleep(0.2)
    assert not FrameMask.objects.filter(masklet_id=masklet).exists()
    settings.MASKLET = {**settings.MASKLET, "INTERACTIVE_TIMEOUT": 60}
    answer = click(client, masklet, 0, points=[[20, 30]], labels=[1])
    assert answer["mask"]["version"] == 1  # the first mask of this frame: nothing came before it
    assert Prompt.objects.filter(masklet_id=masklet).count() == 1  # only the answered click is in force
